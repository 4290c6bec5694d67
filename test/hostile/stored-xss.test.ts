/**
 * Hostile text stored through legitimate forms comes out neutralised wherever staff read it: escaped
 * in staff pages (campaign names, results), served as JSON (never HTML) to the dashboard, and
 * prefixed in CSV exports so that no spreadsheet evaluates it as a formula.
 */
import t from 'tap';
import { findEditionById } from '../../server/surveys/edition-repository.ts';
import { buildTestApp, openLink } from '../helper.ts';
import { generateAnswers } from '../support/answer-generator.ts';
import { staffClient } from '../routes/staff/staff-client.ts';

const SCRIPT = '<script>alert(1)</script>';
const IMG = '<img src=x onerror=alert(2)>';
const FORMULAS = ['=HYPERLINK("http://example.invalid","x")', '+1+2', '-3+cmd|"/c calc"!A0', '@SUM(1,2)'];

t.test('stored XSS and formulas are neutralised in pages, dashboards and exports', async (t) => {
  const { app } = await buildTestApp(t);
  const link = await openLink(app, { edition: '2022', country: 'FR' });
  const definition = (await findEditionById(app.db, link.editionId))!.definition;
  for (let i = 0; i < 6; i++) {
    const answers = {
      ...generateAnswers(definition, 40 + i, { skip: 0 }),
      comments: `${SCRIPT}${IMG}`,
      good_practice_pre_tender: FORMULAS[0], good_practice_tender: FORMULAS[1], good_practice_post_tender: FORMULAS[3],
    };
    const res = await app.inject({
      method: 'POST', url: `/s/${link.token}/responses`,
      headers: { 'content-type': 'application/json', 'idempotency-key': `stored-xss-key-${String(i).padStart(4, '0')}` },
      payload: JSON.stringify({ answers, locale: 'en' }),
    });
    t.equal(res.statusCode, 201, `response ${i} stored: ${res.body.slice(0, 200)}`);
  }
  const admin = await staffClient(app, 'admin');
  const analyst = await staffClient(app, 'analyst');

  const made = await admin.post('/staff/campaigns', { edition: 'jpp-experience/2022', name: `${SCRIPT} campaign`, opensAt: '2026-01-01T00:00', closesAt: '2026-03-01T00:00' });
  t.ok(made.statusCode < 400, `a campaign named with a script is accepted as text (${made.statusCode})`);
  const pages = [
    await admin.get('/staff/campaigns'),
    await analyst.get(`/staff/results?edition=${link.editionId}`),
    await analyst.get(`/staff/dashboard?edition=${link.editionId}`),
  ];
  for (const page of pages) {
    t.ok(page.statusCode < 400, `page answers ${page.statusCode}`);
    t.notOk(page.body.includes(SCRIPT), 'no raw script tag');
    t.notOk(page.body.includes(IMG), 'no raw event-handler attribute');
  }
  t.match(pages[0]!.body, /&lt;script&gt;alert\(1\)&lt;\/script&gt; campaign/, 'the campaign name is shown escaped');

  const summary = await analyst.get(`/api/dashboard/summary?edition=${link.editionId}&question=comments&visualizer=text`, { accept: 'application/json' });
  t.ok(summary.statusCode < 400, `dashboard feed answers ${summary.statusCode}`);
  t.match(summary.headers['content-type'], /application\/json/, 'the dashboard feed is JSON, never HTML');
  t.equal(summary.headers['x-content-type-options'], 'nosniff');

  const csv = await analyst.get(`/api/exports/responses?edition=${link.editionId}&format=csv`);
  t.equal(csv.statusCode, 200);
  for (const f of [FORMULAS[0]!, FORMULAS[1]!, FORMULAS[3]!]) {
    const quoted = f.replaceAll('"', '""');
    t.ok(csv.body.includes(`'${quoted}`), `"${f}" is prefixed with a quote`);
    t.notOk(new RegExp(`(^|,)"?${quoted.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`, 'm').test(csv.body), `"${f}" never starts a cell`);
  }
});
