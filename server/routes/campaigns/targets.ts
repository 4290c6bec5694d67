/** Targets per campaign and country, overall and per authority type: the IPNC of the country or an admin. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { principalOf, requireStaff } from '../../auth/guards.ts';
import { staffView } from '../../auth/staff-view.ts';
import type { Campaign } from '../../db/schema.ts';
import { AppError, ValidationError } from '../../errors.ts';
import { listTargets, OVERALL } from '../../targets/target-repository.ts';
import { setTargets } from '../../targets/target-service.ts';
import { authorityTypeOptions, checkCountry, countryNames, countryParams, countryTabs, loadCampaign } from './route-context.ts';

const STYLES = ['/assets/css/campaigns.css'];
/** Field names: "overall" and "type.<authority type>"; values are typed text, checked by the service. */
const targetsBody = z.record(z.string().regex(/^(overall|type\.[a-z0-9_]{1,60})$/), z.string().max(20));

export default async function targetRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  const targetsPage = async (request: FastifyRequest, reply: FastifyReply, campaign: Campaign, country: string, extra: Record<string, unknown> = {}) => {
    const current = new Map((await listTargets(fastify.db, campaign.id, country)).map((t) => [t.authority_type, String(t.invited)]));
    const typed = extra.form as Record<string, string> | undefined;
    const value = (field: string, key: string) => typed?.[field] ?? current.get(key) ?? '';
    return reply.viewAsync('pages/campaigns/targets.hbs', staffView(request, {
      pageTitle: `Targets: ${campaign.name}, ${country}`, styles: STYLES, campaign, country,
      countryName: countryNames(fastify).get(country) ?? country, tabs: countryTabs(campaign.id, country, 'targets', true),
      overall: value('overall', OVERALL),
      types: authorityTypeOptions(fastify).map((t) => ({ ...t, field: `type.${t.value}`, invited: value(`type.${t.value}`, t.value) })),
      ...extra,
    }));
  };

  app.get('/staff/campaigns/:campaignId/country/:country/targets', {
    schema: { params: countryParams, querystring: z.object({ notice: z.enum(['saved']).optional() }), hide: true },
    config: { html: true }, preHandler: requireStaff('admin', 'ipnc'),
  }, async (request, reply) => {
    checkCountry(fastify, request, request.params.country);
    const campaign = await loadCampaign(fastify, request.params.campaignId);
    return targetsPage(request, reply, campaign, request.params.country, { notice: request.query.notice });
  });

  app.post('/staff/campaigns/:campaignId/country/:country/targets', {
    schema: { params: countryParams, body: targetsBody, hide: true }, config: { html: true }, preHandler: requireStaff('admin', 'ipnc'),
  }, async (request, reply) => {
    const { country } = request.params;
    checkCountry(fastify, request, country);
    const campaign = await loadCampaign(fastify, request.params.campaignId);
    const types = authorityTypeOptions(fastify).map((t) => t.value);
    const unknown = Object.keys(request.body).filter((k) => k.startsWith('type.') && !types.includes(k.slice(5)));
    if (unknown.length > 0) throw new ValidationError('Some targets are not valid.', Object.fromEntries(unknown.map((k) => [k, ['There is no such authority type.']])));
    const form: Record<string, string | undefined> = { [OVERALL]: request.body.overall };
    for (const t of types) form[t] = request.body[`type.${t}`];
    try {
      await setTargets(fastify.db, principalOf(request), campaign.id, country, types, form);
    } catch (err) {
      if (!(err instanceof AppError) || err.statusCode !== 422) throw err;
      reply.status(422);
      return targetsPage(request, reply, campaign, country, { form: request.body, error: err.message, problems: Object.entries(err.details ?? {}).map(([f, m]) => `${f}: ${m.join(' ')}`) });
    }
    return reply.redirect(`/staff/campaigns/${campaign.id}/country/${country}/targets?notice=saved`, 303);
  });
}
