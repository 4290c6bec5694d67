/** The audit log page: admins only, newest first, filters by actor, action, object and dates, paging. */
import t from 'tap';
import { buildTestApp } from '../../helper.ts';
import { recordAudit } from '../../../server/audit/audit-service.ts';
import { staffClient } from './staff-client.ts';

const { app } = await buildTestApp(t);
const admin = await staffClient(app, 'admin');
const test = t.test.bind(t);
const rows = (html: string) => [...html.matchAll(/<tr>\s*<td>([^<]*)<\/td>\s*<td>([^<]*)<\/td>\s*<td>([^<]*)<\/td>/g)].map((m) => ({ at: m[1], actor: m[2], action: m[3] }));

test('filters by actor, action, object and date', async (t) => {
  await recordAudit(app.db, { actor: 'cli', action: 'responses.purge', objectType: 'campaign', objectId: 'c-1', detail: { deleted: 3 } });
  await recordAudit(app.db, { actor: 'cli', action: 'user.create', objectType: 'staff_user', objectId: 'u-1' });
  await app.db.insertInto('audit_event').values({ actor: 'cli', action: 'campaign.close', object_type: 'campaign', object_id: 'c-2', at: new Date('2025-03-10T12:00:00Z') }).execute();

  const byActor = rows((await admin.get('/staff/audit?actor=CLI')).body);
  t.ok(byActor.length >= 3 && byActor.every((r) => r.actor === 'cli'), 'actor, case-insensitive');
  const byAction = rows((await admin.get('/staff/audit?action=responses.purge')).body);
  t.same(byAction.map((r) => r.action), ['Responses purge'], 'an action without its own words is spelled out');
  const byObject = await admin.get('/staff/audit?objectType=campaign&objectId=c-2');
  t.same(rows(byObject.body).map((r) => r.action), ['Closed a campaign']);
  const byDate = rows((await admin.get('/staff/audit?from=2025-03-10&to=2025-03-10')).body);
  t.same(byDate.map((r) => r.action), ['Closed a campaign']);
  const before = rows((await admin.get('/staff/audit?to=2025-03-09')).body);
  t.same(before, []);
  const page = await admin.get('/staff/audit?from=&to=&action=');
  t.equal(page.statusCode, 200, 'empty filters are ignored');
  t.match(page.body, /<option value="responses.purge"/, 'actions offered as filters');
  t.equal((await admin.get('/staff/audit?from=yesterday')).statusCode, 422);
  t.match((await admin.get('/staff/audit?action=responses.purge')).body, /<li><span class="detail-label">Responses deleted:<\/span> 3<\/li>/, 'detail shown as a list');
});

test('newest first, 100 a page, with a link to older entries', async (t) => {
  for (let i = 0; i < 105; i++) await recordAudit(app.db, { actor: 'cli', action: 'bulk.test', objectType: 'thing', objectId: String(i) });
  const first = await admin.get('/staff/audit?action=bulk.test');
  const objects = [...first.body.matchAll(/Thing: (\d+) /g)].map((m) => Number(m[1]));
  t.equal(objects.length, 100);
  t.equal(objects[0], 104, 'newest first');
  const older = first.body.match(/href="\/staff\/audit\?([^"]+)">Older entries/)?.[1];
  t.ok(older);
  // As a browser reads the attribute: Handlebars writes = and & as entities.
  const second = await admin.get(`/staff/audit?${older!.replace(/&amp;/g, '&').replace(/&#x3D;/g, '=')}`);
  t.same([...second.body.matchAll(/Thing: (\d+) /g)].map((m) => Number(m[1])), [4, 3, 2, 1, 0]);
});

test('actions, objects and details in words, no raw JSON or UUID in the text', async (t) => {
  const { user } = await app.services.users.create('cli', { email: 'named@example.eu', name: 'Named Person', role: 'analyst', country: null });
  const page = await admin.get(`/staff/audit?objectId=${user.id}`);
  const row = page.body.slice(page.body.indexOf('<tbody>'), page.body.indexOf('</tbody>'));
  t.match(row, /Created a staff account/);
  t.match(row, /Staff member: Named Person \(named@example\.eu\)/, 'the object by its name');
  t.match(row, /<span class="detail-label">Role:<\/span> analyst/);
  const text = row.replace(/<[^>]+>/g, ' ');
  t.notMatch(text, /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/, 'no UUID in what is read');
  t.notMatch(text, /[{}]|&quot;/, 'no JSON');
  t.match(row, `href="/staff/audit?objectId=${user.id}"`, "the object's history is a link");
});

test('only admins read the audit log', async (t) => {
  const analyst = await staffClient(app, 'analyst');
  t.equal((await analyst.get('/staff/audit')).statusCode, 403);
  const ipnc = await staffClient(app, 'ipnc', 'ES');
  t.equal((await ipnc.get('/staff/audit')).statusCode, 403);
});
