/**
 * Links for national contacts (own country) and admins (any country): create per channel with a
 * label and a default language, copy the URL, download a QR code (SVG, PNG), disable and re-enable,
 * and the relaunch action: record the wave, then show a ready-to-send message with the link.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { principalOf, requireStaff } from '../../auth/guards.ts';
import { staffView } from '../../auth/staff-view.ts';
import { lastOpenDay } from '../../campaigns/campaign-window.ts';
import { databaseToday } from '../../campaigns/dashboard-repository.ts';
import { relaunchMessage, surveyMinutes } from '../../campaigns/relaunch-message.ts';
import type { Campaign, Link } from '../../db/schema.ts';
import { AppError, ConflictError, NotFoundError } from '../../errors.ts';
import { createLinkAudited, setLinkEnabled } from '../../links/link-admin.ts';
import { CHANNEL_LABELS, CHANNELS, LANGUAGE_NAMES, LANGUAGES, type Channel } from '../../links/link-options.ts';
import { qrFileName, qrPng, qrSvg } from '../../links/link-qr.ts';
import { listLinks } from '../../links/link-repository.ts';
import { linkUrl } from '../../links/link-service.ts';
import { findWave } from '../../waves/wave-repository.ts';
import { recordWave } from '../../waves/wave-service.ts';
import { checkCountry, countryNames, countryParams, countryTabs, linkParams, loadCampaign, loadCampaignWithEdition, loadLink } from './route-context.ts';

const STYLES = ['/assets/css/campaigns.css'];
const SCRIPTS = ['/assets/js/campaign-copy.js'];
const manage = requireStaff('admin', 'ipnc');

const createBody = z.object({ channel: z.string().max(40), language: z.string().max(10), label: z.string().max(500).optional() });
const relaunchBody = z.object({ waveOn: z.string().max(20), note: z.string().max(2000).optional() });
const noticeQuery = z.object({ notice: z.enum(['created', 'disabled', 'enabled']).optional() });

function errorList(err: AppError): string[] {
  return Object.entries(err.details ?? {}).flatMap(([field, msgs]) => msgs.map((m) => `${field}: ${m}`));
}

export default async function linkRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const url = (token: string) => linkUrl(fastify.config.PUBLIC_URL, token);

  const linksPage = async (request: FastifyRequest, reply: FastifyReply, campaign: Campaign, country: string, extra: Record<string, unknown> = {}) => {
    const links = (await listLinks(fastify.db, campaign.id, country)).map((l) => ({
      ...l, url: url(l.token), channelLabel: CHANNEL_LABELS[l.channel as Channel] ?? l.channel, languageName: LANGUAGE_NAMES[l.language] ?? l.language,
    }));
    const form = (extra.form ?? {}) as { channel?: string; language?: string };
    return reply.viewAsync('pages/campaigns/links.hbs', staffView(request, {
      pageTitle: `Links: ${campaign.name}, ${country}`, styles: STYLES, scripts: SCRIPTS, campaign, country,
      countryName: countryNames(fastify).get(country) ?? country, links,
      tabs: countryTabs(campaign.id, country, 'links', true),
      channels: CHANNELS.map((c) => ({ value: c, label: CHANNEL_LABELS[c], selected: c === form.channel })),
      languages: LANGUAGES.map((l) => ({ value: l, label: LANGUAGE_NAMES[l] ?? l, selected: l === form.language })),
      form: {}, ...extra,
    }));
  };

  app.get('/staff/campaigns/:campaignId/country/:country/links', {
    schema: { params: countryParams, querystring: noticeQuery, hide: true }, config: { html: true }, preHandler: manage,
  }, async (request, reply) => {
    checkCountry(fastify, request, request.params.country);
    const campaign = await loadCampaign(fastify, request.params.campaignId);
    return linksPage(request, reply, campaign, request.params.country, { notice: request.query.notice });
  });

  app.post('/staff/campaigns/:campaignId/country/:country/links', {
    schema: { params: countryParams, body: createBody, hide: true }, config: { html: true }, preHandler: manage,
  }, async (request, reply) => {
    const { country } = request.params;
    checkCountry(fastify, request, country);
    const campaign = await loadCampaign(fastify, request.params.campaignId);
    try {
      await createLinkAudited(fastify.db, principalOf(request), fastify.reference.countryCodes, {
        campaignId: campaign.id, country, channel: request.body.channel, language: request.body.language, label: request.body.label ?? '',
      });
    } catch (err) {
      if (!(err instanceof AppError) || err.statusCode !== 422) throw err;
      reply.status(422);
      return linksPage(request, reply, campaign, country, { form: request.body, error: err.message, problems: errorList(err) });
    }
    return reply.redirect(`/staff/campaigns/${campaign.id}/country/${country}/links?notice=created`, 303);
  });

  for (const [action, enabled] of [['disable', false], ['enable', true]] as const) {
    app.post(`/staff/links/:linkId/${action}`, {
      schema: { params: linkParams, hide: true }, config: { html: true }, preHandler: manage,
    }, async (request, reply) => {
      const link = await loadLink(fastify, request, request.params.linkId);
      await setLinkEnabled(fastify.db, principalOf(request), link, enabled);
      return reply.redirect(`/staff/campaigns/${link.campaign_id}/country/${link.country}/links?notice=${action}d`, 303);
    });
  }

  app.get('/staff/links/:linkId/qr.svg', { schema: { params: linkParams, hide: true }, preHandler: manage }, async (request, reply) => {
    const link = await loadLink(fastify, request, request.params.linkId);
    reply.header('content-disposition', `attachment; filename="${qrFileName(link, 'svg')}"`).header('cache-control', 'no-store');
    return reply.type('image/svg+xml; charset=utf-8').send(await qrSvg(url(link.token)));
  });

  app.get('/staff/links/:linkId/qr.png', { schema: { params: linkParams, hide: true }, preHandler: manage }, async (request, reply) => {
    const link = await loadLink(fastify, request, request.params.linkId);
    reply.header('content-disposition', `attachment; filename="${qrFileName(link, 'png')}"`).header('cache-control', 'no-store');
    return reply.type('image/png').send(await qrPng(url(link.token)));
  });

  const relaunchPage = async (request: FastifyRequest, reply: FastifyReply, link: Link, extra: Record<string, unknown> = {}) => {
    const campaign = await loadCampaign(fastify, link.campaign_id);
    const today = await databaseToday(fastify.db);
    return reply.viewAsync('pages/campaigns/relaunch.hbs', staffView(request, {
      pageTitle: 'Relaunch', styles: STYLES, campaign, link, url: url(link.token),
      channelLabel: CHANNEL_LABELS[link.channel as Channel] ?? link.channel, form: { waveOn: today }, ...extra,
    }));
  };

  app.get('/staff/links/:linkId/relaunch', { schema: { params: linkParams, hide: true }, config: { html: true }, preHandler: manage }, async (request, reply) => {
    const link = await loadLink(fastify, request, request.params.linkId);
    return relaunchPage(request, reply, link);
  });

  app.post('/staff/links/:linkId/relaunch', {
    schema: { params: linkParams, body: relaunchBody, hide: true }, config: { html: true }, preHandler: manage,
  }, async (request, reply) => {
    const link = await loadLink(fastify, request, request.params.linkId);
    if (link.disabled_at) throw new ConflictError('This link is disabled: enable it before relaunching with it.');
    try {
      const wave = await recordWave(fastify.db, principalOf(request), {
        campaignId: link.campaign_id, country: link.country, kind: 'relaunch', waveOn: request.body.waveOn.trim(), channel: link.channel, note: request.body.note,
      });
      return reply.redirect(`/staff/links/${link.id}/message?wave=${wave.id}`, 303);
    } catch (err) {
      if (!(err instanceof AppError) || err.statusCode !== 422) throw err;
      reply.status(422);
      return relaunchPage(request, reply, link, { form: request.body, error: err.message, problems: errorList(err) });
    }
  });

  app.get('/staff/links/:linkId/message', {
    schema: { params: linkParams, querystring: z.object({ wave: z.uuid().optional() }), hide: true }, config: { html: true }, preHandler: manage,
  }, async (request, reply) => {
    const link = await loadLink(fastify, request, request.params.linkId);
    const { campaign, edition } = await loadCampaignWithEdition(fastify, link.campaign_id);
    let wave = null;
    if (request.query.wave) {
      wave = await findWave(fastify.db, request.query.wave);
      if (!wave || wave.campaign_id !== link.campaign_id || (wave.country !== null && wave.country !== link.country)) throw new NotFoundError();
    }
    const message = relaunchMessage(link.language, url(link.token), lastOpenDay(campaign), surveyMinutes(edition.definition));
    return reply.viewAsync('pages/campaigns/link-message.hbs', staffView(request, {
      pageTitle: 'Message to send', styles: STYLES, scripts: SCRIPTS, campaign, link, wave, message,
      languageName: LANGUAGE_NAMES[message.language] ?? message.language, fellBack: message.language !== link.language,
    }));
  });
}
