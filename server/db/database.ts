/**
 * Chooses the database: PostgreSQL through pg when DATABASE_URL is set, otherwise an embedded
 * PostgreSQL (PGlite) in a data folder. Both speak the same SQL, so every query runs on both.
 */
import { mkdirSync } from 'node:fs';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import Cursor from 'pg-cursor';
import { registerPool } from './prepared-statements.ts';
import type { Database } from './schema.ts';

export interface DatabaseHandle {
  db: Kysely<Database>;
  kind: 'postgres' | 'pglite';
  /** Ends the pool or the embedded database. */
  close: () => Promise<void>;
  /** Embedded only: the data folder as a tarball, to start other instances from (tests). */
  dumpTemplate?: () => Promise<Blob>;
}

export interface DatabaseOptions {
  url?: string | undefined;
  dataDir: string;
  poolSize: number;
  /** Called when an idle pooled connection fails (e.g. the server restarted). */
  onPoolError?: (err: Error) => void;
  /** A PGlite data-folder tarball to start from instead of running initdb (tests clone a migrated one). */
  pgliteTemplate?: Blob | File | undefined;
}

// DATE columns stay 'YYYY-MM-DD' strings: parsing them into a Date would invent a time of day.
pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v);
// COUNT(*) and SUM() come back as bigint strings; every count here fits a double.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => Number(v));

export async function openDatabase(opts: DatabaseOptions): Promise<DatabaseHandle> {
  if (opts.url) {
    // No JIT: results queries are short once tallied, but a plan estimated on stale statistics
    // would spend half a second compiling before reading a few hundred counters.
    const pool = new pg.Pool({ connectionString: opts.url, max: opts.poolSize, connectionTimeoutMillis: 5000, options: '-c jit=off' });
    // Without a listener an idle client's error (a database restart) would crash the process.
    pool.on('error', (err) => opts.onPoolError?.(err));
    // The pool listens only to idle clients: a client checked out inside a transaction (waiting while
    // answers are validated) that loses its server would emit an unhandled 'error' and end the
    // process. With a listener its next query fails instead (503), and the pool drops it on release.
    pool.on('connect', (client) => client.on('error', (err) => opts.onPoolError?.(err)));
    // The cursor lets `.stream()` read big result sets in batches (response exports).
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool, cursor: Cursor }) });
    registerPool(db, pool);
    return { db, kind: 'postgres', close: () => db.destroy() };
  }
  const { PGlite, types } = await import('@electric-sql/pglite');
  const { PGliteDialect } = await import('kysely-pglite-dialect');
  const inMemory = opts.dataDir === ':memory:';
  if (!inMemory) mkdirSync(opts.dataDir, { recursive: true });
  // PostgreSQL's default 128 MB of shared buffers live in PGlite's WebAssembly memory, inside this
  // process: 32 MB took an idle server copy from 387-427 to 327-335 MB (measured, see README).
  // One session reads at a time, and the operating system still caches the data files.
  const startParams = [...PGlite.defaultStartParams, '-c', 'shared_buffers=32MB'];
  const pglite = opts.pgliteTemplate
    ? await PGlite.create({ loadDataDir: opts.pgliteTemplate, startParams })
    : new PGlite(inMemory ? undefined : opts.dataDir, { startParams });
  await pglite.waitReady;
  // PGlite 0.4 ignores parsers given to its constructor; per-query parsers work, so every query gets them.
  const parsers = {
    [types.DATE]: (v: string) => v,
    [types.INT8]: (v: string) => Number(v),
    [types.NUMERIC]: (v: string) => Number(v),
  };
  const client = {
    query: (query: string, params?: unknown[]) => pglite.query(query, params, { parsers }),
    close: () => pglite.close(),
  } as unknown as InstanceType<typeof PGlite>;
  const db = new Kysely<Database>({ dialect: new PGliteDialect(client) });
  return { db, kind: 'pglite', close: () => db.destroy(), dumpTemplate: async () => pglite.dumpDataDir('none') };
}
