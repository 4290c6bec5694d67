/**
 * What staff do with links: create one for a country and channel, disable it, re-enable it. Each
 * change and its audit entry are one transaction. Country access is checked by the routes.
 */
import type { Kysely } from 'kysely';
import type { StaffPrincipal } from '../auth/principal.ts';
import { recordAudit, type Actor } from '../audit/audit-service.ts';
import type { Database, Link } from '../db/schema.ts';
import { createLink, type CreateLinkInput } from './link-service.ts';
import { setLinkDisabled } from './link-repository.ts';

export async function createLinkAudited(db: Kysely<Database>, actor: Actor, countries: readonly string[], input: CreateLinkInput): Promise<Link> {
  return db.transaction().execute(async (trx) => {
    const link = await createLink(trx, countries, input);
    await recordAudit(trx, {
      actor, action: 'link.create', objectType: 'link', objectId: link.id,
      detail: { campaign: link.campaign_id, country: link.country, channel: link.channel, language: link.language, label: link.label },
    });
    return link;
  });
}

export async function setLinkEnabled(db: Kysely<Database>, actor: StaffPrincipal, link: Link, enabled: boolean): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await setLinkDisabled(trx, link.id, !enabled);
    await recordAudit(trx, {
      actor, action: enabled ? 'link.enable' : 'link.disable', objectType: 'link', objectId: link.id,
      detail: { campaign: link.campaign_id, country: link.country, channel: link.channel, label: link.label },
    });
  });
}
