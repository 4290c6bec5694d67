/**
 * Every registered route (read from the app's own route table, so that a new route cannot be
 * forgotten) against five principals: anonymous, ipnc FR, ipnc ES, analyst, admin. Each route has
 * one line in ROUTES with the status each principal must get, in that order.
 *
 * Adding a route? Add one line: `'METHOD /pattern': { url: (f) => ..., expect: [anon, ipncFR, ipncES, analyst, admin] }`.
 * `url` is needed only when the pattern has parameters (fixtures are in makeFixtures(); add yours).
 * Requests carry the principal's session cookie and a valid CSRF token (x-csrf-token), so a status
 * here is about who may call the route, not about CSRF (test/auth/csrf.test.ts covers that).
 * GET requests accept text/html (JSON under /api/); POST bodies are empty unless the line gives `body`.
 * An IPNC of FR asking for an ES object must get 404, never 403.
 */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { test } from 'tap';
import { buildTestApp, openLink } from '../helper.ts';
import { createLink } from '../../server/links/link-service.ts';
import { recordWave } from '../../server/waves/wave-service.ts';
import { anonymousForm, createStaffUser, signIn } from './staff/staff-client.ts';

/** A job id that is nobody's. */
const NO_JOB = '00000000-0000-4000-8000-000000000000';
const WHO = ['anonymous', 'ipnc FR', 'ipnc ES', 'analyst', 'admin'] as const;
type Statuses = [anonymous: number, ipncFR: number, ipncES: number, analyst: number, admin: number];

interface Fixtures {
  editionId: string;
  campaignId: string;
  /** A second campaign for actions that change a campaign (close, new dates). */
  spareCampaignId: string;
  frToken: string;
  frLinkId: string;
  esLinkId: string;
  /** An analyst account the admin may disable, enable and reset. */
  spareUserId: string;
  /** A relaunch wave recorded for ES. */
  esWaveId: string;
  /** The hashed URL of a built asset. */
  appCssUrl: string;
}

interface RouteCase {
  url?: (f: Fixtures) => string;
  /** Form fields of a POST (sent URL-encoded). */
  body?: (f: Fixtures) => Record<string, string>;
  expect: Statuses;
  /** The route ends the session: each principal uses a fresh one. */
  ownSession?: boolean;
}

const today = () => new Date().toISOString().slice(0, 10);
const all = (s: number): Statuses => [s, s, s, s, s];
/** A page for admins only: anonymous is sent to sign in. */
const ADMIN_PAGE: Statuses = [303, 403, 403, 403, 200];
/** A state change for admins only, with the admin's expected outcome. */
const adminPost = (admin: number): Statuses => [401, 403, 403, 403, admin];
/** A page for any signed-in staff member. */
const STAFF_PAGE: Statuses = [303, 200, 200, 200, 200];

