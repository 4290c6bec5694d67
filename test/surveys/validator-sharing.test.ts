import t from 'tap';
import { readFileSync } from 'node:fs';
import { validatorFor } from '../../server/surveys/answer-validator.ts';
import { editionDefinition } from '../../server/surveys/edition-definitions.ts';
import { buildTestApp } from '../helper.ts';

const text = readFileSync(new URL('../fixtures/all-types.json', import.meta.url), 'utf8');

t.test('two definition objects of one edition in use together each keep their validator', async (t) => {
  // As after a text fix, or after requests that each read the definition: link contexts cached
  // before hold the one object, those after the other, and submissions alternate between them.
  const before = JSON.parse(text) as Record<string, unknown>;
  const after = JSON.parse(text) as Record<string, unknown>;
  const first = validatorFor(before);
  const second = validatorFor(after);
  t.not(first, second);
  t.equal(validatorFor(before), first, 'not built again for the first object');
  t.equal(validatorFor(after), second, 'nor for the second');
});

t.test('requests arriving together at a fresh process share one read of the definition', async (t) => {
  const app = await buildTestApp(t);
  const edition = await app.app.db.selectFrom('edition').select(['id', 'content_hash']).executeTakeFirstOrThrow();
  const read = await Promise.all(Array.from({ length: 16 }, (_, i) => editionDefinition(app.app.db, edition.id, i % 2 === 0 ? edition.content_hash : undefined)));
  t.ok(read.every((d) => d === read[0]), 'one object for all');
  t.equal(await editionDefinition(app.app.db, edition.id, edition.content_hash), read[0]);
  t.equal(validatorFor(read[0]!), validatorFor(await editionDefinition(app.app.db, edition.id)));
});
