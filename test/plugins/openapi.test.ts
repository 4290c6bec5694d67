import t from 'tap';
import { buildTestApp } from '../helper.ts';

t.test('serves an OpenAPI document generated from the route schemas', async (t) => {
  const { app } = await buildTestApp(t);
  const res = await app.inject({ method: 'GET', url: '/api/openapi.json' });
  t.equal(res.statusCode, 200);
  t.match(res.headers['content-type'], /application\/json/);
  const doc = res.json() as { openapi: string; info: { title: string }; paths: Record<string, Record<string, { tags?: string[]; requestBody?: unknown }>> };
  t.equal(doc.openapi, '3.0.3');
  t.equal(doc.info.title, 'JPP surveys API');
  const submit = doc.paths['/s/{token}/responses']?.post;
  t.ok(submit, 'the respondent submission is described');
  t.same(submit?.tags, ['respondent']);
  t.ok(submit?.requestBody, 'with its body schema from zod');
  for (const path of ['/api/exports/codebook', '/api/exports/responses', '/api/exports/aggregates', '/api/dashboard/summary']) t.ok(doc.paths[path]?.get, `GET ${path} is described`);
  const summary = doc.paths['/api/dashboard/summary']?.get as unknown as { parameters: { name: string; in: string }[] };
  t.ok(summary.parameters.some((p) => p.name === 'visualizer' && p.in === 'query'), 'with its query parameters');
  t.notOk(doc.paths['/staff/exports'] || doc.paths['/staff/dashboard'], 'staff pages are not part of the API');
  t.notOk(doc.paths['/s/{token}'], 'pages are not part of the API');
  t.notOk(doc.paths['/healthz'], 'health checks are not part of the API');
  t.notOk(Object.keys(doc.paths).some((p) => p.startsWith('/vendor') || p.startsWith('/assets')), 'assets are not part of the API');
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) t.ok(op.tags?.length, `${method.toUpperCase()} ${path} is tagged`);
  }
});
