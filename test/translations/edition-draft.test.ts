/**
 * Translation memory: a new edition drafted from an earlier one starts with every string whose
 * English was translated before; a string whose English is new or changed starts untranslated, and
 * the export limited to new strings holds exactly those.
 */
import t from 'tap';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { editionsDraft } from '../../server/cli/translation-commands.ts';
import { syncEditionFiles } from '../../server/surveys/edition-sync.ts';
import { exportTranslation } from '../../server/translations/translation-service.ts';
import { readXliff } from '../../server/translations/xliff-format.ts';
import { cliContext, translationApp } from './translation-fixture.ts';

t.test('editions:draft fills from earlier editions; the export of new strings holds only the rest', async (t) => {
  const { app, surveysDir, ctx } = await translationApp(t);
  const first = cliContext(app);
  await editionsDraft.run(first.ctx, ['--from', 'jpp-experience/2022', '--edition', '2025']);
  t.match(first.lines[0], /^Wrote .*2025\.json: 263 of 263 strings translated from earlier editions$/);
  t.equal(first.lines.at(-1), '0 strings to translate');

  const file = join(surveysDir, 'jpp-experience', '2025.json');
  const draft = JSON.parse(await readFile(file, 'utf8'));
  t.same(draft.pages[1].title, JSON.parse(await readFile(join(surveysDir, 'jpp-experience', '2022.json'), 'utf8')).pages[1].title, 'translations copied');
  // The author changes one English text (leaving its old translations behind) and adds a question in English.
  draft.pages[1].title = { ...draft.pages[1].title, default: 'About your organisation and its mandate' };
  draft.pages[1].elements.push({ type: 'comment', name: 'mandate', title: 'Describe your mandate in a few words.' });
  await writeFile(file, JSON.stringify(draft, null, 2));

  const refill = cliContext(app);
  await editionsDraft.run(refill.ctx, ['--from', 'jpp-experience/2022', '--edition', '2025']);
  t.equal(refill.lines.at(-1), '2 strings to translate');
  const refilled = JSON.parse(await readFile(file, 'utf8'));
  t.same(refilled.pages[1].title, { default: 'About your organisation and its mandate' }, 'stale translations of a changed English text are dropped');
  t.equal(refilled.pages[1].elements[0].title.sk, draft.pages[1].elements[0].title.sk, 'unchanged strings keep their translations');

  await syncEditionFiles(app.db, surveysDir);
  const exported = await exportTranslation(ctx, { surveyId: 'jpp-experience', edition: '2025', language: 'sk', format: 'xliff', onlyNew: true });
  const doc = readXliff(exported.body.toString('utf8'));
  t.equal(doc.scope, 'new');
  t.same(doc.units.map((u) => u.id).sort(), ['page.organisation.title', 'q.mandate.title']);
});
