/**
 * The console's translations page: the table per edition and language, exports, and an import that
 * previews a diff and applies only on confirmation (with CSRF); admins only; hostile and oversized
 * uploads refused with nothing changed.
 */
import t from 'tap';
import { readXliff, writeXliff } from '../../../server/translations/xliff-format.ts';
import { differences, storedTexts, translationApp } from '../../translations/translation-fixture.ts';
import { staffClient } from '../staff/staff-client.ts';

const { app } = await translationApp(t);
const admin = await staffClient(app, 'admin');
const analyst = await staffClient(app, 'analyst');

t.test('admins see the table of every edition by language; others do not', async (t) => {
  const page = await admin.get('/staff/translations');
  t.equal(page.statusCode, 200);
  t.match(page.body, /jpp-experience\/2022/);
  t.match(page.body, /<tr data-language="sk">\s*<th scope="row">[^<]+\(sk\)<\/th>\s*<td class="num">306<\/td>\s*<td class="num">0<\/td>/, 'Slovak: every string translated');
  t.equal((await analyst.get('/staff/translations')).statusCode, 403);
  t.equal((await analyst.get('/staff/translations/jpp-experience/2022/export?language=sk')).statusCode, 403);
  t.equal((await app.inject({ method: 'GET', url: '/staff/translations' })).statusCode, 303, 'anonymous: sent to sign in');
});

t.test('export, preview the diff, confirm: the strings change', async (t) => {
  const exported = await admin.get('/staff/translations/jpp-experience/2022/export?language=sk&format=xliff');
  t.equal(exported.statusCode, 200);
  t.match(exported.headers['content-disposition'], /jpp-experience-2022-sk\.xlf/);
  const xlsx = await admin.get('/staff/translations/jpp-experience/2022/export?language=sk&format=xlsx');
  t.equal(xlsx.rawPayload.subarray(0, 2).toString(), 'PK');
  const unknown = await admin.get('/staff/translations/jpp-experience/2022/export?language=en');
  t.equal(unknown.statusCode, 422, 'English is the source, not a translation');

  const doc = readXliff(exported.body);
  doc.units.find((u) => u.id === 'page.privacy.title')!.target = 'Oznámenie o ochrane súkromia (nové)';
  const file = Buffer.from(writeXliff(doc)).toString('base64');
  const before = await storedTexts(app);

  const preview = await admin.post('/staff/translations/import', { file, fileName: 'sk.xlf' });
  t.equal(preview.statusCode, 200, preview.body.slice(0, 500));
  t.match(preview.body, /1 strings would change/);
  t.match(preview.body, /<ins>Oznámenie o ochrane súkromia \(nové\)<\/ins>/);
  t.same(differences(before, await storedTexts(app)), [], 'a preview changes nothing');

  const noCsrf = await admin.post('/staff/translations/import', { file, confirm: 'yes' }, { csrf: false });
  t.equal(noCsrf.statusCode, 403, 'no CSRF token, no change');
  t.same(differences(before, await storedTexts(app)), []);

  const forbidden = await analyst.post('/staff/translations/import', { file, confirm: 'yes' });
  t.equal(forbidden.statusCode, 403, 'analysts cannot import');

  const applied = await admin.post('/staff/translations/import', { file, fileName: 'sk.xlf', confirm: 'yes' });
  t.equal(applied.statusCode, 303);
  t.equal(applied.headers.location, '/staff/translations?changed=1');
  t.same(differences(before, await storedTexts(app)), ['page.privacy.title sk']);
  const audit = await app.db.selectFrom('audit_event').selectAll().where('action', '=', 'translation.import').execute();
  t.equal(audit.length, 1, 'the import is audited');
});

t.test('hostile and oversized uploads are refused, nothing changes', async (t) => {
  const before = await storedTexts(app);
  const hostile = '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><xliff version="1.2"><file original="jpp-experience/2022" target-language="sk"><body><trans-unit id="page.privacy.title"><source>Privacy notice</source><target>&e;</target></trans-unit></body></file></xliff>';
  const res = await admin.post('/staff/translations/import', { file: Buffer.from(hostile).toString('base64'), confirm: 'yes' });
  t.equal(res.statusCode, 422);
  t.match(res.body, /declares a document type/);
  const script = readXliff((await admin.get('/staff/translations/jpp-experience/2022/export?language=sk')).body);
  script.units.find((u) => u.id === 'q.privacy_notice.html')!.target = '<p>Ahoj</p><script>alert(1)</script>';
  const scripted = await admin.post('/staff/translations/import', { file: Buffer.from(writeXliff(script)).toString('base64') });
  t.equal(scripted.statusCode, 422);
  t.match(scripted.body, /script/);
  t.notMatch(scripted.body, /<script>alert/, 'the refused text is shown escaped');

  const huge = await admin.post('/staff/translations/import', { file: 'A'.repeat(9 * 1024 * 1024) });
  t.equal(huge.statusCode, 413, 'a body beyond the limit');
  const big = await admin.post('/staff/translations/import', { file: Buffer.alloc(5 * 1024 * 1024 + 10, 32).toString('base64') });
  t.equal(big.statusCode, 413, 'a file beyond the limit');
  t.same(differences(before, await storedTexts(app)), []);
});
