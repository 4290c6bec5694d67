/**
 * Property-based fuzzing of every registered route (read from the app's own route table, so that a
 * new route is fuzzed without a line here), as an anonymous visitor and as each role (admin,
 * analyst, national contacts of FR and of ES, each with their own session and CSRF token).
 * Query strings and bodies (JSON and forms) are generated from the field names the routes read,
 * built-in property names and random names, with lone surrogates, NUL, 1e400, -0, deep nesting,
 * huge arrays, impossible dates and values of the wrong type. Every answer must be below 500, and
 * a refused request (4xx) must leave every table as it was (a checksum of each table's rows).
 *
 * A fixed seed and a few runs per route and principal in CI; for a longer run:
 *   FUZZ_RUNS=200 FUZZ_SEED=$RANDOM npx tap --timeout=3600 test/hostile/input-fuzz.test.ts
 */
import t from 'tap';
import fc from 'fast-check';
import { sql } from 'kysely';
import type { FastifyInstance } from 'fastify';
import { createLink } from '../../server/links/link-service.ts';
import { recordWave } from '../../server/waves/wave-service.ts';
import { buildTestApp, openLink } from '../helper.ts';
import { anonymousForm, createStaffUser, signIn } from '../routes/staff/staff-client.ts';

const RUNS = Number(process.env.FUZZ_RUNS ?? 2);
const SEED = Number(process.env.FUZZ_SEED ?? 20261204);
t.setTimeout(Math.max(900_000, RUNS * 300_000));

/** Tables a request can write; sessions (last seen) and derived tallies change without being "stored". */
const TABLES = ['response', 'submission_key', 'campaign', 'link', 'wave', 'target', 'edition', 'survey', 'staff_user', 'staff_password_token', 'link_funnel_day'] as const;

// Placeholders replaced after JSON.stringify, for what JSON.stringify cannot write.
const HUGE = '~fuzz-huge~';
const DEEP = '~fuzz-deep~';
const OVERFLOW = '~fuzz-overflow~';
const MINUS_ZERO = '~fuzz-minus-zero~';

const FIELDS = [
  'answers', 'locale', 'page', 'resumeToken', 'deletionCode', 'email', 'password', 'confirm', 'name', 'role', 'country', 'edition',
  'surveyId', 'definition', 'opensAt', 'closesAt', 'extendedUntil', 'retainUntil', 'channel', 'language', 'label', 'kind', 'waveOn',
  'note', 'overall', 'next', 'done', 'notice', 'from', 'to', 'before', 'actor', 'action', 'objectType', 'objectId', 'campaign',
  'link_country', 'authority_type', 'status', 'wave', 'by', 'rows', 'columns', 'question', 'visualizer', 'filter', 'format', 'lang',
  'q.jpp_experience', 'q.country',
];
const QUESTIONS = ['consent', 'country', 'authority_type', 'jpp_experience', 'jpp_count', 'jpp_kinds', 'jpp_attitude', 'comments', 'comments-Comment'];
const BUILT_IN = ['__proto__', 'constructor', 'prototype', 'hasOwnProperty', 'toString', 'valueOf', 'isPrototypeOf', '__defineGetter__', 'propertyIsEnumerable'];
const NASTY_TEXT = [
  '\ud800', 'a\udfffb', '\udbff\udbff', 'x\u0000y', '\u0000', '2026-02-30', '2026-13-45', '0000-01-01T00:00', '99999-01-01', '2026-02-30T24:61',
  '中文', '😀', "FR'; drop table response; --", '<script>alert(1)</script>', '', ' ', 'x'.repeat(5000), '../../etc/passwd', '/staff/../\\evil',
  '1e400', 'NaN', '-0', 'true', 'null', '{}', '[]', 'FR', 'OTHER', 'jpp-experience/2022/x', 'yes', 'en', '00000000-0000-4000-8000-000000000000',
];

