/**
 * Setting a country's targets for a campaign in one go: the overall figure and any per authority
 * type. An empty field removes that target. Every change is audited in the same transaction.
 */
import type { Kysely } from 'kysely';
import { recordAudit, type Actor } from '../audit/audit-service.ts';
import { findCampaign } from '../campaigns/campaign-repository.ts';
import type { Database } from '../db/schema.ts';
import { NotFoundError, ValidationError } from '../errors.ts';
import { listTargets, OVERALL, upsertTarget, deleteTarget } from './target-repository.ts';

export const TARGET_MAX = 1_000_000;

/** Authority type value (or OVERALL) -> the typed text; '' or absent removes the target. */
export type TargetForm = Record<string, string | undefined>;

export async function setTargets(
  db: Kysely<Database>, actor: Actor, campaignId: string, country: string, authorityTypes: readonly string[], form: TargetForm,
): Promise<{ changed: number }> {
  const campaign = await findCampaign(db, campaignId);
  if (!campaign) throw new NotFoundError('There is no such campaign.');
  const errors: Record<string, string[]> = {};
  const wanted = new Map<string, number | null>();
  for (const type of [OVERALL, ...authorityTypes]) {
    const raw = (form[type] ?? '').trim();
    if (raw === '') { wanted.set(type, null); continue; }
    if (!/^\d{1,7}$/.test(raw) || Number(raw) > TARGET_MAX) {
      errors[type === OVERALL ? 'overall' : type] = [`A whole number from 0 to ${TARGET_MAX}.`];
      continue;
    }
    wanted.set(type, Number(raw));
  }
  if (Object.keys(errors).length > 0) throw new ValidationError('Some targets are not valid.', errors);

  return db.transaction().execute(async (trx) => {
    const current = new Map((await listTargets(trx, campaign.id, country)).map((t) => [t.authority_type, t.invited]));
    let changed = 0;
    const detail: Record<string, unknown> = { campaign: campaign.id, country };
    for (const [type, invited] of wanted) {
      if ((current.get(type) ?? null) === invited) continue;
      if (invited === null) await deleteTarget(trx, campaign.id, country, type);
      else await upsertTarget(trx, { campaignId: campaign.id, country, authorityType: type, invited, updatedBy: typeof actor === 'string' ? null : actor.userId });
      detail[type === OVERALL ? 'overall' : type] = invited;
      changed += 1;
    }
    if (changed > 0) await recordAudit(trx, { actor, action: 'target.set', objectType: 'campaign', objectId: campaign.id, detail });
    return { changed };
  });
}
