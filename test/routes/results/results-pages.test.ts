import t from 'tap';
import { buildTestApp } from '../../helper.ts';
import { staffClient } from '../staff/staff-client.ts';
import { seedResults, times, type Row } from '../../analysis/support/results-fixture.ts';

// 12 through the FR link (FR answered), 9 through the ES link (ES answered), k = 3.
const row = (link: 'A' | 'B', experience: string, extra: Record<string, unknown> = {}): Row => ({
  link, country: link === 'A' ? 'FR' : 'ES', authority: 'police', language: 'en',
  answers: { experience, country: link === 'A' ? 'FR' : 'ES', remarks: link === 'A' ? '<script>alert(1)</script> from FR' : 'from ES', ...extra },
});
const ROWS = [...times(8, row('A', 'yes')), ...times(4, row('A', 'no')), ...times(5, row('B', 'yes')), ...times(4, row('B', 'no'))];

async function setup(t: Parameters<typeof buildTestApp>[0]) {
  const { app } = await buildTestApp(t, { SUPPRESSION_K: '3' });
  const seeded = await seedResults(app, ROWS);
  return { app, ...seeded };
}

t.test('an analyst reads every question, every country, and the texts', async (t) => {
  const { app, editionId } = await setup(t);
  const analyst = await staffClient(app, 'analyst');
  const page = await analyst.get(`/staff/results?edition=${editionId}`);
  t.equal(page.statusCode, 200);
  t.match(page.body, /<strong>21<\/strong> responses/);
  t.match(page.body, /data-chart="\{&quot;type&quot;:&quot;bar&quot;/, 'chart configurations are escaped JSON in an attribute');
  t.notMatch(page.body, /<script>alert/, 'answers are escaped');
  t.match(page.body, /&lt;script&gt;alert\(1\)&lt;\/script&gt; from FR/);
  t.notMatch(page.body, /<script>(?!<\/script>)[^<]/, 'no inline script');
  t.match(page.body, /src="\/static\/vendor\/chart\.js\/dist\/chart\.umd\.min\.[\w-]+\.js"/);

  const api = await analyst.get(`/api/results/summary?edition=${editionId}&country=ES`, { accept: 'application/json' });
  t.equal(api.statusCode, 200);
  const summary = api.json();
  t.equal(summary.responses, 9);
  const experience = summary.questions.find((q: { name: string }) => q.name === 'experience');
  t.same(experience.choices.map((c: { count: number | null }) => c.count), [5, 4, 0]);
  t.same(summary.questions.find((q: { name: string }) => q.name === 'remarks').texts, Array(9).fill('from ES'));
});

t.test('a national contact reads their own country only, without texts', async (t) => {
  const { app, editionId } = await setup(t);
  const ipnc = await staffClient(app, 'ipnc', 'FR');
  const own = await ipnc.get(`/api/results/summary?edition=${editionId}`, { accept: 'application/json' });
  t.equal(own.json().responses, 12, 'the FR links only, without asking');
  const remarks = own.json().questions.find((q: { name: string }) => q.name === 'remarks');
  t.same([remarks.texts, remarks.withheld], [null, 'not-allowed']);
  t.notMatch(own.body, /from FR/);
  for (const query of ['link_country=ES', 'country=ES', 'link_country=FR&link_country=ES']) {
    t.equal((await ipnc.get(`/api/results/summary?edition=${editionId}&${query}`, { accept: 'application/json' })).statusCode, 404, query);
    t.equal((await ipnc.get(`/staff/results?edition=${editionId}&${query}`)).statusCode, 404, `page: ${query}`);
  }
  const page = await ipnc.get(`/staff/results?edition=${editionId}`);
  t.match(page.body, /came through <strong>FR<\/strong>/);
  t.notMatch(page.body, /name="link_country"/, 'no link-country choice');
  const groups = await ipnc.get(`/api/results/groups?edition=${editionId}&by=link_country`, { accept: 'application/json' });
  t.same(groups.json().groups.map((g: { value: string }) => g.value), ['FR']);
});

t.test('the views: groups, cross-tab, comparison, and suppressed selections', async (t) => {
  const { app, editionId } = await setup(t);
  const admin = await staffClient(app, 'admin');
  const groups = await admin.get(`/staff/results/groups?edition=${editionId}&by=country`);
  t.equal(groups.statusCode, 200);
  t.match(groups.body, /href="\/staff\/results\?edition&#x3D;[^"]*&amp;country&#x3D;FR"/, 'each open group links to its results');
  const cross = await admin.get(`/api/results/cross-tab?edition=${editionId}&rows=q.experience&columns=link_country`, { accept: 'application/json' });
  t.same(cross.json().cells.map((r: { count: number }[]) => r.map((c) => c.count)), [[8, 5], [4, 4], [0, 0]]);
  t.equal((await admin.get(`/staff/results/cross-tab?edition=${editionId}&rows=q.experience&columns=country`)).statusCode, 200);
  const bad = await admin.get(`/api/results/cross-tab?edition=${editionId}&rows=q.kinds&columns=country`, { accept: 'application/json' });
  t.equal(bad.statusCode, 422);
  t.ok(bad.json().errors.rows);
  t.equal((await admin.get(`/api/results/summary?edition=${editionId}&colour=red`, { accept: 'application/json' })).statusCode, 422, 'unknown filters are refused');
  t.equal((await admin.get(`/api/results/summary?edition=${editionId}&q.experience=maybe`, { accept: 'application/json' })).statusCode, 422);
  t.equal((await admin.get('/api/results/summary?edition=00000000-0000-4000-8000-000000000000', { accept: 'application/json' })).statusCode, 404);

  const small = await admin.get(`/staff/results?edition=${editionId}&language=fr`);
  t.equal(small.statusCode, 200);
  t.match(small.body, /No figures for this selection/);
  t.match(small.body, /Fewer than 3 responses/);
  t.notMatch(small.body, /data-chart=/);

  const compare = await admin.get(`/staff/results/compare?edition=${editionId}`);
  t.equal(compare.statusCode, 200);
  t.match(compare.body, /no earlier edition/, 'a survey with one edition has nothing to compare');
  t.equal((await admin.get('/staff/results')).statusCode, 303, 'without an edition: the newest');
});

t.test('the filters are checkboxes in named groups, the chosen ones ticked, the script on the page', async (t) => {
  const { app, editionId } = await setup(t);
  const analyst = await staffClient(app, 'analyst');
  const page = await analyst.get(`/staff/results?edition=${editionId}&country=FR`);
  t.equal(page.statusCode, 200);
  t.match(page.body, /<fieldset class="multi-select" data-multi-select>\s*<legend>Country answered<\/legend>/);
  t.match(page.body, /<input type="checkbox" name="country" value="FR" checked>/, 'the chosen country is ticked');
  t.match(page.body, /<input type="checkbox" name="country" value="ES">/, 'the others are not');
  t.notMatch(page.body, /<select[^>]+multiple/, 'no native multiple select');
  t.match(page.body, /<label class="edition-choice">Edition/, 'the edition selector has its own row');
  t.match(page.body, /src="\/static\/js\/multi-select\.[\w-]+\.js"/);
  const filtered = await analyst.get(`/staff/results?edition=${editionId}&country=FR&country=ES`);
  t.match(filtered.body, /<strong>21<\/strong> responses/, 'two ticked boxes filter as two values');
});
