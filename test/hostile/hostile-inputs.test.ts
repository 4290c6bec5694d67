/**
 * Sends the hostile-input corpus (corpus.ts) to every public and staff endpoint: each request gets
 * a clear 4xx, nothing is stored (row counts of every table that requests can write), no 5xx
 * anywhere, and the server still answers afterwards.
 */
import t from 'tap';
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { createLink } from '../../server/links/link-service.ts';
import { buildTestApp, openLink } from '../helper.ts';
import { anonymousForm, createStaffUser, signIn, staffClient } from '../routes/staff/staff-client.ts';
import { CORPUS, type HostileCase, type Sender } from './corpus.ts';

t.setTimeout(300_000);

const TABLES = ['response', 'submission_key', 'campaign', 'link', 'wave', 'target', 'edition', 'staff_user', 'staff_session', 'staff_password_token'] as const;

t.test('every hostile request gets a clear 4xx and changes nothing', async (t) => {
  const { app } = await buildTestApp(t, { SUBMIT_RATE_PER_MINUTE: '100000', DELETE_RATE_PER_WINDOW: '100000' });
  const open = await openLink(app, { country: 'FR', edition: '2022' });
  const other = await createLink(app.db, app.reference.countryCodes, { campaignId: open.campaignId, country: 'ES', channel: 'event', language: 'es' });
  const disabled = await createLink(app.db, app.reference.countryCodes, { campaignId: open.campaignId, country: 'FR', channel: 'website', language: 'fr' });
  await app.db.updateTable('link').set({ disabled_at: new Date() }).where('id', '=', disabled.id).execute();

  const senders = {
    admin: await staffClient(app, 'admin'),
    analyst: await staffClient(app, 'analyst'),
    ipnc: await staffClient(app, 'ipnc', 'FR'),
    expired: await staffClient(app, 'analyst'),
  };
  // A session idle and old beyond every limit, as if the browser came back days later.
  await app.db.updateTable('staff_session').set({ last_seen_at: sql`now() - interval '3 days'`, created_at: sql`now() - interval '3 days'` })
    .where('user_id', '=', senders.expired.userId).execute();
  const target = await createStaffUser(app, 'analyst');
  const anonymous = await anonymousForm(app);

  const fill = (s: string) => s
    .replaceAll('{token}', open.token).replaceAll('{disabled}', disabled.token).replaceAll('{campaign}', open.campaignId)
    .replaceAll('{edition}', open.editionId).replaceAll('{otherLink}', other.id).replaceAll('{user}', target.id)
    .replaceAll('{uuid}', randomUUID()).replaceAll('{link}', open.linkId);

  const counts = async () => {
    const out: Record<string, number> = {};
    for (const table of TABLES) {
      const row = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(app.db);
      out[table] = row.rows[0]!.n;
    }
    const funnel = await sql<{ n: number }>`select coalesce(sum(visits + starts + completions), 0)::int as n from link_funnel_day`.execute(app.db);
    out.funnel = funnel.rows[0]!.n;
    return out;
  };

  const send = (c: HostileCase) => {
    const as: Sender = c.as ?? 'anonymous';
    const client = as === 'anonymous' ? undefined : senders[as];
    const headers: Record<string, string> = {};
    if (client) headers.cookie = client.cookie;
    else if (c.csrf) headers.cookie = anonymous.cookie;
    const token = client ? client.csrf : anonymous.csrf;
    let payload: string | Buffer | undefined;
    if (c.form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      payload = new URLSearchParams({ ...(c.csrf ? { _csrf: token } : {}), ...c.form }).toString();
    } else if (c.json !== undefined) {
      headers['content-type'] = 'application/json';
      payload = JSON.stringify(c.json);
    } else if (c.raw !== undefined) {
      headers['content-type'] = 'application/json';
      payload = c.raw;
    }
    if (client && c.csrf && !c.form) headers['x-csrf-token'] = token;
    Object.assign(headers, c.headers ?? {});
    return app.inject({ method: c.method, url: fill(c.url), headers, ...(payload !== undefined ? { payload: typeof payload === 'string' ? fill(payload) : payload } : {}) });
  };

  t.ok(CORPUS.length >= 60, `${CORPUS.length} hostile requests`);
  const before = await counts();
  const problems: string[] = [];
  for (const c of CORPUS) {
    const res = await send(c);
    const ok = res.statusCode >= 400 && res.statusCode < 500 && (!c.expect || c.expect.includes(res.statusCode));
    if (!ok) problems.push(`${c.name}: ${res.statusCode} ${res.body.slice(0, 160)}`);
  }
  t.same(problems, [], 'each request got its clear 4xx');
  const after = await counts();
  // Using an expired session ends it: the session table may shrink, never grow.
  t.ok(after.staff_session! <= before.staff_session!, 'no session was made');
  t.same({ ...after, staff_session: 0 }, { ...before, staff_session: 0 }, 'nothing was stored or changed');
  t.equal((await app.inject({ url: '/healthz' })).statusCode, 200, 'the server still answers');
  t.equal((await app.inject({ url: '/readyz' })).statusCode, 200, 'and its database too');
});
