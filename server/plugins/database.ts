/**
 * Opens the database, applies the migrations and decorates `fastify.db`. The pool is closed when
 * the app closes. Repositories receive `fastify.db`; routes never build queries.
 */
import fp from 'fastify-plugin';
import type { Kysely } from 'kysely';
import { openDatabase } from '../db/database.ts';
import { migrateToLatest } from '../db/migrate.ts';
import type { Database } from '../db/schema.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** Kysely over PostgreSQL or the embedded PGlite. */
    db: Kysely<Database>;
    /** Which engine runs underneath. */
    dbKind: 'postgres' | 'pglite';
  }
}

export interface DatabasePluginOptions {
  /** Tests start the embedded database from a migrated template instead of an empty one. */
  pgliteTemplate?: Blob | undefined;
}

export default fp<DatabasePluginOptions>(
  async (fastify, opts) => {
    const { config } = fastify;
    const handle = await openDatabase({
      url: config.DATABASE_URL,
      dataDir: config.DATA_DIR,
      poolSize: config.DATABASE_POOL_SIZE,
      pgliteTemplate: opts.pgliteTemplate,
      onPoolError: (err) => fastify.log.warn({ err: { message: err.message } }, 'idle database connection lost'),
    });
    fastify.decorate('db', handle.db);
    fastify.decorate('dbKind', handle.kind);
    fastify.addHook('onClose', async () => handle.close());
    await migrateToLatest(handle.db);
  },
  { name: 'database', dependencies: ['config'] },
);
