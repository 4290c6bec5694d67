import t from 'tap';
import { buildTestApp } from '../../helper.ts';
import { staffClient } from '../staff/staff-client.ts';
import { exportFixture, handDataset, HOSTILE_TEXTS, RANKING_ORDER } from '../exports/export-fixture.ts';

const { app } = await buildTestApp(t);
const f = await exportFixture(app);
await handDataset(app, f);
const analyst = await staffClient(app, 'analyst');
const ipncFR = await staffClient(app, 'ipnc', 'FR');

async function summary(client: typeof analyst, question: string, visualizer: string, extra = '') {
  const res = await client.get(`/api/dashboard/summary?edition=${f.editionId}&question=${question}&visualizer=${visualizer}${extra}`, { accept: 'application/json' });
  return { status: res.statusCode, body: res.statusCode === 200 ? res.json() : res.json() };
}
const fr = (q: string, v: string, extra = '') => summary(ipncFR, q, v, extra);

t.test('choice, boolean and rating visualizers: counts per value, hidden ones left out', async (t) => {
  t.same((await fr('jpp_experience', 'selectBase')).body, { yes: 7 }, 'no 4 and dont_know 1 are hidden');
  t.same((await fr('jpp_experience', 'choices')).body, { yes: 7 });
  t.same((await fr('consent', 'boolean')).body, { true: 12, false: 0 });
  t.same((await fr('consent', 'options')).body, { true: 12, false: 0 });
  t.same((await fr('jpp_kinds', 'selectBase')).body, { classic_cots: 0, innovative_implementation: 0, ppi: 12, pcp: 6, innovation_partnership: 0 });
  t.same((await fr('jpp_attitude', 'selectBase')).body, { 1: 0, 2: 0, 5: 5 }, '3 (2 answers) is hidden and 4 with it');
  t.same((await fr('jpp_attitude', 'histogram')).body, [0, 0, 0, 0, 5]);
  t.same((await fr('jpp_attitude', 'number')).body, {}, 'no mean beside hidden values');
  t.same((await summary(analyst, 'jpp_experience', 'selectBase')).body, { no: 10 }, 'every country: yes 7 is hidden with dont_know 1');
});

t.test('matrix, ranking and number visualizers', async (t) => {
  t.same((await fr('jpp_phase_difficulty', 'matrix')).body, {
    needs_harmonisation: { very_easy: 0, easy: 6, neutral: 0, difficult: 0, very_difficult: 0, not_applicable: 0 },
  }, 'rows answered by fewer than k are left out');
  t.same((await fr('obstacles_rank', 'ranking')).body, Object.fromEntries(RANKING_ORDER.map((item, p) => [item, p === 0 ? 12 : 0])), 'how many put each item first');
  // jpp_count 1..12 (declared 1..100): fine bins merged left to right until each holds k: 1-5 and 6-12.
  t.same((await fr('jpp_count', 'number')).body, { value: 6.5, minValue: 1, maxValue: 100 }, 'the gauge spans the declared range, not the answers');
  t.same((await fr('jpp_count', 'histogram')).body, [5, 7]);
});

t.test('free texts: for analysts and admins only, in groups of at least k', async (t) => {
  const text = await summary(analyst, 'comments', 'text');
  t.same(text.body, { columnCount: 1, data: [...HOSTILE_TEXTS].sort((a, b) => a.localeCompare(b)).map((x) => [x]) });
  const words = (await summary(analyst, 'comments', 'wordcloud')).body as Record<string, number>;
  t.equal(words.framework, 1);
  t.equal(words.partners, 1);
  t.equal((await fr('comments', 'text')).status, 404, 'an IPNC has no free-text visualizer');
  t.same((await summary(analyst, 'comments', 'text', '&link_country=ES')).body, { columnCount: 1, data: [] }, 'a text question answered by fewer than k');
});

t.test('a filtered group under k returns the empty shape of each visualizer', async (t) => {
  const q = '&authority_type=border_guard';
  t.same((await fr('jpp_experience', 'selectBase', q)).body, {});
  t.same((await fr('jpp_phase_difficulty', 'matrix', q)).body, {});
  t.same((await fr('jpp_count', 'histogram', q)).body, []);
  t.same((await fr('jpp_count', 'number', q)).body, {});
  t.same((await summary(analyst, 'comments', 'text', q)).body, { columnCount: 1, data: [] });
});

