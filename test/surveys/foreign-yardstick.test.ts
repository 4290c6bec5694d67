/**
 * The yardstick of definitions written by others (test/fixtures/foreign/, in the style of public
 * SurveyJS form libraries: an HR review, a clinic intake, an event registration, a product
 * feedback): each publishes as written, takes the answers survey-core's page sends (201), and every
 * question that was answered appears in the results with figures, its parts too. A definition with a
 * file upload and a signature is refused with both questions named in one message.
 */
import t from 'tap';
import { readFileSync } from 'node:fs';
import { resultFilters } from '../../analysis/filters.ts';
import { derivedValues } from '../../analysis/nested-sources.ts';
import { questionCatalogue } from '../../analysis/question-catalogue.ts';
import { summarizeEdition } from '../../analysis/question-aggregates.ts';
import { prepareDefinition } from '../../server/surveys/edition-files.ts';
import { buildTestApp } from '../helper.ts';
import { FOREIGN_ANSWERS } from '../support/foreign-answers.ts';
import { publishAndLink } from '../support/publish-definition.ts';

const K = 3;
const read = (name: string) => JSON.parse(readFileSync(new URL(`../fixtures/foreign/${name}.json`, import.meta.url), 'utf8')) as Record<string, unknown>;
const { app } = await buildTestApp(t, { SUPPRESSION_K: String(K) });

for (const [name, answerSets] of Object.entries(FOREIGN_ANSWERS)) {
  t.test(`${name}: published as written, answered, read back in the results`, async (t) => {
    const link = await publishAndLink(app, name, read(name));
    let seq = 0;
    // Each answer set three times: a part answered once is then a group of 3, shown with k = 3.
    for (const answers of [...answerSets, ...answerSets, ...answerSets]) {
      const res = await app.inject({
        method: 'POST', url: `/s/${link.token}/responses`,
        headers: { 'content-type': 'application/json', 'idempotency-key': `${name}-${++seq}-abcdefghijkl` },
        payload: JSON.stringify({ answers, locale: 'en' }),
      });
      t.equal(res.statusCode, 201, `answer set ${seq}: ${res.body.slice(0, 300)}`);
    }
    const definition = (await app.db.selectFrom('edition').select('definition').where('id', '=', link.editionId).executeTakeFirstOrThrow()).definition as Record<string, unknown>;
    const summary = await summarizeEdition(app.db, definition, resultFilters({ editionId: link.editionId }), { k: K, viewerMaySeeTexts: true });
    if (summary.suppressed) throw new Error('suppressed');
    t.equal(summary.responses, answerSets.length * 3);
    for (const q of questionCatalogue(definition)) {
      const given = answerSets.filter((a) => (q.nested ? derivedValues(a, q.key).length > 0 : a[q.key] !== undefined)).length;
      const s = summary.questions.find((x) => x.name === q.name);
      if (given === 0) continue;
      t.ok(s && !s.suppressed && s.base > 0, `${q.name} (${q.kind}): answered in ${given} responses, shown with figures`);
    }
  });
}

t.test('a definition with a file upload and a signature is refused, both named in one message', async (t) => {
  const r = prepareDefinition(read('refused-file-and-signature'), app.reference.lists);
  const text = r.problems.join('\n');
  t.match(text, /"certificate": type "file" is refused/);
  t.match(text, /"signature": type "signaturepad" is refused/);
});
