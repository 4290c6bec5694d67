/**
 * Campaigns in the admin console: create one for an edition, change its window (opens, closes,
 * extension), close it now. Admins only. Links, waves, targets and dashboards live in
 * routes/campaigns/.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireStaff } from '../../auth/guards.ts';
import { staffView } from '../../auth/staff-view.ts';
import { findCampaign, listCampaigns } from '../../campaigns/campaign-repository.ts';
import { campaignState } from '../../campaigns/campaign-window.ts';
import { changeWindow, closeNow, createCampaignAudited } from '../../console/campaign-console.ts';
import { countResponsesOfCampaign } from '../../console/console-repository.ts';
import { AppError, NotFoundError, ValidationError } from '../../errors.ts';
import { listLatestEditions } from '../../surveys/edition-repository.ts';
import { errorList, parseUtcDateTime, toInputValue } from './form-values.ts';

const campaignParams = z.object({ campaignId: z.uuid() });
const createBody = z.object({
  edition: z.string().max(200),
  name: z.string().max(200),
  opensAt: z.string().max(40),
  closesAt: z.string().max(40),
  extendedUntil: z.string().max(40).optional(),
  retainUntil: z.string().max(40).optional(),
});
const windowBody = z.object({ opensAt: z.string().max(40), closesAt: z.string().max(40), extendedUntil: z.string().max(40).optional() });

/** Dates from the form, with a message per field that is missing or malformed. */
function readWindow(body: { opensAt: string; closesAt: string; extendedUntil?: string | undefined }) {
  const errors: Record<string, string[]> = {};
  const opensAt = parseUtcDateTime(body.opensAt);
  const closesAt = parseUtcDateTime(body.closesAt);
  const extendedUntil = body.extendedUntil?.trim() ? parseUtcDateTime(body.extendedUntil) : null;
  if (!opensAt) errors.opensAt = ['Enter a date and time (UTC).'];
  if (!closesAt) errors.closesAt = ['Enter a date and time (UTC).'];
  if (body.extendedUntil?.trim() && !extendedUntil) errors.extendedUntil = ['Enter a date and time (UTC), or leave it empty.'];
  if (Object.keys(errors).length > 0) throw new ValidationError('The campaign window is not valid.', errors);
  return { opensAt: opensAt!, closesAt: closesAt!, extendedUntil };
}

export default async function campaignConsoleRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const adminOnly = requireStaff('admin');

  const listPage = async (request: FastifyRequest, reply: FastifyReply, extra: Record<string, unknown> = {}) => {
    const now = new Date();
    const campaigns = (await listCampaigns(fastify.db)).map((c) => ({ ...c, state: campaignState(c, now) }));
    const chosen = (extra.form as { edition?: string } | undefined)?.edition;
    const editions = (await listLatestEditions(fastify.db)).map((e) => {
      const key = `${e.survey_id}/${e.edition}`;
      return { ...e, key, selected: key === chosen };
    });
    return reply.viewAsync('pages/staff/campaigns.hbs', staffView(request, { pageTitle: 'Campaigns', campaigns, editions, form: {}, ...extra }));
  };

  app.get('/staff/campaigns', {
    schema: { querystring: z.object({ notice: z.enum(['created', 'closed', 'changed']).optional() }), hide: true },
    config: { html: true }, preHandler: adminOnly,
  }, async (request, reply) => listPage(request, reply, { notice: request.query.notice }));

  app.post('/staff/campaigns', { schema: { body: createBody, hide: true }, config: { html: true }, preHandler: adminOnly }, async (request, reply) => {
    const form = request.body;
    try {
      const parts = form.edition.split('/');
      if (parts.length !== 2) throw new ValidationError('The campaign is not valid.', { edition: ['Choose an edition from the list (survey/edition).'] });
      const [surveyId = '', edition = ''] = parts;
      const window = readWindow(form);
      await createCampaignAudited(fastify.db, request.staff!, {
        surveyId, edition, name: form.name, ...window,
        ...(form.retainUntil?.trim() ? { retainUntil: form.retainUntil.trim() } : {}),
      });
      return reply.redirect('/staff/campaigns?notice=created', 303);
    } catch (err) {
      if (!(err instanceof AppError) || err.statusCode >= 500) throw err;
      reply.status(err.statusCode === 404 ? 422 : err.statusCode);
      return listPage(request, reply, { form, error: err.message, problems: errorList(err) });
    }
  });

  app.get('/staff/campaigns/:campaignId/window', {
    schema: { params: campaignParams, hide: true }, config: { html: true }, preHandler: adminOnly,
  }, async (request, reply) => {
    const campaign = await findCampaign(fastify.db, request.params.campaignId);
    if (!campaign) throw new NotFoundError('There is no such campaign.');
    const form = { opensAt: toInputValue(campaign.opens_at), closesAt: toInputValue(campaign.closes_at), extendedUntil: toInputValue(campaign.extended_until) };
    return reply.viewAsync('pages/staff/campaign-window.hbs', staffView(request, {
      pageTitle: `Campaign ${campaign.name}`, campaign, form, state: campaignState(campaign),
      responses: await countResponsesOfCampaign(fastify.db, campaign.id),
    }));
  });

  app.post('/staff/campaigns/:campaignId/window', {
    schema: { params: campaignParams, body: windowBody, hide: true }, config: { html: true }, preHandler: adminOnly,
  }, async (request, reply) => {
    try {
      await changeWindow(fastify.db, request.staff!, request.params.campaignId, readWindow(request.body));
      return reply.redirect('/staff/campaigns?notice=changed', 303);
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      const campaign = await findCampaign(fastify.db, request.params.campaignId);
      if (!campaign) throw new NotFoundError('There is no such campaign.');
      return reply.status(422).viewAsync('pages/staff/campaign-window.hbs', staffView(request, {
        pageTitle: `Campaign ${campaign.name}`, campaign, form: request.body, state: campaignState(campaign),
        responses: await countResponsesOfCampaign(fastify.db, campaign.id), error: err.message, problems: errorList(err),
      }));
    }
  });

  app.post('/staff/campaigns/:campaignId/close', {
    schema: { params: campaignParams, hide: true }, config: { html: true }, preHandler: adminOnly,
  }, async (request, reply) => {
    await closeNow(fastify.db, request.staff!, request.params.campaignId);
    return reply.redirect('/staff/campaigns?notice=closed', 303);
  });
}
