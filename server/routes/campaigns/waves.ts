/**
 * Waves: a national contact records launches, relaunches and reminders for their country; an
 * admin records waves of every country (extension, close) and re-attributes responses when waves
 * changed, being told how many responses moved.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { principalOf, requireStaff } from '../../auth/guards.ts';
import { staffView } from '../../auth/staff-view.ts';
import { databaseToday } from '../../campaigns/dashboard-repository.ts';
import type { Campaign } from '../../db/schema.ts';
import { AppError, NotFoundError } from '../../errors.ts';
import { CHANNEL_LABELS, CHANNELS, type Channel } from '../../links/link-options.ts';
import { CAMPAIGN_WAVE_KINDS, COUNTRY_WAVE_KINDS, NOTE_MAX, WAVE_LABELS } from '../../waves/wave-options.ts';
import { countStaleAttributions, findWave, listWaves } from '../../waves/wave-repository.ts';
import { reattribute, recordWave, removeWave } from '../../waves/wave-service.ts';
import { campaignParams, checkCountry, countryNames, countryParams, countryTabs, loadCampaign, waveParams } from './route-context.ts';

const STYLES = ['/assets/css/campaigns.css'];
const waveBody = z.object({ kind: z.string().max(20), waveOn: z.string().max(20), channel: z.string().max(40).optional(), note: z.string().max(2000).optional() });
const noticeQuery = z.object({
  notice: z.enum(['recorded', 'deleted', 'reattributed']).optional(),
  count: z.coerce.number().int().min(0).max(100_000_000).optional(),
});

function errorList(err: AppError): string[] {
  return Object.entries(err.details ?? {}).flatMap(([field, msgs]) => msgs.map((m) => `${field}: ${m}`));
}

export default async function waveRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  const wavesPage = async (request: FastifyRequest, reply: FastifyReply, campaign: Campaign, country: string | null, extra: Record<string, unknown> = {}) => {
    const staff = principalOf(request);
    const today = await databaseToday(fastify.db);
    const kinds = country === null ? CAMPAIGN_WAVE_KINDS : COUNTRY_WAVE_KINDS;
    const form = (extra.form ?? { waveOn: today }) as { kind?: string; channel?: string; waveOn?: string; note?: string };
    const waves = (await listWaves(fastify.db, campaign.id, country)).map((w) => ({
      ...w, kindLabel: WAVE_LABELS[w.kind], channelLabel: w.channel ? CHANNEL_LABELS[w.channel as Channel] ?? w.channel : '',
      // An IPNC removes their own country's waves; waves of every country are the admins'.
      deletable: staff.role === 'admin' || (w.country !== null && w.country === staff.country),
    }));
    const data = {
      styles: STYLES, campaign, country, waves, form, noteMax: NOTE_MAX,
      formAction: country === null ? `/staff/campaigns/${campaign.id}/waves` : `/staff/campaigns/${campaign.id}/country/${country}/waves`,
      kinds: kinds.map((k) => ({ value: k, label: WAVE_LABELS[k], selected: k === (form.kind ?? 'relaunch') })),
      channels: CHANNELS.map((c) => ({ value: c, label: CHANNEL_LABELS[c], selected: c === form.channel })),
      ...extra,
    };
    if (country === null) {
      return reply.viewAsync('pages/campaigns/campaign-waves.hbs', staffView(request, {
        ...data, pageTitle: `Waves: ${campaign.name}`, stale: await countStaleAttributions(fastify.db, campaign.id),
      }));
    }
    return reply.viewAsync('pages/campaigns/waves.hbs', staffView(request, {
      ...data, pageTitle: `Waves: ${campaign.name}, ${country}`, countryName: countryNames(fastify).get(country) ?? country,
      tabs: countryTabs(campaign.id, country, 'waves', true), isAdmin: staff.role === 'admin',
    }));
  };

  const record = async (request: FastifyRequest, reply: FastifyReply, campaign: Campaign, country: string | null, body: z.infer<typeof waveBody>) => {
    try {
      await recordWave(fastify.db, principalOf(request), { campaignId: campaign.id, country, kind: body.kind, waveOn: body.waveOn.trim(), channel: body.channel, note: body.note });
    } catch (err) {
      if (!(err instanceof AppError) || err.statusCode !== 422) throw err;
      reply.status(422);
      return wavesPage(request, reply, campaign, country, { form: body, error: err.message, problems: errorList(err) });
    }
    const back = country === null ? `/staff/campaigns/${campaign.id}/waves` : `/staff/campaigns/${campaign.id}/country/${country}/waves`;
    return reply.redirect(`${back}?notice=recorded`, 303);
  };

  app.get('/staff/campaigns/:campaignId/country/:country/waves', {
    schema: { params: countryParams, querystring: noticeQuery, hide: true }, config: { html: true }, preHandler: requireStaff('admin', 'ipnc'),
  }, async (request, reply) => {
    checkCountry(fastify, request, request.params.country);
    const campaign = await loadCampaign(fastify, request.params.campaignId);
    return wavesPage(request, reply, campaign, request.params.country, request.query);
  });

  app.post('/staff/campaigns/:campaignId/country/:country/waves', {
    schema: { params: countryParams, body: waveBody, hide: true }, config: { html: true }, preHandler: requireStaff('admin', 'ipnc'),
  }, async (request, reply) => {
    checkCountry(fastify, request, request.params.country);
    const campaign = await loadCampaign(fastify, request.params.campaignId);
    return record(request, reply, campaign, request.params.country, request.body);
  });

  app.get('/staff/campaigns/:campaignId/waves', {
    schema: { params: campaignParams, querystring: noticeQuery, hide: true }, config: { html: true }, preHandler: requireStaff('admin'),
  }, async (request, reply) => wavesPage(request, reply, await loadCampaign(fastify, request.params.campaignId), null, request.query));

  app.post('/staff/campaigns/:campaignId/waves', {
    schema: { params: campaignParams, body: waveBody, hide: true }, config: { html: true }, preHandler: requireStaff('admin'),
  }, async (request, reply) => record(request, reply, await loadCampaign(fastify, request.params.campaignId), null, request.body));

  app.post('/staff/campaigns/:campaignId/waves/reattribute', {
    schema: { params: campaignParams, hide: true }, config: { html: true }, preHandler: requireStaff('admin'),
  }, async (request, reply) => {
    const campaign = await loadCampaign(fastify, request.params.campaignId);
    const changed = await reattribute(fastify.db, principalOf(request), campaign.id);
    return reply.redirect(`/staff/campaigns/${campaign.id}/waves?notice=reattributed&count=${changed}`, 303);
  });

  app.post('/staff/waves/:waveId/delete', {
    schema: { params: waveParams, hide: true }, config: { html: true }, preHandler: requireStaff('admin', 'ipnc'),
  }, async (request, reply) => {
    const staff = principalOf(request);
    const wave = await findWave(fastify.db, request.params.waveId);
    // Same 404 for a wave that does not exist, one of another country, and one of every country for an IPNC.
    if (!wave || (staff.role !== 'admin' && (wave.country === null || wave.country !== staff.country))) throw new NotFoundError();
    const detached = await removeWave(fastify.db, staff, wave);
    const back = wave.country === null ? `/staff/campaigns/${wave.campaign_id}/waves` : `/staff/campaigns/${wave.campaign_id}/country/${wave.country}/waves`;
    return reply.redirect(`${back}?notice=deleted&count=${detached}`, 303);
  });
}
