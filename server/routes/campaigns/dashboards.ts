/**
 * The national dashboard of one campaign and country (IPNC: own country; analyst, admin: any) and
 * the overview of every country (analyst, admin). Chart data goes to the browser in a data-*
 * attribute, escaped by Handlebars; public/js/campaign-dashboard.js draws it.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { principalOf, requireStaff } from '../../auth/guards.ts';
import { staffView } from '../../auth/staff-view.ts';
import { countriesOverview } from '../../campaigns/countries-overview.ts';
import { countryDashboard } from '../../campaigns/country-dashboard.ts';
import { authorityTypeOptions, campaignParams, checkCountry, countryNames, countryParams, countryTabs, loadCampaign, loadCampaignWithEdition, percent } from './route-context.ts';

const STYLES = ['/assets/css/campaigns.css'];
const SCRIPTS = ['/vendor/chart.js/dist/chart.umd.min.js', '/assets/js/campaign-dashboard.js'];
/** A country whose last wave is older than this is highlighted in the overview. */
const STALE_AFTER_DAYS = 7;

export default async function dashboardRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get('/staff/campaigns/:campaignId/country/:country', {
    schema: { params: countryParams, hide: true }, config: { html: true }, preHandler: requireStaff(),
  }, async (request, reply) => {
    const { campaignId, country } = request.params;
    checkCountry(fastify, request, country);
    const { campaign, edition } = await loadCampaignWithEdition(fastify, campaignId);
    const staff = principalOf(request);
    const d = await countryDashboard(fastify.db, {
      campaign, edition, country, k: fastify.config.SUPPRESSION_K,
      viewerIsNationalContact: staff.role === 'ipnc', authorityTypes: authorityTypeOptions(fastify),
    });
    return reply.viewAsync('pages/campaigns/dashboard.hbs', staffView(request, {
      pageTitle: `${campaign.name}: ${country}`, styles: STYLES, scripts: SCRIPTS,
      campaign, country, countryName: countryNames(fastify).get(country) ?? country, d, k: d.k,
      tabs: countryTabs(campaign.id, country, 'dashboard', staff.role !== 'analyst'),
      canSeeOverview: staff.role !== 'ipnc',
      pct: {
        completion: percent(d.headline.completionShare), rate: percent(d.headline.rate), network: percent(d.network.rate),
      },
      authorityRows: d.authority.rows.map((r) => ({ ...r, sharePct: percent(r.share), ratePct: percent(r.rate) })),
      dropOffRows: d.dropOff.rows.map((r) => ({ ...r, sharePct: percent(r.share) })),
      waveRows: d.waves.rows.map((r) => ({ ...r, sharePct: percent(r.share) })),
      funnelRows: d.funnel.rows.map((r) => ({ ...r, conversionPct: percent(r.conversion) })),
      funnelTotal: { ...d.funnel.total, conversionPct: percent(d.funnel.total.conversion) },
    }));
  });

  app.get('/staff/campaigns/:campaignId/overview', {
    schema: { params: campaignParams, hide: true }, config: { html: true }, preHandler: requireStaff('admin', 'analyst'),
  }, async (request, reply) => {
    const campaign = await loadCampaign(fastify, request.params.campaignId);
    const o = await countriesOverview(fastify.db, campaign, fastify.config.SUPPRESSION_K, countryNames(fastify));
    return reply.viewAsync('pages/campaigns/overview.hbs', staffView(request, {
      pageTitle: `${campaign.name}: all countries`, styles: STYLES, scripts: SCRIPTS, campaign, k: fastify.config.SUPPRESSION_K,
      o, rows: o.rows.map((r) => ({ ...r, ratePct: percent(r.rate), stale: r.daysSinceLastWave !== null && r.daysSinceLastWave > STALE_AFTER_DAYS })), totalRatePct: percent(o.total.rate),
      isAdmin: principalOf(request).role === 'admin',
    }));
  });
}