const ROUTES: Record<string, RouteCase> = {
  // Public
  'GET /': { expect: all(200) },
  'GET /healthz': { expect: all(200) },
  'GET /readyz': { expect: all(200) },
  'GET /assets/*': { url: () => '/assets/css/app.css', expect: all(200) },
  'GET /vendor/survey-core/*': { url: () => '/vendor/survey-core/survey.core.min.js', expect: all(200) },
  'GET /vendor/survey-js-ui/*': { url: () => '/vendor/survey-js-ui/survey-js-ui.min.js', expect: all(200) },
  'GET /vendor/survey-analytics/*': { url: () => '/vendor/survey-analytics/survey.analytics.min.js', expect: all(200) },
  'GET /vendor/chart.js/*': { url: () => '/vendor/chart.js/dist/chart.umd.min.js', expect: all(200) },
  'GET /vendor/plotly.js-dist-min/*': { url: () => '/vendor/plotly.js-dist-min/plotly.min.js', expect: all(200) },
  'GET /static/*': { url: (f) => f.appCssUrl, expect: all(200) },
  'GET /api/openapi.json': { expect: all(200) },

  // Respondent: no session needed, the same answer for everyone
  'GET /s/:token': { url: (f) => `/s/${f.frToken}`, expect: all(200) },
  'GET /s/:token/language/:lang': { url: (f) => `/s/${f.frToken}/language/en`, expect: all(200) },
  'POST /s/:token/responses': { url: (f) => `/s/${f.frToken}/responses`, expect: all(422) },
  'POST /s/:token/progress': { url: (f) => `/s/${f.frToken}/progress`, expect: all(422) },
  'POST /s/:token/progress/load': { url: (f) => `/s/${f.frToken}/progress/load`, expect: all(422) },
  'POST /s/:token/responses/delete': { url: (f) => `/s/${f.frToken}/responses/delete`, expect: all(422) },

  // Signing in and out
  'GET /staff/sign-in': { expect: [200, 303, 303, 303, 303] },
  'POST /staff/sign-in': { expect: all(422) },
  'POST /staff/sign-out': { expect: all(303), ownSession: true },
  'GET /staff/set-password/:token': { url: () => '/staff/set-password/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', expect: all(404) },
  'POST /staff/set-password/:token': { url: () => '/staff/set-password/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', expect: all(422) },
  'GET /staff': { expect: STAFF_PAGE },

  // Admin console
  'GET /staff/editions': { expect: ADMIN_PAGE },
  'GET /staff/editions/new': { expect: ADMIN_PAGE },
  'POST /staff/editions': { expect: adminPost(422) },
  'GET /staff/editions/:editionId': { url: (f) => `/staff/editions/${f.editionId}`, expect: ADMIN_PAGE },
  'GET /staff/editions/:editionId/preview': { url: (f) => `/staff/editions/${f.editionId}/preview`, expect: ADMIN_PAGE },
  'GET /staff/campaigns': { expect: ADMIN_PAGE },
  'POST /staff/campaigns': { expect: adminPost(422) },
  'GET /staff/campaigns/:campaignId/window': { url: (f) => `/staff/campaigns/${f.campaignId}/window`, expect: ADMIN_PAGE },
  'POST /staff/campaigns/:campaignId/window': { url: (f) => `/staff/campaigns/${f.spareCampaignId}/window`, expect: adminPost(422) },
  'POST /staff/campaigns/:campaignId/close': { url: (f) => `/staff/campaigns/${f.spareCampaignId}/close`, expect: adminPost(303) },
  'GET /staff/users': { expect: ADMIN_PAGE },
  'POST /staff/users': { expect: adminPost(422) },
  'POST /staff/users/:userId/reset-password': { url: (f) => `/staff/users/${f.spareUserId}/reset-password`, expect: adminPost(200) },
  'POST /staff/users/:userId/disable': { url: (f) => `/staff/users/${f.spareUserId}/disable`, expect: adminPost(303) },
  'POST /staff/users/:userId/enable': { url: (f) => `/staff/users/${f.spareUserId}/enable`, expect: adminPost(303) },
  'GET /staff/audit': { expect: ADMIN_PAGE },
  'GET /staff/translations': { expect: ADMIN_PAGE },
  'GET /staff/translations/:surveyId/:edition/export': { url: () => '/staff/translations/jpp-experience/2022/export?language=sk', expect: [303, 403, 403, 403, 200] },
  'GET /staff/translations/:surveyId/:edition/history': { url: () => '/staff/translations/jpp-experience/2022/history', expect: ADMIN_PAGE },
  'POST /staff/translations/import': { expect: adminPost(422) },

  // Campaigns: national pages (an IPNC reaches only their own country: FR objects, ES gets 404), links, waves, targets
  'GET /staff/country': { expect: [303, 303, 303, 200, 200] },
  'GET /staff/country/:country': { url: () => '/staff/country/FR', expect: [303, 200, 404, 200, 200] },
  'GET /staff/campaigns/:campaignId/country/:country': { url: (f) => `/staff/campaigns/${f.campaignId}/country/FR`, expect: [303, 200, 404, 200, 200] },
  'GET /staff/campaigns/:campaignId/overview': { url: (f) => `/staff/campaigns/${f.campaignId}/overview`, expect: [303, 403, 403, 200, 200] },
  'GET /staff/campaigns/:campaignId/country/:country/links': { url: (f) => `/staff/campaigns/${f.campaignId}/country/FR/links`, expect: [303, 200, 404, 403, 200] },
  'POST /staff/campaigns/:campaignId/country/:country/links': { url: (f) => `/staff/campaigns/${f.campaignId}/country/FR/links`, body: () => ({ channel: 'newsletter', language: 'fr', label: 'Test' }), expect: [401, 303, 404, 403, 303] },
  'POST /staff/links/:linkId/disable': { url: (f) => `/staff/links/${f.esLinkId}/disable`, expect: [401, 404, 303, 403, 303] },
  'POST /staff/links/:linkId/enable': { url: (f) => `/staff/links/${f.esLinkId}/enable`, expect: [401, 404, 303, 403, 303] },
  'GET /staff/links/:linkId/qr.svg': { url: (f) => `/staff/links/${f.esLinkId}/qr.svg`, expect: [303, 404, 200, 403, 200] },
  'GET /staff/links/:linkId/qr.png': { url: (f) => `/staff/links/${f.esLinkId}/qr.png`, expect: [303, 404, 200, 403, 200] },
  'GET /staff/links/:linkId/relaunch': { url: (f) => `/staff/links/${f.esLinkId}/relaunch`, expect: [303, 404, 200, 403, 200] },
  'POST /staff/links/:linkId/relaunch': { url: (f) => `/staff/links/${f.esLinkId}/relaunch`, body: () => ({ waveOn: today() }), expect: [401, 404, 303, 403, 303] },
  'GET /staff/links/:linkId/message': { url: (f) => `/staff/links/${f.esLinkId}/message`, expect: [303, 404, 200, 403, 200] },
  'GET /staff/campaigns/:campaignId/country/:country/waves': { url: (f) => `/staff/campaigns/${f.campaignId}/country/FR/waves`, expect: [303, 200, 404, 403, 200] },
  'POST /staff/campaigns/:campaignId/country/:country/waves': { url: (f) => `/staff/campaigns/${f.campaignId}/country/FR/waves`, body: () => ({ kind: 'reminder', waveOn: today() }), expect: [401, 303, 404, 403, 303] },
  'GET /staff/campaigns/:campaignId/waves': { url: (f) => `/staff/campaigns/${f.campaignId}/waves`, expect: ADMIN_PAGE },
  'POST /staff/campaigns/:campaignId/waves': { url: (f) => `/staff/campaigns/${f.campaignId}/waves`, body: () => ({ kind: 'reminder', waveOn: today() }), expect: adminPost(303) },
  'POST /staff/campaigns/:campaignId/waves/reattribute': { url: (f) => `/staff/campaigns/${f.campaignId}/waves/reattribute`, expect: adminPost(303) },
  // The ES IPNC deletes the ES wave, so it is gone when the admin asks.
  'POST /staff/waves/:waveId/delete': { url: (f) => `/staff/waves/${f.esWaveId}/delete`, expect: [401, 404, 303, 403, 404] },
  'GET /staff/campaigns/:campaignId/country/:country/targets': { url: (f) => `/staff/campaigns/${f.campaignId}/country/FR/targets`, expect: [303, 200, 404, 403, 200] },
  // Exports and the SurveyJS Dashboard (an IPNC asking for another country's link_country gets 404)
  'GET /staff/exports': { expect: STAFF_PAGE },
  'GET /api/exports/codebook': { url: (f) => `/api/exports/codebook?edition=${f.editionId}`, expect: [401, 200, 200, 200, 200] },
  'GET /api/exports/responses': { url: (f) => `/api/exports/responses?edition=${f.editionId}`, expect: [401, 403, 403, 200, 200] },
  'GET /api/exports/aggregates': { url: (f) => `/api/exports/aggregates?edition=${f.editionId}&link_country=FR`, expect: [401, 200, 404, 200, 200] },
  'GET /staff/dashboard': { url: (f) => `/staff/dashboard?edition=${f.editionId}`, expect: STAFF_PAGE },
  'GET /api/dashboard/summary': { url: (f) => `/api/dashboard/summary?edition=${f.editionId}&question=country&visualizer=selectBase&link_country=FR`, expect: [401, 200, 404, 200, 200] },
  // Results pages and API (an IPNC reads their own country's links; asking for another country gets 404)
  'GET /staff/results': { url: (f) => `/staff/results?edition=${f.editionId}&link_country=FR`, expect: [303, 200, 404, 200, 200] },
  'GET /staff/results/groups': { url: (f) => `/staff/results/groups?edition=${f.editionId}&by=authority_type&link_country=FR`, expect: [303, 200, 404, 200, 200] },
  'GET /staff/results/cross-tab': { url: (f) => `/staff/results/cross-tab?edition=${f.editionId}&rows=q.jpp_experience&columns=authority_type&link_country=FR`, expect: [303, 200, 404, 200, 200] },
  'GET /staff/results/compare': { url: (f) => `/staff/results/compare?edition=${f.editionId}&link_country=FR`, expect: [303, 200, 404, 200, 200] },
  'GET /api/results/summary': { url: (f) => `/api/results/summary?edition=${f.editionId}&link_country=FR`, expect: [401, 200, 404, 200, 200] },
  'GET /api/results/groups': { url: (f) => `/api/results/groups?edition=${f.editionId}&by=country&link_country=FR`, expect: [401, 200, 404, 200, 200] },
  'GET /api/results/cross-tab': { url: (f) => `/api/results/cross-tab?edition=${f.editionId}&rows=q.jpp_experience&columns=country&link_country=FR`, expect: [401, 200, 404, 200, 200] },
  'GET /api/results/compare': { url: (f) => `/api/results/compare?edition=${f.editionId}&link_country=FR`, expect: [401, 200, 404, 200, 200] },
  'GET /staff/reports': { expect: STAFF_PAGE },
  'GET /api/reports/report': { url: (f) => `/api/reports/report?edition=${f.editionId}&link_country=FR`, expect: [401, 200, 404, 200, 200] },
  // A language that does not exist: the request is refused before a job starts (jobs: test/routes/reports/report-jobs.test.ts).
  'POST /api/reports/jobs': { url: (f) => `/api/reports/jobs?edition=${f.editionId}&link_country=FR&report_language=xx`, expect: [401, 422, 404, 422, 422] },
  'GET /api/reports/jobs/:id': { url: () => `/api/reports/jobs/${NO_JOB}`, expect: [401, 404, 404, 404, 404] },
  'GET /api/reports/jobs/:id/file': { url: () => `/api/reports/jobs/${NO_JOB}/file`, expect: [401, 404, 404, 404, 404] },
  // No response is stored here: a chart of no figures is "not found" for everyone signed in.
  'GET /api/charts/question': { url: (f) => `/api/charts/question?edition=${f.editionId}&question=jpp_experience&link_country=FR`, expect: [401, 404, 404, 404, 404] },
  'GET /api/charts/cross-tab': { url: (f) => `/api/charts/cross-tab?edition=${f.editionId}&rows=q.jpp_experience&columns=country&link_country=FR`, expect: [401, 404, 404, 404, 404] },
  'GET /api/charts/comparison': { url: (f) => `/api/charts/comparison?edition=${f.editionId}&question=jpp_experience&link_country=FR`, expect: [401, 404, 404, 404, 404] },
  'GET /api/charts/dashboard': { url: (f) => `/api/charts/dashboard?campaign=${f.campaignId}`, expect: [401, 403, 403, 200, 200] },
  'POST /staff/campaigns/:campaignId/country/:country/targets': { url: (f) => `/staff/campaigns/${f.campaignId}/country/FR/targets`, body: () => ({ overall: '120' }), expect: [401, 303, 404, 403, 303] },
};