const nastyText = fc.oneof(fc.constantFrom(...NASTY_TEXT), fc.string({ maxLength: 40 }), fc.string({ unit: 'binary', maxLength: 20 }));
const nastyNumber = fc.oneof(
  fc.constantFrom<unknown>(OVERFLOW, MINUS_ZERO, 1.5, -1, 0, 2 ** 53, -(2 ** 31), 1e308),
  fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }),
);
const leaf = fc.oneof(nastyText, nastyNumber, fc.boolean(), fc.constant(null), fc.constantFrom(HUGE, DEEP));
const fieldName = fc.oneof(fc.constantFrom(...FIELDS), fc.constantFrom(...QUESTIONS), fc.constantFrom(...BUILT_IN), fc.string({ maxLength: 12 }));
const { value: jsonValue } = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small', withCrossShrink: true }, leaf, tie('array'), tie('object')),
  array: fc.array(tie('value'), { maxLength: 4 }),
  object: fc.dictionary(fieldName, tie('value'), { maxKeys: 4 }),
}));
const answers = fc.dictionary(fc.oneof(fc.constantFrom(...QUESTIONS), fc.constantFrom(...BUILT_IN), fc.string({ maxLength: 8 })), jsonValue, { maxKeys: 6 });
const jsonBody = fc.oneof(
  fc.dictionary(fieldName, jsonValue, { maxKeys: 8 }),
  fc.record({ answers, locale: fc.oneof(fc.constantFrom('en', 'fr'), nastyText), page: fc.oneof(fc.nat(5), nastyNumber) }, { requiredKeys: [] }),
  jsonValue,
);
const queryValue = fc.oneof(nastyText, fc.array(nastyText, { minLength: 2, maxLength: 3 }));
const query = fc.dictionary(fieldName, queryValue, { maxKeys: 5 });
const form = fc.dictionary(fieldName, nastyText, { maxKeys: 8 });

/** Percent-encodes as UTF-8, and a lone surrogate as its three bytes (WTF-8), which encodeURIComponent refuses. */
function encode(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const next = s.charCodeAt(i + 1);
    if (c >= 0xd800 && c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
      out += encodeURIComponent(s.slice(i, i + 2));
      i++;
    } else if (c >= 0xd800 && c <= 0xdfff) {
      out += [0xe0 | (c >> 12), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f)].map((b) => `%${b.toString(16).toUpperCase()}`).join('');
    } else {
      out += encodeURIComponent(s[i]!);
    }
  }
  return out;
}

function queryString(q: Record<string, string | string[]>): string {
  return Object.entries(q).flatMap(([k, v]) => [v].flat().map((x) => `${encode(k)}=${encode(x)}`)).join('&');
}

function jsonText(value: unknown): string {
  return JSON.stringify(value)
    .replaceAll(`"${HUGE}"`, `[${'1,'.repeat(60_000)}1]`)
    .replaceAll(`"${DEEP}"`, `${'['.repeat(3000)}${']'.repeat(3000)}`)
    .replaceAll(`"${OVERFLOW}"`, '1e400')
    .replaceAll(`"${MINUS_ZERO}"`, '-0');
}

interface Principal {
  name: string;
  cookie: string;
  csrf: string;
  email?: string;
}

/** One statement: each table's row count and an md5 of its rows, and the audit events other than sign-ins. */
async function checksum(app: FastifyInstance): Promise<Record<string, string>> {
  const parts = TABLES.map((table) =>
    sql`select ${table}::text as name, count(*)::text || ':' || coalesce(md5(string_agg(t::text, ',' order by t::text)), '') as h from ${sql.table(table)} t`);
  // Sign-ins and sign-outs are audited; anything else audited by a refused request would be a finding.
  parts.push(sql`select 'audit_event' as name, count(*)::text as h from audit_event where action not like 'session.%'`);
  const r = await sql<{ name: string; h: string }>`${sql.join(parts, sql` union all `)}`.execute(app.db);
  return Object.fromEntries(r.rows.map((row) => [row.name, row.h]));
}

