import t from 'tap';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { streamExportRows } from '../../../server/exports/response-export-repository.ts';
import { buildTestApp } from '../../helper.ts';
import { staffClient } from '../staff/staff-client.ts';
import { exportFixture, insertAnswers } from './export-fixture.ts';

const { app } = await buildTestApp(t);
const f = await exportFixture(app);
// More than one batch of the export (500 rows), so that the batch boundary is crossed.
const N = 603;
const analyst = await staffClient(app, 'analyst');
const ids = await insertAnswers(app, f, Array.from({ length: N }, (_, i) => ({ country: i % 3 ? 'FR' as const : 'ES' as const, answers: { consent: true, jpp_count: i } })));

t.test(`rows come in batches (${app.dbKind}), each once, in id order`, async (t) => {
  const seen: string[] = [];
  for await (const row of streamExportRows(app.db, app.dbKind, (qb) => qb.where('response.edition_id', '=', f.editionId), 25)) seen.push(row.id);
  t.equal(seen.length, N);
  t.same(seen, [...ids].sort(), 'every response once, ordered by id');
  const es: string[] = [];
  for await (const row of streamExportRows(app.db, app.dbKind, (qb) => qb.where('response.link_country', '=', 'ES'), 50)) es.push(row.id);
  t.equal(es.length, Math.ceil(N / 3));
});

t.test('leaving early stops reading, and the database is usable at once', async (t) => {
  let n = 0;
  for await (const _row of streamExportRows(app.db, app.dbKind, (qb) => qb, 10)) if (++n === 25) break;
  t.equal(n, 25);
  const again = await app.db.selectFrom('response').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  t.equal(Number(again.n), N);
});

t.test('a download over several batches, in every format, holds every response', async (t) => {
  const csv = await analyst.get(`/api/exports/responses?edition=${f.editionId}`, { accept: '*/*' });
  t.equal(csv.body.split('\r\n').filter(Boolean).length, N + 1);
  const json = (await analyst.get(`/api/exports/responses?edition=${f.editionId}&format=json`, { accept: '*/*' })).json() as { jpp_count: number }[];
  t.same(json.map((r) => r.jpp_count).sort((a, b) => a - b), Array.from({ length: N }, (_, i) => i));
});

t.test('a client that stops reading does not break the server', async (t) => {
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  for (const format of ['csv', 'xlsx', 'json']) {
    const controller = new AbortController();
    const res = await fetch(`http://127.0.0.1:${port}/api/exports/responses?edition=${f.editionId}&format=${format}`, { headers: { cookie: analyst.cookie }, signal: controller.signal });
    const reader = res.body!.getReader();
    await reader.read();
    controller.abort();
    await reader.cancel().catch(() => {});
  }
  const res = await fetch(`http://127.0.0.1:${port}/api/exports/responses?edition=${f.editionId}&format=csv&link_country=ES`, { headers: { cookie: analyst.cookie } });
  let lines = 0;
  await pipeline(res.body as unknown as NodeJS.ReadableStream, new Writable({ write(chunk: Buffer, _e, done) { lines += chunk.toString().split('\r\n').length - 1; done(); } }));
  t.equal(lines, Math.ceil(N / 3) + 1, 'the next export is whole');
});