async function makeFixtures(app: FastifyInstance): Promise<Fixtures> {
  const fr = await openLink(app, { country: 'FR' });
  const es = await createLink(app.db, app.reference.countryCodes, { campaignId: fr.campaignId, country: 'ES', channel: 'ipnc_email', language: 'es' });
  const spare = await openLink(app, { country: 'FR' });
  const spareUser = await createStaffUser(app, 'analyst');
  const esWave = await recordWave(app.db, 'cli', { campaignId: fr.campaignId, country: 'ES', kind: 'relaunch', waveOn: new Date().toISOString().slice(0, 10) });
  return {
    editionId: fr.editionId, campaignId: fr.campaignId, spareCampaignId: spare.campaignId,
    frToken: fr.token, frLinkId: fr.linkId, esLinkId: es.id, spareUserId: spareUser.id, esWaveId: esWave.id,
    appCssUrl: app.assets.url('/assets/css/app.css'),
  };
}

interface Principal {
  cookie: string;
  csrf: string;
  email?: string;
}

async function principals(app: FastifyInstance): Promise<Principal[]> {
  const anon = await anonymousForm(app);
  const signed = [];
  for (const [role, country] of [['ipnc', 'FR'], ['ipnc', 'ES'], ['analyst', undefined], ['admin', undefined]] as const) {
    const user = await createStaffUser(app, role, country ? { country } : {});
    signed.push(await signIn(app, user.email));
  }
  return [anon, ...signed];
}

