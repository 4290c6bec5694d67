import t from 'tap';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { buildTestApp, openLink } from '../helper.ts';

/** Every script, style and icon URL a page refers to. */
function assetUrls(html: string): string[] {
  return [...html.matchAll(/<(?:script[^>]*\ssrc|link[^>]*\shref)="([^"]+)"/g)].map((m) => m[1]!);
}

t.test('every asset of the respondent page is hashed, kept for a year and served compressed', async (t) => {
  const { app } = await buildTestApp(t);
  const { token } = await openLink(app, { language: 'fr' });
  const page = await app.inject({ url: `/s/${token}`, headers: { 'accept-encoding': 'br, gzip' } });
  t.equal(page.statusCode, 200);
  t.equal(page.headers['content-encoding'], 'br', 'the page itself is compressed on the fly');
  t.equal(page.headers['cache-control'], 'no-store', 'the page carries the link and resume state: never stored');
  const html = brotliDecompressSync(page.rawPayload).toString('utf8');
  const urls = assetUrls(html);
  t.ok(urls.length >= 6, `${urls.length} assets`);
  for (const url of urls) {
    t.match(url, /^\/static\/.+\.[\w-]{12}\.(js|css|svg)$/, `${url} carries its content hash`);
    const plain = await app.inject({ url });
    t.equal(plain.statusCode, 200, url);
    t.equal(plain.headers['cache-control'], 'public, max-age=31536000, immutable', `${url} is immutable`);
    for (const [encoding, decode] of [['br', brotliDecompressSync], ['gzip', gunzipSync]] as const) {
      const res = await app.inject({ url, headers: { 'accept-encoding': encoding } });
      t.equal(res.statusCode, 200);
      t.equal(res.headers['content-encoding'], encoding, `${url} in ${encoding}`);
      t.equal(res.headers['cache-control'], 'public, max-age=31536000, immutable');
      t.match(String(res.headers.vary), /accept-encoding/i, 'caches keep one copy per encoding');
      t.ok(decode(res.rawPayload).equals(plain.rawPayload), `${url} in ${encoding} is the same file`);
      if (plain.rawPayload.length > 10_000) t.ok(res.rawPayload.length < plain.rawPayload.length / 2, `${url}: ${plain.rawPayload.length} -> ${res.rawPayload.length} bytes`);
    }
  }
  t.ok(urls.some((u) => u.includes('/i18n/french.min.')), 'the shown language\'s survey-core strings are loaded');
  t.equal(urls.filter((u) => u.includes('/i18n/')).length, 1, 'and no other language\'s');
});

t.test('an unknown hashed name is a 404, and the plain names still answer for old links', async (t) => {
  const { app } = await buildTestApp(t);
  const missing = await app.inject({ url: '/static/css/app.AAAAAAAAAAAA.css' });
  t.equal(missing.statusCode, 404);
  const plain = await app.inject({ url: '/assets/css/app.css', headers: { 'accept-encoding': 'gzip' } });
  t.equal(plain.statusCode, 200);
  t.not(plain.headers['cache-control'], 'public, max-age=31536000, immutable', 'a plain name may change: not immutable');
  const vendor = await app.inject({ url: '/vendor/survey-core/survey.core.min.js', headers: { 'accept-encoding': 'br' } });
  t.equal(vendor.statusCode, 200);
  t.equal(vendor.headers['content-encoding'], 'br');
});

t.test('staff pages are compressed and never stored, their assets hashed', async (t) => {
  const { app } = await buildTestApp(t);
  const res = await app.inject({ url: '/staff/sign-in', headers: { 'accept-encoding': 'gzip' } });
  t.equal(res.statusCode, 200);
  t.equal(res.headers['cache-control'], 'no-store');
  const html = gunzipSync(res.rawPayload).toString('utf8');
  for (const url of assetUrls(html)) t.match(url, /^\/static\//, url);
});
