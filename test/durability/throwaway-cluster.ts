/**
 * A PostgreSQL 15 cluster of its own for one test: initdb in a folder under /tmp owned by the
 * postgres user, on its own port, started and stopped for real with pg_ctl (run as postgres, since
 * tests run as root). available() says why it cannot run here, so the test can skip with that reason.
 */
import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const BIN = '/usr/lib/postgresql/15/bin';

export interface Cluster {
  url: string;
  port: number;
  start: () => void;
  /** `pg_ctl stop -m fast`: sessions are ended, connections refused until start(). */
  stop: () => void;
  destroy: () => void;
}

/** Undefined when a cluster can be made here, otherwise the reason it cannot. */
export function unavailableReason(): string | undefined {
  if (!existsSync(join(BIN, 'initdb')) || !existsSync(join(BIN, 'pg_ctl'))) return `the PostgreSQL 15 binaries are not in ${BIN}`;
  if (process.getuid?.() !== 0) return 'starting a cluster as the postgres user needs root';
  try {
    execFileSync('id', ['postgres'], { stdio: 'ignore' });
  } catch {
    return 'there is no postgres user';
  }
  return undefined;
}

const asPostgres = (args: string[], timeout = 60_000) =>
  execFileSync('runuser', ['-u', 'postgres', '--', ...args], { stdio: ['ignore', 'pipe', 'pipe'], timeout });

export function createCluster(port: number): Cluster {
  const dir = mkdtempSync('/tmp/jpp-pg-');
  const pgdata = join(dir, 'data');
  chownSync(dir, Number(execFileSync('id', ['-u', 'postgres']).toString().trim()), Number(execFileSync('id', ['-g', 'postgres']).toString().trim()));
  asPostgres([join(BIN, 'initdb'), '-D', pgdata, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8', '--locale', 'C']);
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c max_connections=50 -c shared_buffers=32MB`;
  const cluster: Cluster = {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    start: () => void asPostgres([join(BIN, 'pg_ctl'), '-D', pgdata, '-o', options, '-l', join(dir, 'log'), '-w', '-t', '60', 'start']),
    stop: () => void asPostgres([join(BIN, 'pg_ctl'), '-D', pgdata, '-m', 'fast', '-w', '-t', '60', 'stop']),
    destroy: () => {
      try {
        asPostgres([join(BIN, 'pg_ctl'), '-D', pgdata, '-m', 'immediate', '-w', 'stop']);
      } catch {
        // already stopped
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return cluster;
}
