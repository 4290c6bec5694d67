/**
 * Nothing acknowledged is lost when the database restarts (Jepsen's set workload, on a small
 * scale): concurrent clients send distinct keyed submissions and retry with the same key on a
 * dropped connection or a 503; in the middle a PostgreSQL cluster of the test's own is stopped for
 * real (pg_ctl stop -m fast), left down for a few seconds and started again. At the end every
 * acknowledged submission is stored exactly once, nothing is stored twice, the server answered 503
 * (never 500) while the database was away, /readyz said so, and the process never died.
 * Needs TEST_DATABASE_URL (the suite's real-PostgreSQL run) and the PostgreSQL 15 binaries.
 */
import t from 'tap';
import { randomBytes } from 'node:crypto';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { createCampaign } from '../../server/campaigns/campaign-service.ts';
import type { Database } from '../../server/db/schema.ts';
import { createLink } from '../../server/links/link-service.ts';
import { AnswerValidator } from '../../server/surveys/answer-validator.ts';
import { findLatestVersion } from '../../server/surveys/edition-repository.ts';
import { generateAnswers } from '../support/answer-generator.ts';
import { usingRealPostgres } from '../support/test-database.ts';
import { startChildServer, testPort } from '../scale/child-server.ts';
import { createCluster, unavailableReason } from './throwaway-cluster.ts';

const CLIENTS = 8;
const SUBMISSIONS = 240;
const OUTAGE_MS = 4000;
const DEADLINE_MS = 100_000;

t.setTimeout(170_000);