function send(app: FastifyInstance, method: string, url: string, who: Principal, body?: Record<string, string>): Promise<LightMyRequestResponse> {
  // Pages are asked for as a browser does; the JSON API and every POST as a script does.
  const page = method === 'GET' && !url.startsWith('/api/');
  const headers: Record<string, string> = { cookie: who.cookie, 'x-csrf-token': who.csrf, accept: page ? 'text/html' : 'application/json' };
  if (method === 'GET') return app.inject({ method: 'GET', url, headers });
  headers['content-type'] = 'application/x-www-form-urlencoded';
  return app.inject({ method: method as 'POST', url, headers, payload: new URLSearchParams(body ?? {}).toString() });
}

test('every route answers each principal as its line in ROUTES says', async (t) => {
  const { app } = await buildTestApp(t);
  const registered = [...new Set(app.routeList.filter((r) => r.method !== 'HEAD').map((r) => `${r.method} ${r.url}`))];
  const missing = registered.filter((key) => !ROUTES[key]);
  t.same(missing, [], `routes without a line in ROUTES: add one per route to test/routes/route-authorization.test.ts (${missing.join(', ')})`);
  const stale = Object.keys(ROUTES).filter((key) => !registered.includes(key));
  t.same(stale, [], 'lines in ROUTES for routes that no longer exist: remove them');

  const fixtures = await makeFixtures(app);
  const who = await principals(app);
  for (const key of registered) {
    const line = ROUTES[key];
    if (!line) continue;
    const [method, pattern] = key.split(' ') as [string, string];
    const url = line.url ? line.url(fixtures) : pattern;
    const got: number[] = [];
    for (let i = 0; i < who.length; i++) {
      let principal = who[i]!;
      if (line.ownSession && i > 0) principal = await signIn(app, (principal as { email: string }).email);
      const res = await send(app, method, url, principal, line.body?.(fixtures));
      got.push(res.statusCode);
    }
    t.same(got, line.expect, `${key} (${WHO.join(", ")}): got ${JSON.stringify(got)}`);
  }
});

test('no staff page or action is served to an anonymous visitor', async (t) => {
  const open = new Set(['GET /staff/sign-in', 'POST /staff/sign-in', 'POST /staff/sign-out', 'GET /staff/set-password/:token', 'POST /staff/set-password/:token']);
  for (const [key, line] of Object.entries(ROUTES)) {
    const path = key.split(' ')[1]!;
    if (!(path.startsWith('/staff') || path.startsWith('/api/results')) || open.has(key)) continue;
    t.ok([303, 401, 404].includes(line.expect[0]), `${key}: anonymous gets ${line.expect[0]}`);
  }
});

test('respondent routes give every principal the same answer: no session is needed', async (t) => {
  for (const [key, line] of Object.entries(ROUTES)) {
    if (!key.split(' ')[1]!.startsWith('/s/')) continue;
    t.equal(new Set(line.expect).size, 1, key);
  }
});
