/**
 * The physical limit the benchmark compares submissions with: a bare Fastify server outside the
 * product (none of its plugins or hooks) that stores the same JSON bodies in a minimal table
 * (id, link, answers, date) through one pg pool, one INSERT per request. Started by the benchmark as
 * a child process on its own port; it answers the same path as the product's in-app baseline.
 */
import { randomUUID } from 'node:crypto';
import Fastify from 'fastify';
import pg from 'pg';

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.DATABASE_POOL_SIZE ?? 10) });
await pool.query('create table if not exists bench_limit (id uuid primary key, link text not null, answers jsonb not null, date date not null)');

const app = Fastify({ logger: false });
app.get('/readyz', async () => ({ status: 'ready' }));
app.post<{ Params: { token: string }; Body: { answers: unknown } }>('/bench/baseline/:token', async (request, reply) => {
  const id = randomUUID();
  await pool.query({ name: 'limit-insert', text: 'insert into bench_limit (id, link, answers, date) values ($1, $2, $3, current_date)', values: [id, request.params.token, JSON.stringify(request.body.answers)] });
  return reply.status(201).send({ id });
});

await app.listen({ host: '127.0.0.1', port: Number(process.env.PORT) });
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    void app.close().then(() => pool.end()).then(() => process.exit(0));
  });
}
