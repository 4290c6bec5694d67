/**
 * The hostile-input corpus: requests an attacker or a broken client would send to every public and
 * staff endpoint. Each must get a clear 4xx and change nothing. Placeholders in urls and bodies:
 * {token} an open link, {disabled} a disabled link, {campaign} {link} {edition} {user} the
 * fixture's ids, {otherLink} a link of another country (ES), {uuid} an id that exists nowhere.
 * `as` says who sends it; `csrf: true` adds the sender's valid CSRF token to a form.
 */
export type Sender = 'anonymous' | 'admin' | 'analyst' | 'ipnc' | 'expired';

export interface HostileCase {
  name: string;
  method: 'GET' | 'POST';
  url: string;
  as?: Sender;
  /** A JSON value (serialised), or a raw string / Buffer sent as is. */
  json?: unknown;
  raw?: string | Buffer;
  form?: Record<string, string>;
  csrf?: boolean;
  headers?: Record<string, string>;
  /** Statuses that are the right answer; any 4xx when absent. */
  expect?: number[];
}

const nested = (depth: number): unknown => (depth === 0 ? 'deep' : { a: nested(depth - 1) });
const nestedArray = (depth: number): unknown => (depth === 0 ? 'deep' : [nestedArray(depth - 1)]);
const key = (n: number) => `hostile-key-${String(n).padStart(6, '0')}`;
const submit = (name: string, body: unknown, expect?: number[], n = 0): HostileCase => ({
  name: `submit: ${name}`, method: 'POST', url: '/s/{token}/responses', json: body, headers: { 'idempotency-key': key(n) }, ...(expect ? { expect } : {}),
});
const XSS = '<script>alert(1)</script><img src=x onerror=alert(2)>';
const SQL = "FR'; drop table response; --";

