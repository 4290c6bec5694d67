/**
 * The results pages offer an undeclared question named country like any other question; the
 * declared grouping question is offered as the grouping only.
 */
import t from 'tap';
import { questionCatalogue } from '../../analysis/question-catalogue.ts';
import { axisOptions, defaultAxes } from '../../server/results/results-service.ts';
import type { ResultsScope } from '../../server/results/results-scope.ts';
import type { Edition } from '../../server/db/schema.ts';

function scopeOf(definition: Record<string, unknown>): ResultsScope {
  return { edition: { id: 'e', definition } as unknown as Edition, catalogue: questionCatalogue(definition), filters: {} as ResultsScope['filters'], country: null, viewerMaySeeTexts: true, k: 5, demo: false };
}

t.test('an undeclared country question is an axis of its own; a declared one is not repeated', async (t) => {
  const foreign = scopeOf({ pages: [{ name: 'p', elements: [
    { type: 'dropdown', name: 'country', title: 'Favourite country', choices: ['item1', 'item2'] },
  ] }] });
  t.ok(axisOptions(foreign, '').some((o) => o.value === 'q.country'), 'offered as a question');
  t.equal(defaultAxes(foreign).rows, 'q.country');
  const declared = scopeOf({ pages: [{ name: 'p', elements: [
    { type: 'dropdown', name: 'country', grouping: 'country', choices: ['FR', 'DE'] },
    { type: 'radiogroup', name: 'fit', choices: ['yes', 'no'] },
  ] }] });
  t.notOk(axisOptions(declared, '').some((o) => o.value === 'q.country'), 'the grouping is offered once, as "Country (answered)"');
  t.equal(defaultAxes(declared).rows, 'q.fit');
});
