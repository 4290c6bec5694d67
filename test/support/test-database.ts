/**
 * A fresh database for one test: in-memory PGlite by default, or a throwaway database on the
 * PostgreSQL server named by TEST_DATABASE_URL, created here and dropped at teardown.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase } from '../../server/db/database.ts';
import { migrateToLatest } from '../../server/db/migrate.ts';

export interface TestDatabase {
  /** DATABASE_URL for the app, or undefined for the embedded database. */
  url: string | undefined;
  drop: () => Promise<void>;
}

// Tests are the one place besides config.ts that read the environment: they choose the database.
const serverUrl = process.env.TEST_DATABASE_URL;

export function usingRealPostgres(): boolean {
  return Boolean(serverUrl);
}

export async function createTestDatabase(): Promise<TestDatabase> {
  if (!serverUrl) return { url: undefined, drop: async () => {} };
  const name = `jpp_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: serverUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

let template: Promise<Blob> | undefined;

/**
 * A migrated embedded database as a tarball, made once per test file: starting PGlite from it skips
 * initdb and the migrations, which are most of the cost of a fresh embedded database.
 */
export function pgliteTemplate(): Promise<Blob> {
  template ??= (async () => {
    const handle = await openDatabase({ dataDir: ':memory:', poolSize: 1 });
    await migrateToLatest(handle.db);
    const blob = await handle.dumpTemplate!();
    await handle.close();
    return blob;
  })();
  return template;
}
