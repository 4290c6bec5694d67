/**
 * Two server copies on one database, each with its own response index (analysis/response-index.ts):
 * submissions and a deletion through one copy, a purge by the command line, and after each, once
 * folded, both copies' results API answers exactly what reading the database answers (the same
 * analysis without an index). Needs TEST_DATABASE_URL (the real-PostgreSQL pass of CI).
 */
import t, { type Test } from 'tap';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { groupCounts } from '../../analysis/group-counts.ts';
import { resultFilters } from '../../analysis/filters.ts';
import { summarizeEdition } from '../../analysis/question-aggregates.ts';
import { createCampaign } from '../../server/campaigns/campaign-service.ts';
import { purgeExpiredResponses } from '../../server/campaigns/retention-service.ts';
import type { Database } from '../../server/db/schema.ts';
import { createLink } from '../../server/links/link-service.ts';
import { findLatestVersion } from '../../server/surveys/edition-repository.ts';
import { generateAnswers } from '../support/answer-generator.ts';
import { createTestDatabase, usingRealPostgres } from '../support/test-database.ts';
import { startChildServer, testPort, type ChildServer } from './child-server.ts';

t.setTimeout(240_000);

const K = 3;
const cookiesOf = (res: Response) => res.headers.getSetCookie().map((c) => c.split(';')[0]!);
const csrfOf = (html: string) => html.match(/name="_csrf" value="([^"]+)"/)?.[1];

