/**
 * Entry pages: /staff/country sends a national contact to their country and lets analysts and
 * admins pick a campaign overview or a country; /staff/country/:country lists the campaigns
 * with that country's figures and the way to its dashboard, links, waves and targets.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { principalOf, requireStaff } from '../../auth/guards.ts';
import { staffView } from '../../auth/staff-view.ts';
import { listCampaigns } from '../../campaigns/campaign-repository.ts';
import { campaignState } from '../../campaigns/campaign-window.ts';
import { safeCount } from '../../campaigns/dashboard-figures.ts';
import { completesByCountry } from '../../campaigns/dashboard-repository.ts';
import { NotFoundError } from '../../errors.ts';
import { countLinks } from '../../links/link-repository.ts';
import { checkCountry, countryNames } from './route-context.ts';

const STYLES = ['/assets/css/campaigns.css'];

export default async function countryPages(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get('/staff/country', {
    schema: { querystring: z.object({ country: z.string().max(10).optional() }), hide: true },
    config: { html: true }, preHandler: requireStaff(),
  }, async (request, reply) => {
    const staff = principalOf(request);
    if (staff.role === 'ipnc' && staff.country) return reply.redirect(`/staff/country/${staff.country}`, 303);
    const picked = request.query.country?.toUpperCase();
    if (picked) {
      if (!fastify.reference.countryCodes.includes(picked)) throw new NotFoundError();
      return reply.redirect(`/staff/country/${picked}`, 303);
    }
    const names = countryNames(fastify);
    const campaigns = (await listCampaigns(fastify.db)).map((c) => ({ ...c, state: campaignState(c) }));
    return reply.viewAsync('pages/campaigns/countries-home.hbs', staffView(request, {
      pageTitle: 'Campaign dashboards', styles: STYLES, campaigns,
      countries: fastify.reference.countryCodes.map((code) => ({ code, name: names.get(code) ?? code })),
    }));
  });

  app.get('/staff/country/:country', {
    schema: { params: z.object({ country: z.string().regex(/^[A-Z]{2}$/) }), hide: true },
    config: { html: true }, preHandler: requireStaff(),
  }, async (request, reply) => {
    const { country } = request.params;
    checkCountry(fastify, request, country);
    const staff = principalOf(request);
    const k = fastify.config.SUPPRESSION_K;
    const campaigns = [];
    for (const c of await listCampaigns(fastify.db)) {
      const counts = await completesByCountry(fastify.db, c.id);
      const links = await countLinks(fastify.db, c.id, country);
      campaigns.push({ ...c, state: campaignState(c), complete: safeCount(counts.get(country) ?? 0, k), links });
    }
    return reply.viewAsync('pages/campaigns/country-home.hbs', staffView(request, {
      pageTitle: `Campaigns in ${country}`, styles: STYLES, country, countryName: countryNames(fastify).get(country) ?? country,
      campaigns, k, canManage: staff.role !== 'analyst',
    }));
  });
}
