/** The cross-tab opens on a pair that tells something: a rating asked of everyone, by authority type; never consent. */
import t from 'tap';
import { readFile } from 'node:fs/promises';
import { defaultAxes } from '../../server/results/results-service.ts';
import { questionCatalogue } from '../../analysis/question-catalogue.ts';
import type { ResultsScope } from '../../server/results/results-scope.ts';

for (const [edition, expected] of [['2022', 'q.jpp_attitude'], ['2019', 'q.jpp_interest']] as const) {
  t.test(`edition ${edition}`, async (t) => {
    const definition = JSON.parse(await readFile(`surveys/jpp-experience/${edition}.json`, 'utf8')) as Record<string, unknown>;
    const scope = { edition: { definition }, catalogue: questionCatalogue(definition) } as unknown as ResultsScope;
    const axes = defaultAxes(scope);
    t.same(axes, { rows: expected, columns: 'authority_type' });
    t.not(axes.rows, 'q.consent');
  });
}
