/** Campaigns in the admin console: create for an edition, change the window, close now, all audited. */
import t from 'tap';
import { buildTestApp, openLink } from '../../helper.ts';
import { staffClient } from './staff-client.ts';

const { app } = await buildTestApp(t);
const admin = await staffClient(app, 'admin');
const test = t.test.bind(t);
const find = (id: string) => app.db.selectFrom('campaign').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

test('create a campaign with an extension and a retention date', async (t) => {
  const res = await admin.post('/staff/campaigns', {
    edition: 'jpp-experience/2019', name: 'Relaunch 2019', opensAt: '2030-11-04T09:00', closesAt: '2030-11-30T23:59',
    extendedUntil: '2030-12-15T23:59', retainUntil: '2033-01-31',
  });
  t.equal(res.statusCode, 303);
  t.equal(res.headers.location, '/staff/campaigns?notice=created');
  const c = await app.db.selectFrom('campaign').selectAll().where('name', '=', 'Relaunch 2019').executeTakeFirstOrThrow();
  t.equal(c.extended_until?.toISOString(), '2030-12-15T23:59:00.000Z');
  t.equal(c.retain_until, '2033-01-31');
  const list = await admin.get('/staff/campaigns?notice=created');
  t.match(list.body, /Relaunch 2019/);
  t.match(list.body, /The campaign was created/);
  const audit = await app.db.selectFrom('audit_event').selectAll().where('object_id', '=', c.id).execute();
  t.equal(audit[0]?.action, 'campaign.create');
});

test('bad campaign input is refused field by field and nothing is stored', async (t) => {
  const before = (await app.db.selectFrom('campaign').select('id').execute()).length;
  const res = await admin.post('/staff/campaigns', { edition: 'jpp-experience/2022', name: ' ', opensAt: '2030-12-01T00:00', closesAt: '2030-11-01T00:00', extendedUntil: 'soon' });
  t.equal(res.statusCode, 422);
  t.match(res.body, /extendedUntil: Enter a date and time/);
  const order = await admin.post('/staff/campaigns', { edition: 'jpp-experience/2022', name: 'X', opensAt: '2030-12-01T00:00', closesAt: '2030-11-01T00:00' });
  t.equal(order.statusCode, 422);
  t.match(order.body, /The closing date must be after the opening date/);
  const noEdition = await admin.post('/staff/campaigns', { edition: 'jpp-experience/1999', name: 'X', opensAt: '2030-10-01T00:00', closesAt: '2030-11-01T00:00' });
  t.equal(noEdition.statusCode, 422);
  t.match(noEdition.body, /There is no edition jpp-experience\/1999/);
  t.equal((await app.db.selectFrom('campaign').select('id').execute()).length, before);
});

test('change the window, then close now', async (t) => {
  const { campaignId, token } = await openLink(app);
  const form = await admin.get(`/staff/campaigns/${campaignId}/window`);
  t.equal(form.statusCode, 200);
  t.match(form.body, /name="opensAt" type="datetime-local" required value="\d{4}-\d{2}-\d{2}T\d{2}:\d{2}"/);

  const bad = await admin.post(`/staff/campaigns/${campaignId}/window`, { opensAt: '2026-01-01T00:00', closesAt: '2025-01-01T00:00' });
  t.equal(bad.statusCode, 422);
  const changed = await admin.post(`/staff/campaigns/${campaignId}/window`, { opensAt: '2026-01-01T00:00', closesAt: '2027-06-30T12:00', extendedUntil: '2027-07-15T12:00' });
  t.equal(changed.statusCode, 303);
  const after = await find(campaignId);
  t.equal(after.closes_at.toISOString(), '2027-06-30T12:00:00.000Z');
  t.equal(after.extended_until?.toISOString(), '2027-07-15T12:00:00.000Z');

  t.equal((await app.inject({ method: 'GET', url: `/s/${token}` })).statusCode, 200, 'open before closing');
  const closed = await admin.post(`/staff/campaigns/${campaignId}/close`);
  t.equal(closed.statusCode, 303);
  const final = await find(campaignId);
  t.ok(final.closes_at.getTime() <= Date.now());
  t.equal(final.extended_until, null);
  t.equal((await app.inject({ method: 'GET', url: `/s/${token}` })).statusCode, 410, 'the link takes no more answers');

  const actions = (await app.db.selectFrom('audit_event').select(['action', 'detail']).where('object_id', '=', campaignId).orderBy('id').execute());
  t.same(actions.map((a) => a.action), ['campaign.change_window', 'campaign.close']);
  t.match(actions[0]!.detail, { before: { closesAt: String }, after: { closesAt: '2027-06-30T12:00:00.000Z' } });
});

test('closing a campaign that has not opened yet', async (t) => {
  const { campaignId } = await openLink(app, { opensAt: new Date(Date.now() + 86_400_000), closesAt: new Date(Date.now() + 10 * 86_400_000) });
  t.equal((await admin.post(`/staff/campaigns/${campaignId}/close`)).statusCode, 303);
  const c = await find(campaignId);
  t.ok(c.opens_at < c.closes_at && c.closes_at.getTime() <= Date.now());
});

test('an unknown campaign is not found', async (t) => {
  const id = '00000000-0000-4000-8000-000000000000';
  t.equal((await admin.get(`/staff/campaigns/${id}/window`)).statusCode, 404);
  t.equal((await admin.post(`/staff/campaigns/${id}/close`)).statusCode, 404);
});
