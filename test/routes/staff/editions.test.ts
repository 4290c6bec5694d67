/**
 * Editions in the admin console: publishing uploaded SurveyJS JSON with the same checks as the
 * files, immutability once answered, the preview that stores nothing, and titles rendered escaped.
 */
import { readFileSync } from 'node:fs';
import t from 'tap';
import { buildTestApp, openLink } from '../../helper.ts';
import { staffClient } from './staff-client.ts';

const base = JSON.parse(readFileSync('surveys/jpp-experience/2022.json', 'utf8')) as Record<string, unknown>;
const withTitle = (title: string) => JSON.stringify({ ...base, title });

// One app for the file (building one takes seconds); each test uses its own edition names.
const { app } = await buildTestApp(t);
const admin = await staffClient(app, 'admin');
const test = t.test.bind(t);

test('an admin publishes an uploaded edition; the same upload again publishes nothing; a change is a new version', async (t) => {
  const first = await admin.post('/staff/editions', { surveyId: 'jpp-experience', edition: 'test-2030', definition: withTitle('Edition 2030') });
  t.equal(first.statusCode, 303);
  t.match(first.headers.location, /^\/staff\/editions\/[0-9a-f-]{36}\?notice=published$/);
  const row = await app.db.selectFrom('edition').selectAll().where('edition', '=', 'test-2030').executeTakeFirstOrThrow();
  t.equal(row.source, 'upload');
  t.equal(row.version, 1);
  t.equal(row.title, 'Edition 2030');
  const page = await admin.get(first.headers.location as string);
  t.match(page.body, /Published as version 1/);
  t.match(page.body, new RegExp(row.content_hash));

  const again = await admin.post('/staff/editions', { surveyId: 'jpp-experience', edition: 'test-2030', definition: withTitle('Edition 2030') });
  t.match(again.headers.location, /notice=unchanged/);
  const changed = await admin.post('/staff/editions', { surveyId: 'jpp-experience', edition: 'test-2030', definition: withTitle('Edition 2030, revised') });
  t.equal(changed.statusCode, 303);
  const versions = await app.db.selectFrom('edition').select('version').where('edition', '=', 'test-2030').orderBy('version').execute();
  t.same(versions.map((v) => v.version), [1, 2]);
  const audit = await app.db.selectFrom('audit_event').selectAll().where('action', '=', 'edition.publish').execute();
  t.equal(audit.length, 2, 'each publication audited, the unchanged upload not');
  t.equal(audit[0]!.actor, admin.email);

  const list = await admin.get('/staff/editions');
  t.match(list.body, /jpp-experience\/test-2030/);
  t.match(list.body, /Edition 2030, revised/);
});

test('an edition with answers stays immutable: a changed upload is refused with the reason', async (t) => {
  await admin.post('/staff/editions', { surveyId: 'jpp-experience', edition: 'test-2031', definition: withTitle('Edition 2031') });
  const { token } = await openLink(app, { edition: 'test-2031' });
  const save = await app.inject({ method: 'POST', url: `/s/${token}/progress`, headers: { 'content-type': 'application/json' }, payload: { answers: {}, locale: 'en', page: 0 } });
  t.equal(save.statusCode, 200, 'a respondent has started');
  // A text-only change becomes a text version (Translations); a change of logic, here a page more, is refused.
  const changed = JSON.stringify({ ...base, title: 'Edition 2031, changed', pages: [...(base.pages as unknown[]), { name: 'extra', elements: [{ type: 'comment', name: 'extra_remarks', title: 'More?' }] }] });
  const refused = await admin.post('/staff/editions', { surveyId: 'jpp-experience', edition: 'test-2031', definition: changed });
  t.equal(refused.statusCode, 409);
  t.match(refused.body, /already has 1 response\(s\), in more than its texts \(pages: 9 items became 10\)/);
  t.match(refused.body, /Edition 2031, changed/, 'the form keeps what was typed');
  const rows = await app.db.selectFrom('edition').select(['version', 'title']).where('edition', '=', 'test-2031').execute();
  t.same(rows, [{ version: 1, title: 'Edition 2031' }]);
});

