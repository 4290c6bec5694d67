/**
 * The nested types in the string catalogue: matrix columns (identified by their name), their cell
 * choices, multiple text items, dynamic panel texts and template questions, image picker choices.
 * Round trip on the nested fixture: every id is stable, a translation set through the catalogue is
 * found again under the same id, and survey-core shows it to a respondent in that language.
 */
import t from 'tap';
import { readFileSync } from 'node:fs';
import { Model, type Question } from 'survey-core';
import { buildCatalogue, setTranslation } from '../../server/translations/string-catalogue.ts';

const fixture = JSON.parse(readFileSync(new URL('../fixtures/nested-types.json', import.meta.url), 'utf8')) as Record<string, unknown>;
// Plain string choices carry no text of their own (the value is shown): written out as items here.
const withTexts = JSON.parse(JSON.stringify(fixture, (key, v: unknown) =>
  key === 'choices' && Array.isArray(v) ? v.map((c) => (typeof c === 'string' ? { value: c, text: c[0]!.toUpperCase() + c.slice(1) } : c)) : v)) as Record<string, unknown>;

const EXPECTED: Record<string, string> = {
  'q.partners.columns.role.title': 'Role',
  'q.partners.columns.role.choices.observer': 'Observer',
  'q.partners.columns.why.title': 'Why only observing?',
  'q.lots.columns.kind.title': 'Kind',
  'q.lots.columns.kind.choices.works': 'Works',
  'q.lots.addRowText': 'Add a lot',
  'q.procurements.templateTitle': 'Procurement {panelIndex}',
  'q.procurements.panelAddText': 'Add a procurement',
  'q.year.title': 'Year',
  'q.outcome.choices.cancelled': 'Cancelled',
  'q.cancel_reason.title': 'Why was it cancelled?',
  'q.contact.items.unit.title': 'Unit name',
  'q.contact.items.staff.title': 'Staff',
  'q.channel.choices.portal': 'National portal',
  'q.channel.choices.ted': 'TED',
};

t.test('every translatable string of the nested types has a stable id', async (t) => {
  const cat = buildCatalogue(structuredClone(withTexts));
  for (const [id, source] of Object.entries(EXPECTED)) t.equal(cat.byId.get(id)?.source, source, id);
  t.notOk(cat.entries.some((e) => e.id.includes('#')), 'no id depends on a position');
  t.notOk(cat.entries.some((e) => e.id.includes('~')), 'no id needed a suffix to be unique');
  const reordered = structuredClone(withTexts) as { pages: { elements: { columns?: unknown[]; items?: unknown[] }[] }[] };
  for (const el of reordered.pages.flatMap((p) => p.elements)) { el.columns?.reverse(); el.items?.reverse(); }
  const again = buildCatalogue(reordered as unknown as Record<string, unknown>);
  t.same(new Map(again.entries.map((e) => [e.id, e.source])), new Map(cat.entries.map((e) => [e.id, e.source])), 'reordering columns and items keeps every id and text');
});

t.test('round trip: translated through the catalogue, found again by id, shown by survey-core', async (t) => {
  const def = structuredClone(withTexts);
  const cat = buildCatalogue(def);
  for (const id of Object.keys(EXPECTED)) setTranslation(cat.byId.get(id)!, 'fr', `FR ${EXPECTED[id]}`);
  const back = buildCatalogue(JSON.parse(JSON.stringify(def)) as Record<string, unknown>);
  for (const [id, source] of Object.entries(EXPECTED)) {
    t.same(back.byId.get(id)?.texts, { default: source, fr: `FR ${source}` }, id);
  }

  const m = new Model(def);
  m.locale = 'fr';
  const q = (name: string) => m.getQuestionByName(name) as Question & Record<string, any>;
  t.equal(q('partners').columns.find((c: { name: string }) => c.name === 'role').title, 'FR Role');
  t.equal(q('partners').columns.find((c: { name: string }) => c.name === 'role').choices[1].text, 'FR Observer');
  t.equal(q('lots').columns.find((c: { name: string }) => c.name === 'kind').choices[2].text, 'FR Works');
  t.equal(q('lots').addRowText, 'FR Add a lot');
  t.equal(q('procurements').panelAddText, 'FR Add a procurement');
  t.equal(q('procurements').panels[0].getQuestionByName('year').title, 'FR Year');
  t.equal(q('procurements').panels[0].getQuestionByName('outcome').choices[1].text, 'FR Cancelled');
  t.equal(q('contact').items.find((i: { name: string }) => i.name === 'unit').title, 'FR Unit name');
  t.equal(q('channel').choices[0].text, 'FR National portal');
  m.locale = 'en';
  t.equal(q('partners').columns.find((c: { name: string }) => c.name === 'role').title, 'Role', 'English unchanged');
});