t.test('Dashboard click filters narrow the figures; only equality on a choice question', async (t) => {
  const filter = (x: unknown) => `&filter=${encodeURIComponent(JSON.stringify(x))}`;
  t.same((await fr('consent', 'boolean', filter([{ field: 'jpp_experience', type: '=', value: 'yes' }]))).body, { true: 7, false: 0 });
  t.same((await fr('consent', 'boolean', filter([{ field: 'jpp_experience', type: '=', value: 'no' }]))).body, {}, '4 responses: under k');
  t.same((await fr('jpp_count', 'histogram', filter([{ field: 'jpp_experience', type: '=', value: 'yes' }]))).body, [], 'answers 1..7 in the page intervals 1-5 and 6-12: a bin of 2 hides the whole histogram');
  t.same((await fr('jpp_count', 'histogram', filter([{ field: 'jpp_kinds', type: '=', value: 'ppi' }]))).body, [5, 7], 'a checkbox answer as a filter: every FR response chose ppi');
  const bad = await fr('consent', 'boolean', filter([{ field: 'jpp_phase_difficulty', type: '=', value: { needs_harmonisation: 'easy' } }]));
  t.equal(bad.status, 422);
  t.equal((await fr('consent', 'boolean', filter([{ field: 'comments', type: '=', value: 'x' }]))).status, 422, 'free texts cannot filter');
  t.equal((await fr('consent', 'boolean', '&filter=notjson')).status, 422);
});

t.test('scope and input checks', async (t) => {
  t.equal((await fr('jpp_experience', 'selectBase', '&link_country=ES')).status, 404, 'an IPNC asking for another country');
  t.equal((await fr('nope', 'selectBase')).status, 404);
  t.equal((await fr('jpp_experience', 'pie')).status, 422);
  const anon = await app.inject({ method: 'GET', url: `/api/dashboard/summary?edition=${f.editionId}&question=consent&visualizer=boolean`, headers: { accept: 'application/json' } });
  t.equal(anon.statusCode, 401);
});

t.test('the page: served from the project, configuration in a data attribute, no inline script', async (t) => {
  const res = await ipncFR.get(`/staff/dashboard?edition=${f.editionId}`);
  t.equal(res.statusCode, 200);
  const scripts = [...res.body.matchAll(/<script([^>]*)>/g)].map((m) => m[1]!);
  t.ok(scripts.every((s) => /src="\/static\//.test(s)), 'every script is a file of this server');
  // Hashed names (plotly.min.<hash>.js, ...), in the order of the script tags.
  const sources = scripts.join(' ');
  const order = ['plotly.min.', 'survey.core.min.', 'survey.analytics.min.', 'dashboard-page.'].map((x) => sources.indexOf(x));
  t.same([...order].sort((a, b) => a - b), order, 'Plotly, then survey-core, then survey-analytics, then the page');
  t.ok(order.every((i) => i >= 0));
  const raw = res.body.match(/data-config="([^"]*)"/)?.[1] ?? '';
  const config = JSON.parse(raw.replace(/&quot;/g, '"').replace(/&#x27;/g, "'").replace(/&#x3D;/g, '=').replace(/&#x60;/g, '`').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&')) as {
    questions: string[]; summaryUrl: string; questionOptions: Record<string, { intervals: { start: number; end: number }[] }>; licenseKey: string | null;
  };
  t.ok(config.questions.includes('jpp_experience'));
  t.notOk(config.questions.includes('comments'), 'an IPNC gets no free-text visualizer');
  t.match(config.summaryUrl, /^\/api\/dashboard\/summary\?edition=.*link_country=FR/);
  t.same(config.questionOptions.jpp_count?.intervals.map((i) => [i.start, i.end]), [[1, 6], [6, 13]]);
  t.equal(config.licenseKey, null);
  t.notOk(/https?:\/\/(?!localhost|127\.0\.0\.1)/.test(res.body.replace(/<a [^>]*>/g, '')), 'nothing from another host');
  const redirect = await ipncFR.get('/staff/dashboard');
  t.equal(redirect.statusCode, 303, 'without an edition, the newest one');
});
