/**
 * Two copies of the server on one database, as behind a load balancer: both start at once on a
 * fresh database (each migration applied once, each edition published once), the same
 * Idempotency-Key sent to both stores one response, and a staff session made on one works on the
 * other (and ends on both at sign-out). Needs TEST_DATABASE_URL (the real-PostgreSQL pass of CI).
 */
import t from 'tap';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { migrations } from '../../migrations/index.ts';
import { createCampaign } from '../../server/campaigns/campaign-service.ts';
import type { Database } from '../../server/db/schema.ts';
import { createLink } from '../../server/links/link-service.ts';
import { findLatestVersion } from '../../server/surveys/edition-repository.ts';
import { generateAnswers } from '../support/answer-generator.ts';
import { createTestDatabase, usingRealPostgres } from '../support/test-database.ts';
import { startChildServer, testPort } from './child-server.ts';

t.setTimeout(180_000);

const cookiesOf = (res: Response) => res.headers.getSetCookie().map((c) => c.split(';')[0]!);
const csrfOf = (html: string) => html.match(/name="_csrf" value="([^"]+)"/)?.[1];

if (!usingRealPostgres()) {
  t.comment('two-copies test not run here: TEST_DATABASE_URL is not set (runs in the real-PostgreSQL pass of CI)');
  t.pass('not run: TEST_DATABASE_URL is not set');
} else {
  t.test('two server copies share one database safely', async (t) => {
    const database = await createTestDatabase();
    t.teardown(() => database.drop());
    const env = { DATABASE_URL: database.url!, SUBMIT_RATE_PER_MINUTE: '1000' };

    // Both copies start together on the empty database: both try to migrate and publish.
    const [a, b] = await Promise.all([startChildServer(env, testPort(21)), startChildServer(env, testPort(22))]);
    t.teardown(async () => {
      await a.stop();
      await b.stop();
    });
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: database.url, max: 2 }) }) });
    t.teardown(() => db.destroy());

    const applied = await sql<{ name: string; n: number }>`select name, count(*)::int as n from kysely_migration group by name order by name`.execute(db);
    t.same(applied.rows.map((r) => r.name), Object.keys(migrations).sort(), 'every migration is applied');
    t.ok(applied.rows.every((r) => r.n === 1), 'each exactly once (the migrator holds a lock)');
    const editions = await sql<{ n: number; distinct_editions: number }>`select count(*)::int as n, count(distinct (survey_id, edition))::int as distinct_editions from edition`.execute(db);
    t.equal(editions.rows[0]!.n, editions.rows[0]!.distinct_editions, 'each edition file is published once');

    const edition = await findLatestVersion(db, 'jpp-experience', '2022');
    const campaign = await createCampaign(db, { surveyId: 'jpp-experience', edition: '2022', name: 'Two copies', opensAt: new Date(Date.now() - 86_400_000), closesAt: new Date(Date.now() + 86_400_000) });
    const link = await createLink(db, ['FR'], { campaignId: campaign.id, country: 'FR', channel: 'website', language: 'en' });
    const body = JSON.stringify({ answers: generateAnswers(edition!.definition, 11), locale: 'en' });

    t.test('the same Idempotency-Key sent to both copies stores one response', async (t) => {
      for (let i = 0; i < 10; i++) {
        const key = `two-copies-${randomBytes(6).toString('hex')}`;
        const post = (url: string) => fetch(`${url}/s/${link.token}/responses`, { method: 'POST', headers: { 'content-type': 'application/json', 'idempotency-key': key }, body });
        const [ra, rb] = await Promise.all([post(a.url), post(b.url)]);
        t.same([ra.status, rb.status], [201, 201], `key ${i}: both copies answer 201`);
        const [ja, jb] = [(await ra.json()) as { id: string; deletionCode: string }, (await rb.json()) as { id: string; deletionCode: string }];
        t.same(ja, jb, `key ${i}: the same response and deletion code from both`);
      }
      const stored = await sql<{ n: number }>`select count(*)::int as n from response where campaign_id = ${campaign.id}`.execute(db);
      t.equal(stored.rows[0]!.n, 10, 'ten keys, ten responses');
    });

    t.test('a staff session made on one copy works on the other', async (t) => {
      const email = `two-copies-${randomBytes(4).toString('hex')}@example.eu`;
      const password = randomBytes(18).toString('base64url');
      const created = spawnSync(process.execPath, ['--import', 'tsx', 'server/cli.ts', 'users:create', '--role', 'admin', '--email', email, '--name', 'Two Copies'], {
        cwd: new URL('../..', import.meta.url).pathname, env: { ...process.env, DATABASE_URL: database.url, LOG_LEVEL: 'warn' }, input: password, encoding: 'utf8',
      });
      t.equal(created.status, 0, `users:create: ${created.stderr}`);

      const form = await fetch(`${a.url}/staff/sign-in`, { headers: { accept: 'text/html' } });
      const signIn = await fetch(`${a.url}/staff/sign-in`, {
        method: 'POST', redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookiesOf(form).join('; ') },
        body: new URLSearchParams({ email, password, _csrf: csrfOf(await form.text()) ?? '' }).toString(),
      });
      t.equal(signIn.status, 303, 'signed in on copy A');
      const cookie = cookiesOf(signIn).join('; ');

      const onB = await fetch(`${b.url}/staff`, { headers: { cookie, accept: 'text/html' }, redirect: 'manual' });
      t.equal(onB.status, 200, 'the session cookie works on copy B');
      const page = await onB.text();
      t.match(page, /Two Copies|two-copies-/, 'B knows who is signed in');

      const signOut = await fetch(`${b.url}/staff/sign-out`, {
        method: 'POST', redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
        body: new URLSearchParams({ _csrf: csrfOf(page) ?? '' }).toString(),
      });
      t.equal(signOut.status, 303, 'a CSRF-checked sign-out on B, with the token B rendered');
      const afterOnA = await fetch(`${a.url}/staff`, { headers: { cookie, accept: 'text/html' }, redirect: 'manual' });
      t.equal(afterOnA.status, 303, 'the session ended on A too');
      t.match(afterOnA.headers.get('location') ?? '', /\/staff\/sign-in/);
    });

    t.test('neither copy fell over', async (t) => {
      t.ok(a.alive() && b.alive());
      t.equal((await fetch(`${a.url}/readyz`)).status, 200);
      t.equal((await fetch(`${b.url}/readyz`)).status, 200);
    });
  });
}
