import t from 'tap';
import { buildTestApp } from '../../helper.ts';
import { staffClient } from '../staff/staff-client.ts';
import { exportFixture } from '../exports/export-fixture.ts';

t.test('the licence key comes from configuration', async (t) => {
  const { app: keyed } = await buildTestApp(t, { SURVEYJS_LICENSE_KEY: 'test-key-123' });
  const fx = await exportFixture(keyed);
  const admin = await staffClient(keyed, 'admin');
  const res = await admin.get(`/staff/dashboard?edition=${fx.editionId}`);
  t.match(res.body, /licenseKey&quot;:&quot;test-key-123/);
});