export const CORPUS: HostileCase[] = [
  // The respondent's submission: size, shape, encoding, types, keys, tokens.
  submit('a body over the limit', { answers: { comments: 'x'.repeat(300_000) }, locale: 'en' }, [413], 1),
  submit('answers nested 200 deep', { answers: { comments: nested(200) }, locale: 'en' }, [400], 2),
  submit('arrays nested 200 deep', { answers: { jpp_kinds: nestedArray(200) }, locale: 'en' }, [400], 3),
  submit('a checkbox answer of 20,000 items', { answers: { jpp_kinds: Array.from({ length: 20_000 }, (_, i) => `k${i}`) }, locale: 'en' }, [422], 4),
  submit('a free text of 200,000 characters under the body limit', { answers: { comments: 'y'.repeat(200_000) }, locale: 'en' }, [422], 5),
  submit('a NUL byte in an answer', { answers: { comments: 'a\u0000b' }, locale: 'en' }, [400], 6),
  submit('a NUL byte in a key', { answers: { 'comm\u0000ents': 'x' }, locale: 'en' }, [400], 7),
  { name: 'submit: invalid UTF-8', method: 'POST', url: '/s/{token}/responses', headers: { 'idempotency-key': key(8) }, raw: Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0xff, 0xfe, 0x22, 0x7d]) },
  { name: 'submit: __proto__ at the top', method: 'POST', url: '/s/{token}/responses', headers: { 'idempotency-key': key(9) }, raw: '{"__proto__": {"admin": true}, "answers": {}, "locale": "en"}', expect: [400] },
  { name: 'submit: __proto__ in the answers', method: 'POST', url: '/s/{token}/responses', headers: { 'idempotency-key': key(10) }, raw: '{"answers": {"__proto__": {"polluted": 1}}, "locale": "en"}', expect: [400] },
  submit('constructor.prototype in the answers', { answers: { constructor: { prototype: { polluted: 1 } } }, locale: 'en' }, [400], 11),
  submit('a "prototype" question name', { answers: { prototype: 'x' }, locale: 'en' }, [422], 12),
  { name: 'submit: text/plain', method: 'POST', url: '/s/{token}/responses', headers: { 'idempotency-key': key(13), 'content-type': 'text/plain' }, raw: '{"answers":{},"locale":"en"}', expect: [415] },
  { name: 'submit: XML', method: 'POST', url: '/s/{token}/responses', headers: { 'idempotency-key': key(14), 'content-type': 'application/xml' }, raw: '<answers><country>FR</country></answers>', expect: [415] },
  { name: 'submit: multipart', method: 'POST', url: '/s/{token}/responses', headers: { 'idempotency-key': key(15), 'content-type': 'multipart/form-data; boundary=x' }, raw: '--x\r\nContent-Disposition: form-data; name="answers"\r\n\r\n{}\r\n--x--', expect: [415] },
  { name: 'submit: a form instead of JSON', method: 'POST', url: '/s/{token}/responses', headers: { 'idempotency-key': key(16), 'content-type': 'application/x-www-form-urlencoded' }, raw: 'answers=%7B%7D&locale=en', expect: [422] },
  { name: 'submit: malformed JSON', method: 'POST', url: '/s/{token}/responses', headers: { 'idempotency-key': key(17) }, raw: '{"answers": {"country": "FR",', expect: [400] },
  { name: 'submit: an empty body', method: 'POST', url: '/s/{token}/responses', headers: { 'idempotency-key': key(18) }, raw: '' },
  { name: 'submit: JSON null', method: 'POST', url: '/s/{token}/responses', headers: { 'idempotency-key': key(19) }, raw: 'null' },
  submit('a JSON array', [1, 2, 3], [422], 20),
  submit('a number for the locale', { answers: {}, locale: 5 }, [422], 21),
  submit('a string for a rating', { answers: { jpp_attitude: '5' }, locale: 'en' }, [422], 22),
  submit('a number for a choice', { answers: { authority_type: 3 }, locale: 'en' }, [422], 23),
  submit('answers as a string', { answers: '{"country":"FR"}', locale: 'en' }, [422], 24),
  submit('answers null', { answers: null, locale: 'en' }, [422], 25),
  submit('SQL in a choice value', { answers: { country: SQL }, locale: 'en' }, [422], 26),
  submit('a number of 1e308', { answers: { jpp_count: 1e308 }, locale: 'en' }, [422], 27),
  submit('a rating of 3.5', { answers: { jpp_attitude: 3.5 }, locale: 'en' }, [422], 28),
  submit('a path as the locale', { answers: {}, locale: '../../etc/passwd' }, [422], 29),
  submit('an unknown top-level field', { answers: {}, locale: 'en', admin: true }, [422], 30),
  { name: 'submit: no Idempotency-Key', method: 'POST', url: '/s/{token}/responses', json: { answers: {}, locale: 'en' }, expect: [422] },
  { name: 'submit: SQL in the Idempotency-Key', method: 'POST', url: '/s/{token}/responses', json: { answers: {}, locale: 'en' }, headers: { 'idempotency-key': "x' or '1'='1" }, expect: [422] },
  { name: 'submit: an Idempotency-Key of 500 characters', method: 'POST', url: '/s/{token}/responses', json: { answers: {}, locale: 'en' }, headers: { 'idempotency-key': 'k'.repeat(500) }, expect: [422] },
  { name: 'submit: an unknown token', method: 'POST', url: '/s/AAAAAAAAAAAAAAAAAAAAAAAA/responses', json: { answers: {}, locale: 'en' }, headers: { 'idempotency-key': key(34) }, expect: [404] },
  { name: 'submit: a disabled token', method: 'POST', url: '/s/{disabled}/responses', json: { answers: {}, locale: 'en' }, headers: { 'idempotency-key': key(35) }, expect: [404] },
  { name: 'submit: SQL as the token', method: 'POST', url: `/s/${encodeURIComponent("' or 1=1 --")}/responses`, json: { answers: {}, locale: 'en' }, headers: { 'idempotency-key': key(36) }, expect: [404] },
  { name: 'submit: a token of 300 characters', method: 'POST', url: `/s/${'t'.repeat(300)}/responses`, json: { answers: {}, locale: 'en' }, headers: { 'idempotency-key': key(37) } },

  // Save, resume, delete.
  { name: 'progress: a negative page', method: 'POST', url: '/s/{token}/progress', json: { answers: {}, locale: 'en', page: -1 }, expect: [422] },
  { name: 'progress: a page of 1e9', method: 'POST', url: '/s/{token}/progress', json: { answers: {}, locale: 'en', page: 1e9 }, expect: [422] },
  { name: 'progress: SQL as the resume token', method: 'POST', url: '/s/{token}/progress', json: { answers: {}, locale: 'en', page: 0, resumeToken: SQL }, expect: [422] },
  { name: 'progress: __proto__ in the answers', method: 'POST', url: '/s/{token}/progress', raw: '{"answers": {"__proto__": {"x": 1}}, "locale": "en", "page": 0}', expect: [400] },
  { name: 'progress: an unknown answer', method: 'POST', url: '/s/{token}/progress', json: { answers: { nope: XSS }, locale: 'en', page: 0 }, expect: [422] },
  { name: 'resume: an unknown resume token', method: 'POST', url: '/s/{token}/progress/load', json: { resumeToken: 'A'.repeat(32) }, expect: [404] },
  { name: 'resume: a resume token with odd characters', method: 'POST', url: '/s/{token}/progress/load', json: { resumeToken: '../../../../etc/passwd' }, expect: [422] },
  { name: 'delete: a code of 41 characters', method: 'POST', url: '/s/{token}/responses/delete', json: { deletionCode: 'A'.repeat(41) }, expect: [422] },
  { name: 'delete: SQL as the code', method: 'POST', url: '/s/{token}/responses/delete', json: { deletionCode: "' or 1=1 --" }, expect: [404] },
  { name: 'delete: a NUL in the code', method: 'POST', url: '/s/{token}/responses/delete', json: { deletionCode: 'AAAA\u0000' }, expect: [400] },
  { name: 'delete: a number as the code', method: 'POST', url: '/s/{token}/responses/delete', json: { deletionCode: 12345 }, expect: [422] },
  { name: 'survey page: script as the language', method: 'GET', url: `/s/{token}?lang=${encodeURIComponent(XSS)}`, headers: { accept: 'text/html' } },
  { name: 'static file: a NUL in the path, as a browser asks', method: 'GET', url: '/assets/x%00y', headers: { accept: 'text/html' }, expect: [400] },
  { name: 'vendor file: a NUL in the path', method: 'GET', url: '/vendor/chart.js/x%00y', headers: { accept: 'text/html' }, expect: [400] },
  { name: 'survey page: a NUL in the token', method: 'GET', url: '/s/AAAA%00AAAAAAAAAAAAAAAAAAA', headers: { accept: 'text/html' }, expect: [400] },
  { name: 'survey page: path traversal', method: 'GET', url: '/s/..%2F..%2F..%2Fetc%2Fpasswd', headers: { accept: 'text/html' }, expect: [404] },
  { name: 'static files: path traversal', method: 'GET', url: '/assets/..%2F..%2Fpackage.json', expect: [400, 403, 404] },
  { name: 'vendor files: a file off the allow-list', method: 'GET', url: '/vendor/pg/package.json', expect: [403, 404] },

  // Staff: sessions and CSRF.
  { name: 'sign-in: no CSRF token', method: 'POST', url: '/staff/sign-in', form: { email: 'a@b.eu', password: 'x' }, expect: [403] },
  { name: 'sign-in: SQL as the e-mail', method: 'POST', url: '/staff/sign-in', as: 'anonymous', csrf: true, form: { email: "' or 1=1 --", password: "' or '1'='1" }, expect: [401] },
  { name: 'sign-in: a password of 5,000 characters', method: 'POST', url: '/staff/sign-in', as: 'anonymous', csrf: true, form: { email: 'a@b.eu', password: 'p'.repeat(5000) }, expect: [422] },
  { name: 'sign-out: no CSRF token', method: 'POST', url: '/staff/sign-out', as: 'admin', form: {}, expect: [403] },
  { name: 'set password: an unknown token', method: 'POST', url: '/staff/set-password/nope', as: 'anonymous', csrf: true, form: { password: 'a long enough new passphrase', confirm: 'a long enough new passphrase' } },
  { name: 'dashboard API: anonymous', method: 'GET', url: '/api/dashboard/summary?edition={edition}', headers: { accept: 'application/json' }, expect: [401] },
  { name: 'codebook: an expired session', method: 'GET', url: '/api/exports/codebook?edition={edition}', as: 'expired', expect: [401] },
  { name: 'results API: an expired session', method: 'GET', url: '/api/results/summary?edition={edition}', as: 'expired', expect: [401] },
  { name: 'new campaign: no CSRF token', method: 'POST', url: '/staff/campaigns', as: 'admin', form: { edition: 'jpp-experience/2022', name: 'x', opensAt: '2026-01-01T00:00', closesAt: '2026-02-01T00:00' }, expect: [403] },
  { name: 'new campaign: a forged CSRF token', method: 'POST', url: '/staff/campaigns', as: 'admin', form: { edition: 'jpp-experience/2022', name: 'x', opensAt: '2026-01-01T00:00', closesAt: '2026-02-01T00:00', _csrf: 'forged' }, expect: [403] },
  { name: 'new campaign: an expired session', method: 'POST', url: '/staff/campaigns', as: 'expired', csrf: true, form: { edition: 'jpp-experience/2022', name: 'x', opensAt: '2026-01-01T00:00', closesAt: '2026-02-01T00:00' } },
  { name: 'new campaign: a name of 10,000 characters', method: 'POST', url: '/staff/campaigns', as: 'admin', csrf: true, form: { edition: 'jpp-experience/2022', name: 'n'.repeat(10_000), opensAt: '2026-01-01T00:00', closesAt: '2026-02-01T00:00' }, expect: [422] },
  { name: 'new campaign: dates that are not dates', method: 'POST', url: '/staff/campaigns', as: 'admin', csrf: true, form: { edition: 'jpp-experience/2022', name: 'x', opensAt: "'; drop table campaign; --", closesAt: '2026-13-45' }, expect: [422] },
  { name: 'new campaign: by an analyst', method: 'POST', url: '/staff/campaigns', as: 'analyst', csrf: true, form: { edition: 'jpp-experience/2022', name: 'x', opensAt: '2026-01-01T00:00', closesAt: '2026-02-01T00:00' }, expect: [403] },
  { name: 'campaign window: an id that is not a uuid', method: 'POST', url: "/staff/campaigns/1%20or%201=1/window", as: 'admin', csrf: true, form: { opensAt: '2026-01-01T00:00', closesAt: '2026-02-01T00:00' } },
  { name: 'close campaign: an unknown campaign', method: 'POST', url: '/staff/campaigns/{uuid}/close', as: 'admin', csrf: true, form: {}, expect: [404] },
  { name: 'new user: role superuser', method: 'POST', url: '/staff/users', as: 'admin', csrf: true, form: { email: 'x@example.eu', name: 'X', role: 'superuser' }, expect: [422] },
  { name: 'new user: by an analyst', method: 'POST', url: '/staff/users', as: 'analyst', csrf: true, form: { email: 'x@example.eu', name: 'X', role: 'admin' }, expect: [403] },
  { name: 'new user: JSON with __proto__', method: 'POST', url: '/staff/users', as: 'admin', raw: '{"__proto__": {"role": "admin"}, "email": "p@example.eu", "name": "P", "role": "analyst"}', headers: { 'content-type': 'application/json' } },
  { name: 'disable user: no CSRF token', method: 'POST', url: '/staff/users/{user}/disable', as: 'admin', form: {}, expect: [403] },
  { name: 'disable link: another country, as an IPNC', method: 'POST', url: '/staff/links/{otherLink}/disable', as: 'ipnc', csrf: true, form: {}, expect: [404] },
  { name: 'QR code: another country, as an IPNC', method: 'GET', url: '/staff/links/{otherLink}/qr.svg', as: 'ipnc', expect: [404] },
  { name: 'new link: another country, as an IPNC', method: 'POST', url: '/staff/campaigns/{campaign}/country/ES/links', as: 'ipnc', csrf: true, form: { channel: 'event', language: 'es' }, expect: [404] },
  { name: 'new link: an unknown channel', method: 'POST', url: '/staff/campaigns/{campaign}/country/FR/links', as: 'ipnc', csrf: true, form: { channel: '<script>', language: 'fr' }, expect: [422] },
  { name: 'target: a negative count', method: 'POST', url: '/staff/campaigns/{campaign}/country/FR/targets', as: 'ipnc', csrf: true, form: { invited: '-5' }, expect: [422] },
  { name: 'wave: a kind that does not exist', method: 'POST', url: '/staff/campaigns/{campaign}/country/FR/waves', as: 'ipnc', csrf: true, form: { kind: XSS, waveOn: '2026-01-01', channel: 'event' }, expect: [422] },
  { name: 'delete wave: an unknown wave', method: 'POST', url: '/staff/waves/{uuid}/delete', as: 'admin', csrf: true, form: {}, expect: [404] },
  { name: 'new edition: a definition with choicesByUrl and a script', method: 'POST', url: '/staff/editions', as: 'admin', csrf: true, form: { survey: 'jpp-experience', edition: 'evil', definition: JSON.stringify({ title: XSS, pages: [{ name: 'p', elements: [{ type: 'dropdown', name: 'c', choicesByUrl: { url: 'http://169.254.169.254/' } }, { type: 'html', name: 'h', html: '<script>alert(1)</script>' }] }] }) }, expect: [422] },
  { name: 'edition: an unknown edition', method: 'GET', url: '/staff/editions/{uuid}', as: 'admin', headers: { accept: 'text/html' }, expect: [404] },

  // Results, dashboards and exports.
  { name: 'results: SQL as the edition', method: 'GET', url: `/api/results/summary?edition=${encodeURIComponent("' or 1=1 --")}`, as: 'analyst' },
  { name: 'results: SQL in a question filter', method: 'GET', url: `/api/results/summary?edition={edition}&q.country=${encodeURIComponent(SQL)}`, as: 'analyst' },
  { name: 'results: another country, as an IPNC', method: 'GET', url: '/api/results/summary?edition={edition}&link_country=ES', as: 'ipnc', expect: [404] },
  { name: 'cross-tab: __proto__ as a dimension', method: 'GET', url: '/api/results/cross-tab?edition={edition}&rows=__proto__&columns=constructor', as: 'analyst' },
  { name: 'dashboard: an edition that is not a uuid', method: 'GET', url: '/api/dashboard/summary?edition=..%2F..', as: 'analyst' },
  { name: 'export: raw responses, as an IPNC', method: 'GET', url: '/api/exports/responses?edition={edition}', as: 'ipnc', expect: [403] },
  { name: 'export: an unknown format', method: 'GET', url: '/api/exports/responses?edition={edition}&format=exe', as: 'analyst', expect: [422] },
  { name: 'export: anonymous', method: 'GET', url: '/api/exports/aggregates?edition={edition}', expect: [401] },
  { name: 'codebook: an unknown edition', method: 'GET', url: '/api/exports/codebook?edition={uuid}', as: 'analyst', expect: [404] },
];
