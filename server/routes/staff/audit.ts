/** The audit log for admins: newest first, filtered by actor, action, object and dates, paged by id. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireStaff } from '../../auth/guards.ts';
import { staffView } from '../../auth/staff-view.ts';
import { calendarDaySchema } from '../../input/calendar-dates.ts';
import { NAMED_TYPES, actionInWords, detailInWords, objectTypeInWords } from '../../audit/audit-wording.ts';

const PAGE = 100;
const day = calendarDaySchema;
const empty = z.literal('').transform(() => undefined);
const filters = z.object({
  actor: z.string().max(320).optional(),
  action: z.string().max(100).optional(),
  objectType: z.string().max(100).optional(),
  objectId: z.string().max(100).optional(),
  from: day.or(empty).optional(),
  to: day.or(empty).optional(),
  before: z.coerce.number().int().positive().optional(),
});

export default async function auditRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get('/staff/audit', { schema: { querystring: filters, hide: true }, config: { html: true }, preHandler: requireStaff('admin') }, async (request, reply) => {
    const q = request.query;
    const f = {
      actor: q.actor?.trim() || undefined, action: q.action || undefined, objectType: q.objectType || undefined,
      objectId: q.objectId?.trim() || undefined, from: q.from, to: q.to,
    };
    const events = await fastify.services.audit.list({ ...f, before: q.before, limit: PAGE + 1 });
    const more = events.length > PAGE;
    const page = events.slice(0, PAGE);
    const names = await fastify.services.audit.objectNames(page.filter((e) => e.object_id).map((e) => ({ type: e.object_type, id: e.object_id! })));
    const shown = page.map((e) => ({
      ...e,
      actionText: actionInWords(e.action),
      objectTypeText: objectTypeInWords(e.object_type),
      objectName: e.object_id ? (names.get(`${e.object_type}:${e.object_id}`) ?? (NAMED_TYPES.has(e.object_type) ? 'no longer exists' : e.object_id)) : null,
      details: detailInWords(e.detail),
    }));
    const vocabulary = await fastify.services.audit.vocabulary();
    const nextQuery = more
      ? new URLSearchParams({ ...Object.fromEntries(Object.entries(f).filter(([, v]) => v) as [string, string][]), before: String(shown[shown.length - 1]!.id) }).toString()
      : null;
    return reply.viewAsync('pages/staff/audit.hbs', staffView(request, {
      pageTitle: 'Audit log', events: shown, filters: f, nextQuery,
      actions: vocabulary.actions.map((a) => ({ value: a, label: actionInWords(a), selected: a === f.action })),
      objectTypes: vocabulary.objectTypes.map((t) => ({ value: t, label: objectTypeInWords(t), selected: t === f.objectType })),
    }));
  });
}