test('uploads pass the same checks as the files', async (t) => {
  const before = (await app.db.selectFrom('edition').select('id').execute()).length;

  const notJson = await admin.post('/staff/editions', { surveyId: 'jpp-experience', edition: 'x', definition: '{"title": ' });
  t.equal(notJson.statusCode, 422);
  t.match(notJson.body, /This is not valid JSON/);

  const badNames = await admin.post('/staff/editions', { surveyId: 'JPP Experience', edition: '../2030', definition: withTitle('x') });
  t.equal(badNames.statusCode, 422);
  t.match(badNames.body, /surveyId: Use lower-case letters/);
  t.match(badNames.body, /edition: Use lower-case letters/);

  const remote = JSON.stringify({ title: 'Remote', pages: [{ name: 'p', elements: [{ type: 'dropdown', name: 'c', choicesByUrl: { url: 'https://example.org/x' } }] }] });
  const refused = await admin.post('/staff/editions', { surveyId: 'jpp-experience', edition: 'remote', definition: remote });
  t.equal(refused.statusCode, 422);
  t.match(refused.body, /remote content is not allowed/);

  const script = JSON.stringify({ title: 'S', pages: [{ name: 'p', elements: [{ type: 'html', name: 'h', html: '<script>alert(1)</script>' }, { type: 'text', name: 't' }] }] });
  const scripted = await admin.post('/staff/editions', { surveyId: 'jpp-experience', edition: 'scripted', definition: script });
  t.equal(scripted.statusCode, 422);
  t.match(scripted.body, /script or active content is not allowed/);
  t.notMatch(scripted.body, /<script>alert/, 'the refused text is shown escaped');

  t.equal((await app.db.selectFrom('edition').select('id').execute()).length, before, 'nothing published');
});

test('an edition that comes from a file is changed through its file, not by upload', async (t) => {
  const res = await admin.post('/staff/editions', { surveyId: 'jpp-experience', edition: '2022', definition: withTitle('Changed by upload') });
  t.equal(res.statusCode, 409);
  t.match(res.body, /comes from the file surveys\/jpp-experience\/2022\.json/);
});

test('a definition larger than the general body limit can still be uploaded', async (t) => {
  const big = JSON.stringify({ ...base, title: 'Big', description: 'x'.repeat(300 * 1024) });
  const res = await admin.post('/staff/editions', { surveyId: 'jpp-experience', edition: 'big', definition: big });
  t.equal(res.statusCode, 303);
});

test('the preview renders the respondent page and stores nothing', async (t) => {
  const edition = await app.db.selectFrom('edition').selectAll().where('edition', '=', '2022').executeTakeFirstOrThrow();
  const countRows = async () => ({
    responses: (await app.db.selectFrom('response').select('id').execute()).length,
    campaigns: (await app.db.selectFrom('campaign').select('id').execute()).length,
    links: (await app.db.selectFrom('link').select('id').execute()).length,
  });
  const before = await countRows();
  const page = await admin.get(`/staff/editions/${edition.id}/preview?lang=fr`);
  t.equal(page.statusCode, 200);
  t.match(page.body, /id="survey-root"/);
  t.match(page.body, /\/static\/js\/staff-preview\.[\w-]+\.js/);
  t.notMatch(page.body, /survey-page\.js/, 'not the script that saves and submits');
  t.match(page.body, /data-token=""/);
  t.match(page.body, /data-locale="fr"/);
  t.match(page.headers['content-security-policy'], /script-src 'self'/);
  t.notMatch(page.body, /<script>(?!<\/script>)[^<]/, 'no inline script');
  t.same(await countRows(), before, 'nothing stored');
});