t.test('no input makes any route answer 5xx, and a refused request stores nothing', async (t) => {
  const { app, logs } = await buildTestApp(t, { SUBMIT_RATE_PER_MINUTE: '1000000', DELETE_RATE_PER_WINDOW: '1000000' });
  const fr = await openLink(app, { country: 'FR' });
  const es = await createLink(app.db, app.reference.countryCodes, { campaignId: fr.campaignId, country: 'ES', channel: 'ipnc_email', language: 'es' });
  const spareUser = await createStaffUser(app, 'analyst');
  const wave = await recordWave(app.db, 'cli', { campaignId: fr.campaignId, country: 'ES', kind: 'relaunch', waveOn: new Date().toISOString().slice(0, 10) });
  const fixtures: Record<string, string[]> = {
    token: [fr.token], campaignId: [fr.campaignId], country: ['FR', 'ES'], linkId: [fr.linkId, es.id], userId: [spareUser.id],
    waveId: [wave.id], editionId: [fr.editionId], '*': ['css/app.css'],
  };

  const principals: Principal[] = [{ name: 'anonymous', ...(await anonymousForm(app)) }];
  for (const [role, country] of [['admin', undefined], ['analyst', undefined], ['ipnc', 'FR'], ['ipnc', 'ES']] as const) {
    const user = await createStaffUser(app, role, country ? { country } : {});
    const client = await signIn(app, user.email);
    principals.push({ name: country ? `${role} ${country}` : role, cookie: client.cookie, csrf: client.csrf, email: user.email });
  }

  const routes = [...new Set(app.routeList.filter((r) => r.method !== 'HEAD').map((r) => `${r.method} ${r.url}`))];
  t.ok(routes.length > 50, `${routes.length} routes fuzzed`);
  let requests = 0;
  // The tables as they were after the last request: a refused request must find them so.
  let state = await checksum(app);

  for (const route of routes) {
    const [method, pattern] = route.split(' ') as [string, string];
    const params = [...pattern.matchAll(/:(\w+)|\*/g)].map((m) => m[1] ?? '*');
    const paramValues = fc.tuple(...params.map((p) => fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...(fixtures[p] ?? ['x'])) }, { weight: 1, arbitrary: nastyText })));
    const body = method === 'GET' ? fc.constant(undefined) : fc.oneof(jsonBody.map((b) => ({ json: b })), form.map((f) => ({ form: f })));

    for (let who = 0; who < principals.length; who++) {
      const property = fc.asyncProperty(paramValues, query, body, async (values, q, b) => {
        const principal = principals[who]!;
        let i = 0;
        const path = pattern.replace(/:(\w+)|\*/g, () => encode(String(values[i++])));
        const qs = queryString(q);
        const url = qs ? `${path}?${qs}` : path;
        const headers: Record<string, string> = { cookie: principal.cookie, 'x-csrf-token': principal.csrf, 'idempotency-key': `fuzz-key-${String(requests).padStart(8, '0')}` };
        let payload: string | undefined;
        if (b && 'json' in b) {
          headers['content-type'] = 'application/json';
          payload = jsonText(b.json);
        } else if (b && 'form' in b) {
          headers['content-type'] = 'application/x-www-form-urlencoded';
          payload = queryString({ ...b.form, _csrf: principal.csrf });
        }
        headers.accept = method === 'GET' && !path.startsWith('/api/') ? 'text/html' : 'application/json';
        // A request that never answers is a finding too (an error page that was never sent once hung static files).
        const res = await Promise.race([
          app.inject({ method: method as 'GET', url, headers, ...(payload !== undefined ? { payload } : {}) }),
          new Promise<never>((_, reject) => setTimeout(() => reject(new Error('no answer within 30 s')), 30_000).unref()),
        ]).catch((err: Error) => { throw new Error(`${err.message}: ${principal.name} ${method} ${url.slice(0, 300)}`); });
        requests += 1;
        const where = `${principal.name} ${method} ${url.slice(0, 300)} ${payload?.slice(0, 300) ?? ''}`;
        if (res.statusCode >= 500) throw new Error(`${res.statusCode} for ${where}: ${res.body.slice(0, 300)}`);
        const after = await checksum(app);
        const changed = Object.keys(state).filter((k) => state[k] !== after[k]);
        state = after;
        if (res.statusCode >= 400 && changed.length > 0) throw new Error(`refused with ${res.statusCode} but changed ${changed.join(', ')}: ${where}`);
        // A sign-out ends the principal's session: sign in again so the next runs still act as them.
        if (principal.email && pattern === '/staff/sign-out' && res.statusCode < 400) {
          const again = await signIn(app, principal.email);
          principals[who] = { ...principal, cookie: again.cookie, csrf: again.csrf };
          state = await checksum(app);
        }
      });
      if (process.env.FUZZ_PROGRESS) process.stderr.write(`${route} as ${principals[who]!.name}\n`);
      const result = await fc.check(property, { seed: SEED + routes.indexOf(route) * 10 + who, numRuns: RUNS, endOnFailure: true });
      if (result.failed) t.fail(`${route} as ${principals[who]!.name}: ${String(result.errorInstance ?? result.counterexample)}`);
    }
  }
  t.ok(requests >= routes.length * principals.length * RUNS, `${requests} requests`);
  const errors = logs.filter((l) => Number(l.level) >= 50);
  t.same(errors.map((l) => l.msg), [], 'no error-level log line');
  t.equal((await app.inject({ url: '/healthz' })).statusCode, 200, 'the server still answers');
});
