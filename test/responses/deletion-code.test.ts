/**
 * Deletion codes cannot be computed or checked from a copy of the database: they are random, and
 * what lets a retried submission get its code back (the idempotency key) is not stored.
 */
import { createHash, createHmac } from 'node:crypto';
import t from 'tap';
import { buildTestApp, openLink } from '../helper.ts';
import { generateAnswers } from '../support/answer-generator.ts';
import { findEditionById } from '../../server/surveys/edition-repository.ts';
import { newDeletionCode, normaliseCode, openSealedCode, sealCode } from '../../server/responses/deletion-code.ts';
import { dumpDatabase } from './database-dump.ts';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** The code as it was made before: an HMAC of the stored key hash, keyed by a secret stored beside it. */
function oldWayCode(secret: Buffer, keyHash: string): string {
  const bytes = createHmac('sha256', secret).update(`deletion:${keyHash}`).digest();
  const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
  let bits = 0n;
  for (const b of bytes.subarray(0, 13)) bits = (bits << 8n) | BigInt(b);
  let out = '';
  for (let i = 0; i < 20; i++) {
    out += alphabet[Number(bits & 31n)];
    bits >>= 5n;
  }
  return out.match(/.{4}/g)!.join('-');
}

const { app } = await buildTestApp(t, { TALLY_INTERVAL_MS: '0' });
const link = await openLink(app);
const definition = (await findEditionById(app.db, link.editionId))!.definition;
const submit = (seed: number, key: string) =>
  app.inject({
    method: 'POST', url: `/s/${link.token}/responses`,
    headers: { 'content-type': 'application/json', 'idempotency-key': key },
    payload: JSON.stringify({ answers: generateAnswers(definition, seed), locale: 'en' }),
  });
const remove = (code: string) =>
  app.inject({ method: 'POST', url: `/s/${link.token}/responses/delete`, headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ deletionCode: code }) });

t.test('a seal opens only with the link and idempotency key it was made with', async (t) => {
  const code = newDeletionCode();
  t.match(code, /^[0-9A-Z]{4}(-[0-9A-Z]{4}){4}$/);
  t.not(newDeletionCode(), code, 'random, not derived');
  const sealed = sealCode(code, 'link-1', 'key-aaaaaaaaaaaaaaaa');
  t.equal(openSealedCode(sealed, 'link-1', 'key-aaaaaaaaaaaaaaaa'), code);
  t.equal(openSealedCode(sealed, 'link-2', 'key-aaaaaaaaaaaaaaaa'), null, 'another link');
  t.equal(openSealedCode(sealed, 'link-1', 'key-aaaaaaaaaaaaaaab'), null, 'another key');
  t.equal(openSealedCode('not a seal', 'link-1', 'key-aaaaaaaaaaaaaaaa'), null);
  t.equal(normaliseCode(code.toLowerCase().replace(/-/g, ' ')), code);
});

t.test('nothing in a dump of the database computes, checks or opens a deletion code', async (t) => {
  const submitted: { key: string; code: string; id: string }[] = [];
  for (let i = 0; i < 5; i++) {
    const key = `dump-test-key-${i}-${'x'.repeat(20)}`;
    const res = await submit(i, key);
    t.equal(res.statusCode, 201, res.body);
    submitted.push({ key, code: res.json().deletionCode, id: res.json().id });
  }
  const dump = await dumpDatabase(app.db);
  const text = dump.map((r) => r.json).join('\n');
  const rowsOf = (table: string) => dump.filter((r) => r.table === table).map((r) => JSON.parse(r.json) as Record<string, string | null>);

  for (const s of submitted) {
    t.notOk(text.includes(s.code) || text.includes(s.code.replace(/-/g, '')), 'the code is not stored in clear');
    t.notOk(text.includes(s.key), 'nor the idempotency key');
  }
  const codeHashes = new Set(rowsOf('response').map((r) => r.deletion_code_hash));
  const keys = rowsOf('submission_key');
  t.equal(keys.length, 5);
  t.ok(keys.every((k) => typeof k.sealed_code === 'string'), 'each key keeps its code sealed');

  // The old way, with every secret and every stored value a thief could try as the key material.
  const secrets = rowsOf('server_secret').map((r) => Buffer.from(r.value!, 'base64'));
  t.notOk(rowsOf('server_secret').some((r) => r.name === 'response-codes'), 'the secret of the old codes is gone');
  const candidates = keys.flatMap((k) => [k.key_hash!, k.body_hash!, k.response_id!]);
  let derived = 0;
  for (const secret of secrets) for (const c of candidates) if (codeHashes.has(sha256(oldWayCode(secret, c)))) derived++;
  t.equal(derived, 0, 'no secret of the dump derives any code the old way');
  let opened = 0;
  for (const k of keys) for (const c of [...candidates, ...secrets.map((s) => s.toString('base64'))]) if (openSealedCode(k.sealed_code!, link.linkId, c) !== null) opened++;
  t.equal(opened, 0, 'no stored value opens a sealed code');
  for (const s of submitted) t.notOk(codeHashes.has(sha256(s.key)), 'hashes are of the code, not of anything else');

  // The respondent, who holds the key and the code, still can do both.
  const retry = await submit(0, submitted[0]!.key);
  t.equal(retry.statusCode, 201);
  t.equal(retry.json().deletionCode, submitted[0]!.code, 'a retried submission gets the same code back');
  t.equal((await remove(submitted[1]!.code)).statusCode, 200, 'the code deletes its response');
});

t.test('a code issued before codes were sealed still deletes; its retry cannot show it again', async (t) => {
  const key = `old-style-key-${'y'.repeat(20)}`;
  const res = await submit(42, key);
  t.equal(res.statusCode, 201);
  const { id } = res.json();
  // As the upgrade leaves an older answer: a code made the old way, its hash stored, nothing sealed.
  const oldCode = oldWayCode(Buffer.alloc(32, 7), sha256(`${link.linkId}:${key}`));
  await app.db.updateTable('response').set({ deletion_code_hash: sha256(oldCode) }).where('id', '=', id).execute();
  await app.db.updateTable('submission_key').set({ sealed_code: null }).where('response_id', '=', id).execute();
  const retry = await submit(42, key);
  t.equal(retry.statusCode, 409, 'no code is made up for it');
  t.equal((await remove(oldCode.toLowerCase())).statusCode, 200, 'the code the respondent was given deletes it');
  t.notOk(await app.db.selectFrom('response').select('id').where('id', '=', id).executeTakeFirst());
});