test('survey titles are rendered escaped on every staff page that shows them', async (t) => {
  const payload = '<img src=x onerror=alert(1)>"\'&';
  // Written straight into the database: the checks would refuse it, the pages must still be safe.
  const edition = await app.db.selectFrom('edition').selectAll().where('edition', '=', '2022').executeTakeFirstOrThrow();
  await app.db.updateTable('edition').set({ title: payload, definition: JSON.stringify({ ...edition.definition, title: payload }) }).where('id', '=', edition.id).execute();
  const { campaignId } = await openLink(app);
  await app.db.updateTable('campaign').set({ name: payload }).where('id', '=', campaignId).execute();
  for (const url of ['/staff/editions', `/staff/editions/${edition.id}`, `/staff/editions/${edition.id}/preview`, '/staff/campaigns', `/staff/campaigns/${campaignId}/window`]) {
    const res = await admin.get(url);
    t.equal(res.statusCode, 200, url);
    t.notOk(res.body.includes('<img src=x'), `${url}: no raw markup`);
    t.ok(res.body.includes('&lt;img src&#x3D;x onerror&#x3D;alert(1)&gt;'), `${url}: shown escaped`);
  }
});

test("the edition page shows the survey's structure, its logic and the preview, the JSON only on request", async (t) => {
  const edition = await app.db.selectFrom('edition').select('id').where('survey_id', '=', 'jpp-experience').where('edition', '=', '2022').orderBy('version', 'desc').executeTakeFirstOrThrow();
  const page = await admin.get(`/staff/editions/${edition.id}`);
  t.equal(page.statusCode, 200);
  const body = page.body;
  t.match(body, /<h2 id="structure-title">Pages and questions<\/h2>/);
  t.equal((body.match(/<li class="structure-page">/g) ?? []).length, 9, 'the nine pages of 2022');
  t.match(body, /Page shown if <code>\{jpp_experience\} (=|&#x3D;) (&#x27;|')yes(&#x27;|')<\/code>/, "a page's condition");
  t.match(body, /Shown if \{jpp_again\}/, "a question's condition");
  t.match(body, /Grid \(\d+ rows × 5 columns\)/, 'types in words');
  t.match(body, /Ranking \(\d+ items\)/);
  t.match(body, /Tick box/);
  t.match(body, `href="/staff/editions/${edition.id}/preview"`, 'the preview');
  const beforeJson = body.slice(0, body.indexOf('<details class="definition-json">'));
  t.notMatch(beforeJson, /&quot;elements&quot;|"elements"/, 'no raw JSON outside the folded block');
});

test('the upload page lists the hosted and refused types with the reasons; a refusal lists every refused question', async (t) => {
  const page = await admin.get('/staff/editions/new');
  t.equal(page.statusCode, 200);
  for (const type of ['text', 'radiogroup', 'matrix', 'expression', 'image']) t.match(page.body, new RegExp(`<code>${type}</code>: `), type);
  t.match(page.body, /<code>file<\/code>: a file can identify a respondent, and this platform stores no files/);
  t.match(page.body, /<code>signaturepad<\/code>: a signature identifies a respondent/);
  t.match(page.body, /<code>paneldynamic<\/code>: a group of questions the respondent repeats/, 'a nested type is listed as hosted');
  const refused = await admin.post('/staff/editions', { surveyId: 'foreign', edition: 'types', definition: JSON.stringify({ pages: [{ name: 'p', elements: [
    { type: 'file', name: 'cv' }, { type: 'panel', name: 'old', questions: [{ type: 'signaturepad', name: 'sign' }, { type: 'matrixdynamic', name: 'rows', columns: [{ name: 'scan', cellType: 'file' }] }] },
    { type: 'paneldynamic', name: 'repeat', templateElements: [{ type: 'signaturepad', name: 'sig' }] },
  ] }] }) });
  t.equal(refused.statusCode, 422);
  for (const q of ['cv', 'sign', 'sig']) t.match(refused.body, new RegExp(`question &quot;${q}&quot;: type &quot;\\w+&quot; is refused`), q);
  t.match(refused.body, /question &quot;rows&quot;, column &quot;scan&quot;: cell type &quot;file&quot; is refused/, 'a file cell of a dynamic matrix');
  t.match(refused.body, /<code>file<\/code>: a file can identify/, 'the lists stay on the page after a refusal');
  t.equal(Number((await app.db.selectFrom('edition').select((eb) => eb.fn.countAll().as('n')).where('survey_id', '=', 'foreign').executeTakeFirstOrThrow()).n), 0);
});
