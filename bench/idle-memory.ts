/**
 * The resident memory of one idle server copy, run as `npm start` runs it (compiled JavaScript), on
 * PostgreSQL or on the embedded database: started, left alone for ten seconds (start-up work done,
 * the folder's first pass over), then VmRSS and VmHWM read from /proc.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, type ServerProcess } from './server-process.ts';

export const SERVER_JS = 'dist/server/server.js';

export interface IdleMemory {
  database: 'postgres' | 'embedded';
  rssMb: number;
  peakMb: number;
}

export async function settle(server: ServerProcess, database: IdleMemory['database']): Promise<IdleMemory> {
  await new Promise((r) => setTimeout(r, 10_000));
  return { database, rssMb: server.rssMb(), peakMb: server.peakRssMb() };
}

/**
 * The embedded database in a fresh data folder: a first start creates and migrates it, a second
 * start, as an operator's every later one, is measured.
 */
export async function measureEmbeddedIdle(port: number): Promise<IdleMemory> {
  const dataDir = mkdtempSync(join(tmpdir(), 'jpp-bench-pglite-'));
  // An empty DATABASE_URL is no DATABASE_URL (server/config.ts): the embedded database runs.
  const env = { DATABASE_URL: '', DATA_DIR: dataDir };
  try {
    const first = await startServer(SERVER_JS, env, port);
    await first.stop();
    const server = await startServer(SERVER_JS, env, port);
    try {
      return await settle(server, 'embedded');
    } finally {
      await server.stop();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