if (!usingRealPostgres()) {
  t.comment('two-copies index test not run here: TEST_DATABASE_URL is not set (runs in the real-PostgreSQL pass of CI)');
  t.pass('not run: TEST_DATABASE_URL is not set');
} else {
  t.test('each server copy\'s index gives the database\'s figures', async (t) => {
    const database = await createTestDatabase();
    t.teardown(() => database.drop());
    // Short intervals: each copy folds and catches up often, as a busy production copy would.
    const env = { DATABASE_URL: database.url!, SUBMIT_RATE_PER_MINUTE: '100000', TALLY_INTERVAL_MS: '300', RESPONSE_INDEX_INTERVAL_MS: '300', SUPPRESSION_K: String(K), LOG_LEVEL: 'info' };
    const a = await startChildServer(env, testPort(23));
    const b = await startChildServer(env, testPort(24));
    t.teardown(async () => {
      await a.stop();
      await b.stop();
    });
    // Each copy says so once its index is loaded (the figures below would be equal without one, too).
    for (let i = 0; i < 100 && !(a.output().includes('response index loaded') && b.output().includes('response index loaded')); i++) await new Promise((r) => setTimeout(r, 200));
    t.match(a.output(), /response index loaded/, 'copy A has its index');
    t.match(b.output(), /response index loaded/, 'copy B has its index');
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: database.url, max: 2 }) }) });
    t.teardown(() => db.destroy());

    const edition = (await findLatestVersion(db, 'jpp-experience', '2022'))!;
    const DAY = 86_400_000;
    const open = (name: string) => createCampaign(db, { surveyId: 'jpp-experience', edition: '2022', name, opensAt: new Date(Date.now() - DAY), closesAt: new Date(Date.now() + DAY) });
    const [first, second] = [await open('First'), await open('Second')];
    const links = [
      await createLink(db, ['FR'], { campaignId: first.id, country: 'FR', channel: 'website', language: 'en' }),
      await createLink(db, ['ES'], { campaignId: second.id, country: 'ES', channel: 'ipnc_email', language: 'en' }),
    ];

    const email = `index-copies-${randomBytes(4).toString('hex')}@example.eu`;
    const password = randomBytes(18).toString('base64url');
    const created = spawnSync(process.execPath, ['--import', 'tsx', 'server/cli.ts', 'users:create', '--role', 'admin', '--email', email, '--name', 'Index Copies'], {
      cwd: new URL('../..', import.meta.url).pathname, env: { ...process.env, DATABASE_URL: database.url, LOG_LEVEL: 'warn' }, input: password, encoding: 'utf8',
    });
    t.equal(created.status, 0, `users:create: ${created.stderr}`);
    const form = await fetch(`${a.url}/staff/sign-in`, { headers: { accept: 'text/html' } });
    const signIn = await fetch(`${a.url}/staff/sign-in`, {
      method: 'POST', redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookiesOf(form).join('; ') },
      body: new URLSearchParams({ email, password, _csrf: csrfOf(await form.text()) ?? '' }).toString(),
    });
    t.equal(signIn.status, 303, 'signed in');
    const cookie = cookiesOf(signIn).join('; ');

    const submitted: { id: string; deletionCode: string; token: string }[] = [];
    const submit = async (copy: ChildServer, link: { token: string }, count: number, seed: number) => {
      for (let i = 0; i < count; i++) {
        const body = JSON.stringify({ answers: generateAnswers(edition.definition, seed + i), locale: 'en' });
        const res = await fetch(`${copy.url}/s/${link.token}/responses`, { method: 'POST', headers: { 'content-type': 'application/json', 'idempotency-key': `index-copies-${seed}-${i}-${randomBytes(4).toString('hex')}` }, body });
        if (res.status !== 201) throw new Error(`submission ${i}: ${res.status} ${await res.text()}`);
        submitted.push({ ...((await res.json()) as { id: string; deletionCode: string }), token: link.token });
      }
    };
    const folded = async () => {
      for (let i = 0; i < 200; i++) {
        const { rows } = await sql<{ n: number }>`select count(*)::int as n from response where status = 'complete' and not tallied`.execute(db);
        if (rows[0]!.n === 0) return;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error('the responses were not folded within 20 s');
    };
    const queries = [
      { path: '/api/results/summary', query: '', truth: () => summarizeEdition(db, edition.definition, resultFilters({ editionId: edition.id }), { k: K, viewerMaySeeTexts: true }) },
      { path: '/api/results/summary', query: '&link_country=ES', truth: () => summarizeEdition(db, edition.definition, resultFilters({ editionId: edition.id, linkCountry: ['ES'] }), { k: K, viewerMaySeeTexts: true }) },
      { path: '/api/results/groups', query: '&by=link_country', truth: () => groupCounts(db, edition.definition, 'linkCountry', resultFilters({ editionId: edition.id }), { k: K }) },
    ];
    /** Both copies' figures, read after their index has caught up, against the database's. */
    const same = async (t: Test, label: string) => {
      await folded();
      // Longer than a catch-up interval: each copy has also caught up on its timer (views catch up anyway).
      await new Promise((r) => setTimeout(r, 800));
      for (const q of queries) {
        const truth = JSON.parse(JSON.stringify(await q.truth())) as Record<string, unknown>;
        for (const [name, copy] of [['A', a], ['B', b]] as const) {
          const res = await fetch(`${copy.url}${q.path}?edition=${edition.id}${q.query}`, { headers: { cookie, accept: 'application/json' } });
          t.equal(res.status, 200, `${label}: ${name} answers ${q.path}${q.query}`);
          const body = (await res.json()) as Record<string, unknown>;
          t.strictSame(body, truth, `${label}: copy ${name}'s ${q.path}${q.query} equals reading the database`);
        }
      }
      const summary = (await queries[0]!.truth()) as { responses?: number };
      return summary.responses ?? 0;
    };

    await submit(a, links[0]!, 8, 100);
    await submit(a, links[1]!, 8, 200);
    t.equal(await same(t, 'after submissions through A'), 16, 'sixteen responses');

    await submit(b, links[1]!, 4, 300);
    t.equal(await same(t, 'after submissions through B'), 20, 'twenty responses');

    const gone = submitted[submitted.length - 1]!;
    const del = await fetch(`${a.url}/s/${gone.token}/responses/delete`, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json' }, body: JSON.stringify({ deletionCode: gone.deletionCode }) });
    t.ok(del.status < 300, `a deletion through A (${del.status})`);
    t.equal(await same(t, 'after a deletion through A'), 19, 'nineteen responses');

    await sql`update campaign set opens_at = now() - interval '3 days', closes_at = now() - interval '2 days', retain_until = current_date - 1 where id = ${first.id}::uuid`.execute(db);
    const purged = await purgeExpiredResponses(db);
    t.ok(purged.length > 0, 'the first campaign is purged');
    t.equal(await same(t, 'after a purge'), 11, 'the second campaign\'s eleven responses');

    t.ok(a.alive() && b.alive(), 'neither copy fell over');
  });
}
