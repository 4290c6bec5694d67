/** A response's country and authority type come from declared questions only, on both databases. */
import t from 'tap';
import { buildTestApp } from '../../helper.ts';
import { publishAndLink } from '../../support/publish-definition.ts';
import { publishEditionVersion } from '../../../server/surveys/edition-sync.ts';
import { prepareDefinition } from '../../../server/surveys/edition-files.ts';

let seq = 0;
const submit = (app: Awaited<ReturnType<typeof buildTestApp>>['app'], token: string, answers: unknown) => app.inject({
  method: 'POST', url: `/s/${token}/responses`,
  headers: { 'content-type': 'application/json', 'idempotency-key': `grouping-key-${Date.now()}-${++seq}-abcdef` },
  payload: JSON.stringify({ answers, locale: 'en' }),
});
const row = (app: Awaited<ReturnType<typeof buildTestApp>>['app'], id: string) =>
  app.db.selectFrom('response').select(['country', 'link_country', 'authority_type', 'answers']).where('id', '=', id).executeTakeFirstOrThrow();

t.test('a foreign question named country is an ordinary question: the link gives the country', async (t) => {
  const { app } = await buildTestApp(t);
  const link = await publishAndLink(app, 'foreign', { elements: [
    { type: 'dropdown', name: 'country', choices: ['item1', 'item2'] },
    { type: 'radiogroup', name: 'authority_type', choices: ['item1', 'item2'] },
  ] }, { country: 'ES' });
  const res = await submit(app, link.token, { country: 'item1', authority_type: 'item2' });
  t.equal(res.statusCode, 201, res.body);
  t.match(await row(app, res.json().id), { country: 'ES', link_country: 'ES', authority_type: 'not_asked', answers: { country: 'item1', authority_type: 'item2' } });
});

t.test('a declared country question groups by its code', async (t) => {
  const { app } = await buildTestApp(t);
  const link = await publishAndLink(app, 'declared', { elements: [
    { type: 'dropdown', name: 'country', grouping: 'country', choicesFromReference: 'countries', isRequired: true },
    { type: 'radiogroup', name: 'authority_type', grouping: 'authority_type', choicesFromReference: 'authority-types' },
  ] }, { country: 'ES' });
  const res = await submit(app, link.token, { country: 'DE', authority_type: 'police' });
  t.equal(res.statusCode, 201, res.body);
  t.match(await row(app, res.json().id), { country: 'DE', link_country: 'ES', authority_type: 'police' });
  const junk = await submit(app, link.token, { country: 'item1' });
  t.equal(junk.statusCode, 422, 'a value that is not a code is refused');
  t.match(junk.json(), { errors: { country: [/not one of the listed answers/] } });
});

t.test('the shipped 2022 edition still groups by the answered country', async (t) => {
  const { app } = await buildTestApp(t);
  const { openLink } = await import('../../helper.ts');
  const link = await openLink(app, { country: 'FR' });
  const { generateAnswers } = await import('../../support/answer-generator.ts');
  const { findEditionById } = await import('../../../server/surveys/edition-repository.ts');
  const definition = (await findEditionById(app.db, link.editionId))!.definition;
  const answers = { ...generateAnswers(definition, 3), country: 'BE', authority_type: 'police' };
  const res = await submit(app, link.token, answers);
  t.equal(res.statusCode, 201, res.body);
  t.match(await row(app, res.json().id), { country: 'BE', link_country: 'FR', authority_type: 'police' });
});

t.test('an answered edition that gains the declaration gets a text version, not a refusal', async (t) => {
  const { app } = await buildTestApp(t);
  const before = { elements: [{ type: 'dropdown', name: 'country', choicesFromReference: 'countries' }, { type: 'text', name: 'note' }] };
  const link = await publishAndLink(app, 'upgrade', before, { country: 'IT' });
  t.equal((await submit(app, link.token, { country: 'AT' })).statusCode, 201);
  const after = prepareDefinition({ elements: [{ type: 'dropdown', name: 'country', grouping: 'country', choicesFromReference: 'countries' }, { type: 'text', name: 'note' }] }, app.reference.lists);
  const result = await publishEditionVersion(app.db, { surveyId: 'upgrade', edition: '1', title: after.title, definition: after.definition, contentHash: after.contentHash }, 'upload');
  t.match(result, { outcome: { change: 'text-version' } });
  // A new link: a server copy keeps an open link's context for up to a minute.
  const { openLink } = await import('../../helper.ts');
  const fresh = await openLink(app, { surveyId: 'upgrade', edition: '1', country: 'IT' });
  const res = await submit(app, fresh.token, { country: 'AT' });
  t.equal(res.statusCode, 201, res.body);
  t.match(await row(app, res.json().id), { country: 'AT', link_country: 'IT' });
});
