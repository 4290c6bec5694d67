/**
 * The campaign actions of the admin console: change the window (opens, closes, extension) and
 * close now. Creation goes through campaigns/campaign-service.ts. Each change is audited with the
 * window before and after.
 */
import type { Kysely } from 'kysely';
import type { Campaign, Database } from '../db/schema.ts';
import { NotFoundError, ValidationError } from '../errors.ts';
import { recordAudit, type Actor } from '../audit/audit-service.ts';
import type { StaffPrincipal } from '../auth/principal.ts';
import { createCampaign, type CreateCampaignInput } from '../campaigns/campaign-service.ts';
import { lockCampaign, updateCampaignWindow, type CampaignWindow } from './console-repository.ts';

const windowOf = (c: Campaign) => ({
  opensAt: c.opens_at.toISOString(),
  closesAt: c.closes_at.toISOString(),
  extendedUntil: c.extended_until ? c.extended_until.toISOString() : null,
});

export async function createCampaignAudited(db: Kysely<Database>, actor: Actor, input: CreateCampaignInput): Promise<Campaign> {
  return db.transaction().execute(async (trx) => {
    const campaign = await createCampaign(trx, input);
    await recordAudit(trx, {
      actor, action: 'campaign.create', objectType: 'campaign', objectId: campaign.id,
      detail: { name: campaign.name, survey: input.surveyId, edition: input.edition, ...windowOf(campaign), retainUntil: campaign.retain_until, ...(campaign.demo ? { demo: true } : {}) },
    });
    return campaign;
  });
}

export function checkWindow(w: CampaignWindow): void {
  const errors: Record<string, string[]> = {};
  if (!(w.closesAt > w.opensAt)) errors.closesAt = ['The closing date must be after the opening date.'];
  if (w.extendedUntil && !(w.extendedUntil > w.closesAt)) errors.extendedUntil = ['An extension must end after the closing date.'];
  if (Object.keys(errors).length > 0) throw new ValidationError('The campaign window is not valid.', errors);
}

export async function changeWindow(db: Kysely<Database>, actor: StaffPrincipal, campaignId: string, w: CampaignWindow): Promise<Campaign> {
  checkWindow(w);
  return db.transaction().execute(async (trx) => {
    const before = await lockCampaign(trx, campaignId);
    if (!before) throw new NotFoundError('There is no such campaign.');
    const lastDay = (w.extendedUntil ?? w.closesAt).toISOString().slice(0, 10);
    if (before.retain_until <= lastDay) {
      throw new ValidationError('The campaign window is not valid.', { closesAt: [`Answers are kept until ${before.retain_until}; the campaign must close before that.`] });
    }
    const after = (await updateCampaignWindow(trx, campaignId, w))!;
    await recordAudit(trx, { actor, action: 'campaign.change_window', objectType: 'campaign', objectId: campaignId, detail: { before: windowOf(before), after: windowOf(after) } });
    return after;
  });
}

/** Closes at once: closing date now, no extension. A campaign not yet open is closed before it opens. */
export async function closeNow(db: Kysely<Database>, actor: StaffPrincipal, campaignId: string, now = new Date()): Promise<Campaign> {
  return db.transaction().execute(async (trx) => {
    const before = await lockCampaign(trx, campaignId);
    if (!before) throw new NotFoundError('There is no such campaign.');
    const opensAt = before.opens_at < now ? before.opens_at : new Date(now.getTime() - 1000);
    const after = (await updateCampaignWindow(trx, campaignId, { opensAt, closesAt: now, extendedUntil: null }))!;
    await recordAudit(trx, { actor, action: 'campaign.close', objectType: 'campaign', objectId: campaignId, detail: { before: windowOf(before), after: windowOf(after) } });
    return after;
  });
}
