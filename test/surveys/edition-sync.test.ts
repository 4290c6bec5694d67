import t from 'tap';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildTestApp, openLink } from '../helper.ts';
import { EditionSyncError, publishEditionVersion, syncEditionFiles } from '../../server/surveys/edition-sync.ts';
import { readEditionFiles, prepareDefinition } from '../../server/surveys/edition-files.ts';
import { findLatestVersion } from '../../server/surveys/edition-repository.ts';
import { generateAnswers } from '../support/answer-generator.ts';

const repoSurveys = new URL('../../surveys/', import.meta.url).pathname;

async function copyOfSurveys(t: { teardown: (fn: () => unknown) => void }) {
  const dir = await mkdtemp(join(tmpdir(), 'jpp-surveys-'));
  await cp(repoSurveys, dir, { recursive: true });
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

t.test('the shipped editions pass every check', async (t) => {
  const { files, problems } = await readEditionFiles(repoSurveys);
  t.same(problems, []);
  t.same(files.map((f) => `${f.surveyId}/${f.edition}`).sort(), ['jpp-experience/2019', 'jpp-experience/2022']);
  for (const f of files) {
    const country = JSON.stringify(f.definition).includes('"name":"country"');
    t.ok(country, `${f.edition} asks the country, filled from the reference list`);
  }
});

t.test('remote fetches, scripts and duplicate names are refused', async (t) => {
  const lists = new Map();
  const bad = {
    pages: [{ elements: [
      { type: 'dropdown', name: 'a', choicesByUrl: { url: 'http://169.254.169.254/latest' } },
      { type: 'html', name: 'h', html: '<p onclick="x()">hi</p><script>alert(1)</script>' },
      { type: 'text', name: 'b' }, { type: 'text', name: 'b' },
      { type: 'file', name: 'upload' },
      { type: 'text', name: 'constructor' },
    ] }],
  };
  const { problems } = prepareDefinition(bad, lists);
  const text = problems.join('\n');
  t.match(text, /choicesByUrl: remote content is not allowed/);
  t.match(text, /script or active content/);
  t.match(text, /"b": the name is used twice/);
  t.match(text, /type "file" is refused: a file can identify a respondent/);
  t.match(text, /"constructor"/);
});

t.test('html in a definition is sanitised', async (t) => {
  const { definition, problems } = prepareDefinition({ pages: [{ elements: [{ type: 'html', name: 'h', html: '<p>Hello <b>you</b> <img src=x></p>' }, { type: 'text', name: 'q' }] }] }, new Map());
  t.same(problems, []);
  t.equal(JSON.stringify(definition).includes('<img'), false);
  t.match(JSON.stringify(definition), /<p>Hello <b>you<\/b>/);
});

t.test('a changed file without answers becomes a new version; with answers a change beyond texts is refused', async (t) => {
  const dir = await copyOfSurveys(t);
  const { app } = await buildTestApp(t, { SURVEYS_DIR: dir });
  const v1 = await findLatestVersion(app.db, 'jpp-experience', '2022');
  t.equal(v1?.version, 1);
  const unchanged = await syncEditionFiles(app.db, dir);
  t.same(unchanged.map((o) => o.change), ['unchanged', 'unchanged']);

  const file = join(dir, 'jpp-experience', '2022.json');
  const def = JSON.parse(await readFile(file, 'utf8'));
  await writeFile(file, JSON.stringify({ ...def, description: { default: 'Edited before launch' } }, null, 2));
  const link = await openLink(app, { edition: '2022' });
  const outcomes = await syncEditionFiles(app.db, dir);
  t.equal(outcomes.find((o) => o.edition === '2022')?.change, 'new-version');
  const v2 = await findLatestVersion(app.db, 'jpp-experience', '2022');
  t.equal(v2?.version, 2);
  const campaign = await app.db.selectFrom('campaign').select('edition_id').where('id', '=', link.campaignId).executeTakeFirstOrThrow();
  t.equal(campaign.edition_id, v2?.id, 'the campaign moved to the new version since it had no answers');

  const res = await app.inject({ method: 'POST', url: `/s/${link.token}/responses`, headers: { 'content-type': 'application/json', 'idempotency-key': 'sync-test-key-000001' }, payload: JSON.stringify({ answers: generateAnswers(v2!.definition, 5), locale: 'en' }) });
  t.equal(res.statusCode, 201, res.body);

  await writeFile(file, JSON.stringify({ ...def, description: { default: 'Edited before launch' }, showQuestionNumbers: 'off' }, null, 2));
  const err = await syncEditionFiles(app.db, dir).catch((e: unknown) => e);
  t.ok(err instanceof EditionSyncError);
  t.match((err as Error).message, /2022\.json/);
  t.match((err as Error).message, /publish the change as a new edition/);
  t.equal((await findLatestVersion(app.db, 'jpp-experience', '2022'))?.version, 2, 'nothing changed');
});

t.test('any valid SurveyJS definition can be hosted: country from the link, authority type not asked', async (t) => {
  const { app } = await buildTestApp(t);
  const prepared = prepareDefinition({ title: 'Quick poll', pages: [{ elements: [{ type: 'boolean', name: 'useful', isRequired: true }] }] }, new Map());
  const published = await publishEditionVersion(app.db, { surveyId: 'quick-poll', edition: '1', title: prepared.title, definition: prepared.definition, contentHash: prepared.contentHash }, 'upload');
  t.ok('outcome' in published);
  const link = await openLink(app, { surveyId: 'quick-poll', edition: '1', country: 'ES' });
  const res = await app.inject({ method: 'POST', url: `/s/${link.token}/responses`, headers: { 'content-type': 'application/json', 'idempotency-key': 'generic-test-key-001' }, payload: JSON.stringify({ answers: { useful: true }, locale: 'en' }) });
  t.equal(res.statusCode, 201, res.body);
  const row = await app.db.selectFrom('response').selectAll().executeTakeFirstOrThrow();
  t.equal(row.country, 'ES');
  t.equal(row.authority_type, 'not_asked');
});
