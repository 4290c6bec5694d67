import t from 'tap';
import { filterQueryString, parseFilterQuery } from '../../analysis/filter-query.ts';
import { checkQuestionFilters, AnalysisInputError } from '../../analysis/analysis-input.ts';
import { questionCatalogue } from '../../analysis/question-catalogue.ts';
import { allTypes } from './support/results-fixture.ts';

const edition = '0b8d6a7e-5a8e-4b59-9d0e-7a1c3f0e2b11';

t.test('reads every filter from a query string, repeated keys as alternatives', async (t) => {
  const parsed = parseFilterQuery({
    country: ['FR', 'ES'], link_country: 'FR', authority_type: 'police', channel: 'event', language: ['fr'], status: 'all',
    'q.experience': ['yes', 'no'], 'q.kinds': 'pcp', wave: edition,
  }, { editionId: edition });
  t.same(parsed, {
    ok: true,
    filters: {
      editionId: edition, country: ['FR', 'ES'], linkCountry: ['FR'], authorityType: ['police'], channel: ['event'], language: ['fr'],
      wave: [edition], status: 'all', questions: [{ question: 'experience', values: ['yes', 'no'] }, { question: 'kinds', values: ['pcp'] }],
    },
  });
  if (parsed.ok) t.equal(filterQueryString(parsed.filters), 'country=FR&country=ES&link_country=FR&authority_type=police&channel=event&language=fr&wave=0b8d6a7e-5a8e-4b59-9d0e-7a1c3f0e2b11&status=all&q.experience=yes&q.experience=no&q.kinds=pcp');
  t.same(parseFilterQuery({}, { editionId: edition }), {
    ok: true,
    filters: { editionId: edition, country: [], linkCountry: [], authorityType: [], channel: [], language: [], wave: [], status: 'complete', questions: [] },
  }, 'complete responses by default');
});

t.test('refuses what it does not understand, per parameter', async (t) => {
  const bad = parseFilterQuery({ country: 'France', status: 'partial', 'q.experience': '', colour: 'red', 'q.x': 'v'.repeat(300), language: 'FR' }, { editionId: edition });
  t.equal(bad.ok, false);
  if (!bad.ok) {
    t.same(Object.keys(bad.errors).sort(), ['colour', 'country', 'language', 'q.x', 'status']);
    t.match(bad.errors.colour, ['is not a results filter']);
  }
  const noEdition = parseFilterQuery({});
  t.equal(noEdition.ok, false);
  if (!noEdition.ok) t.ok(noEdition.errors.edition);
  t.equal(parseFilterQuery({ by: 'country' }, { editionId: edition, allow: ['by'] }).ok, true, 'a parameter the route reads itself');
});

t.test('question filters must fit the edition', async (t) => {
  const catalogue = questionCatalogue(allTypes);
  const parse = (query: Record<string, string>) => {
    const p = parseFilterQuery(query, { editionId: edition });
    if (!p.ok) throw new Error('unexpected');
    return p.filters;
  };
  t.doesNotThrow(() => checkQuestionFilters(parse({ 'q.experience': 'yes', 'q.again': 'true', 'q.satisfaction': '4' }), catalogue));
  for (const [query, key] of [[{ 'q.nope': 'yes' }, 'q.nope'], [{ 'q.remarks': 'x' }, 'q.remarks'], [{ 'q.experience': 'maybe' }, 'q.experience']] as const) {
    t.throws(() => checkQuestionFilters(parse(query), catalogue), AnalysisInputError);
    try {
      checkQuestionFilters(parse(query), catalogue);
    } catch (err) {
      t.ok((err as AnalysisInputError).details[key], key);
    }
  }
});