const reason = !usingRealPostgres() ? 'TEST_DATABASE_URL is not set (runs in the real-PostgreSQL pass of CI)' : unavailableReason();
if (reason) {
  t.comment(`database restart test not run here: ${reason}`);
  t.pass(`not run: ${reason}`);
} else {
  t.test('every acknowledged submission survives a database restart exactly once', async (t) => {
    const cluster = createCluster(testPort(11));
    t.teardown(() => cluster.destroy());
    cluster.start();

    const server = await startChildServer({ DATABASE_URL: cluster.url, SUBMIT_RATE_PER_MINUTE: '1000000', DATABASE_POOL_SIZE: '6' }, testPort(12));
    t.teardown(async () => {
      if (!server.alive()) t.comment(`the server died; its output:\n${server.output()}`);
      await server.stop();
    });
    // The test's own connections go down with the cluster too: they must not end the test process.
    const pool = new pg.Pool({ connectionString: cluster.url, max: 2 });
    pool.on('error', () => {});
    pool.on('connect', (client) => client.on('error', () => {}));
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    t.teardown(() => db.destroy());

    // A campaign and a link, through the services, once the server has published the editions.
    const edition = await findLatestVersion(db, 'jpp-experience', '2022');
    t.ok(edition, 'the server published the 2022 edition');
    const campaign = await createCampaign(db, { surveyId: 'jpp-experience', edition: '2022', name: 'Restart', opensAt: new Date(Date.now() - 86_400_000), closesAt: new Date(Date.now() + 86_400_000) });
    const link = await createLink(db, ['FR'], { campaignId: campaign.id, country: 'FR', channel: 'ipnc_email', language: 'fr' });
    const validator = new AnswerValidator(edition!.definition);
    const bodies: string[] = [];
    for (let seed = 1; bodies.length < 30 && seed < 200; seed++) {
      const answers = generateAnswers(edition!.definition, seed);
      if (Object.keys(validator.check(answers, 'fr', 'complete').errors).length === 0) bodies.push(JSON.stringify({ answers, locale: 'fr' }));
    }

    const run = randomBytes(4).toString('hex');
    const acknowledged = new Map<string, string>(); // key -> response id
    const statuses = new Map<number, number>();
    let connectionErrors = 0;
    let during503 = 0;
    let outage = false;
    const unexpected: string[] = [];
    const started = Date.now();

    const submitOnce = async (key: string, body: string): Promise<boolean> => {
      try {
        const res = await fetch(`${server.url}/s/${link.token}/responses`, {
          method: 'POST', headers: { 'content-type': 'application/json', 'idempotency-key': key }, body, signal: AbortSignal.timeout(15_000),
        });
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        const text = await res.text();
        if (res.status === 201) {
          const id = (JSON.parse(text) as { id: string }).id;
          const before = acknowledged.get(key);
          if (before && before !== id) unexpected.push(`key ${key} acknowledged as ${before} and then ${id}`);
          acknowledged.set(key, id);
          return true;
        }
        if (res.status === 503) {
          if (outage) during503++;
          return false;
        }
        unexpected.push(`${res.status}: ${text.slice(0, 200)}`);
        return false;
      } catch {
        connectionErrors++;
        return false;
      }
    };

    let next = 0;
    const client = async () => {
      while (next < SUBMISSIONS && Date.now() - started < DEADLINE_MS) {
        const n = next++;
        const key = `restart-${run}-${String(n).padStart(5, '0')}`;
        const body = bodies[n % bodies.length]!;
        // The same key until it is acknowledged: a retry is the same submission.
        while (!(await submitOnce(key, body)) && Date.now() - started < DEADLINE_MS) {
          await new Promise((r) => setTimeout(r, 150));
        }
      }
    };

    const restart = async () => {
      while (acknowledged.size < SUBMISSIONS / 3 && Date.now() - started < DEADLINE_MS) await new Promise((r) => setTimeout(r, 20));
      outage = true;
      cluster.stop();
      const downSince = Date.now();
      await new Promise((r) => setTimeout(r, 800));
      const ready = await fetch(`${server.url}/readyz`);
      t.equal(ready.status, 503, '/readyz answers 503 while the database is down');
      t.match(await ready.json(), { database: 'down' }, '/readyz names the database');
      t.equal((await fetch(`${server.url}/healthz`)).status, 200, 'the process itself is alive');
      await new Promise((r) => setTimeout(r, Math.max(0, OUTAGE_MS - (Date.now() - downSince))));
      cluster.start();
      outage = false;
    };

    await Promise.all([restart(), ...Array.from({ length: CLIENTS }, client)]);
    t.ok(Date.now() - started < DEADLINE_MS, `finished in ${Math.round((Date.now() - started) / 1000)} s`);

    t.same(unexpected, [], 'no 500 and no other unexpected answer');
    t.notOk(statuses.has(500), `statuses seen: ${JSON.stringify(Object.fromEntries(statuses))}`);
    t.ok(during503 + connectionErrors > 0, `the outage was felt: ${during503} answers 503, ${connectionErrors} connection errors`);
    t.ok(during503 > 0, 'submissions got 503 while the database was away');
    t.equal(acknowledged.size, SUBMISSIONS, 'every submission was acknowledged in the end');

    const stored = await db.selectFrom('response').select(['id']).where('campaign_id', '=', campaign.id).execute();
    const storedIds = new Set(stored.map((r) => r.id));
    t.equal(stored.length, storedIds.size, 'no response id twice');
    t.equal(stored.length, SUBMISSIONS, 'one stored response per submission: none lost, none duplicated');
    const missing = [...acknowledged.values()].filter((id) => !storedIds.has(id));
    t.same(missing, [], 'every acknowledged response is stored');
    const keys = await sql<{ n: number; responses: number }>`select count(*)::int as n, count(distinct response_id)::int as responses from submission_key`.execute(db);
    t.same(keys.rows[0], { n: SUBMISSIONS, responses: SUBMISSIONS }, 'one idempotency key per response');

    t.ok(server.alive(), 'the server process never died');
    t.equal((await fetch(`${server.url}/readyz`)).status, 200, '/readyz is ready again');
    t.notMatch(server.output(), /uncaught|unhandled/i, 'no uncaught error in the server output');
  });
}
