/**
 * Text fixes after launch: an edition with answers takes a change of texts only as a new text
 * version of the same edition (its answers, results and exports untouched); a change to names,
 * values, logic, validators or the order of choices is refused as before; a stale file is not a change.
 */
import t from 'tap';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { openLink } from '../helper.ts';
import { EditionSyncError, syncEditionFiles } from '../../server/surveys/edition-sync.ts';
import { findLatestVersion } from '../../server/surveys/edition-repository.ts';
import { listTextVersions } from '../../server/translations/text-version-repository.ts';
import { generateAnswers } from '../support/answer-generator.ts';
import { translationApp } from './translation-fixture.ts';
import { staffClient } from '../routes/staff/staff-client.ts';

type Def = Record<string, any>;

t.test('a text fix to an edition with answers is a new text version; any other change is refused', async (t) => {
  const { app, surveysDir } = await translationApp(t);
  const file = join(surveysDir, 'jpp-experience', '2022.json');
  const original = await readFile(file, 'utf8');
  const v1 = (await findLatestVersion(app.db, 'jpp-experience', '2022'))!;
  const link = await openLink(app, { edition: '2022', language: 'sk' });
  const submit = await app.inject({
    method: 'POST', url: `/s/${link.token}/responses`, headers: { 'content-type': 'application/json', 'idempotency-key': 'text-version-key-0001' },
    payload: JSON.stringify({ answers: generateAnswers(v1.definition, 3), locale: 'sk' }),
  });
  t.equal(submit.statusCode, 201, submit.body);
  const admin = await staffClient(app, 'admin');
  const exportUrl = `/api/exports/responses?edition=${v1.id}&format=csv`;
  const exportBefore = await admin.get(exportUrl);
  t.equal(exportBefore.statusCode, 200);

  const fixed: Def = JSON.parse(original);
  fixed.pages[1].title.sk = 'O vašej organizácii (oprava preklepu)';
  fixed.pages[1].elements[2].choices[0].text.fr = 'Acheteur public (corrigé)';
  await writeFile(file, `${JSON.stringify(fixed, null, 2)}\n`);
  const outcome = (await syncEditionFiles(app.db, surveysDir)).find((o) => o.edition === '2022')!;
  t.equal(outcome.change, 'text-version');
  t.equal(outcome.textVersion, 2);
  t.equal(outcome.changedStrings, 2);
  const after = (await findLatestVersion(app.db, 'jpp-experience', '2022'))!;
  t.equal(after.id, v1.id, 'the same edition: answers keep pointing at it');
  t.equal(after.version, 1);
  t.not(after.content_hash, v1.content_hash);
  const responses = await app.db.selectFrom('response').select('edition_id').execute();
  t.same(responses.map((r) => r.edition_id), [v1.id], 'the response is where it was');

  const page = await app.inject({ method: 'GET', url: `/s/${link.token}?lang=sk` });
  t.match(page.body, /oprava preklepu/, 'respondents see the fixed text');
  const history = await listTextVersions(app.db, v1.id);
  t.same(history.map((h) => h.number), [2, 1]);
  t.same(history[0]!.changes, [
    { id: 'page.organisation.title', languages: ['sk'] },
    { id: 'q.respondent_role.choices.procurer', languages: ['fr'] },
  ], 'the history says what changed');
  t.equal((await admin.get(exportUrl)).body, exportBefore.body, 'the export of responses is unaffected');

  const refusedChanges: [string, (d: Def) => void][] = [
    ['a renamed question', (d) => { d.pages[1].elements[2].name = 'role'; }],
    ['a changed value', (d) => { d.pages[1].elements[2].choices[0].value = 'buyer'; }],
    ['choices in another order', (d) => { d.pages[1].elements[2].choices.reverse(); }],
    ['changed logic', (d) => { d.pages[3].visibleIf = "{jpp_experience} = 'no'"; }],
    ['a changed validator', (d) => { d.pages[0].elements[1].validators[0].expression = '{consent} = false'; }],
    ['a changed type', (d) => { d.pages[1].elements[2].type = 'checkbox'; }],
  ];
  for (const [name, change] of refusedChanges) {
    const d: Def = structuredClone(fixed);
    change(d);
    await writeFile(file, `${JSON.stringify(d, null, 2)}\n`);
    const err = await syncEditionFiles(app.db, surveysDir).catch((e: unknown) => e);
    t.ok(err instanceof EditionSyncError, `refused: ${name}`);
    t.match((err as Error).message, /in more than its texts/);
    t.equal((await findLatestVersion(app.db, 'jpp-experience', '2022'))!.content_hash, after.content_hash, `nothing changed: ${name}`);
  }

  // The file as it was before the fix (say, an old checkout) is older than the database: left alone.
  await writeFile(file, original);
  const stale = (await syncEditionFiles(app.db, surveysDir)).find((o) => o.edition === '2022')!;
  t.equal(stale.change, 'unchanged');
  t.equal((await findLatestVersion(app.db, 'jpp-experience', '2022'))!.content_hash, after.content_hash, 'the fix stays');
});
