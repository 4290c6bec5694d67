/**
 * Retention: answers are kept until their campaign's retain_until (by default two years after it
 * closes, as the privacy notice says) and deleted after it. Each purge is in the audit log.
 */
import { untallyCampaign } from '../../analysis/answer-tally.ts';
import { sql, type Kysely } from 'kysely';
import { recordAudit } from '../audit/audit-service.ts';
import { withdrawJobs } from '../reports/report-job-repository.ts';
import type { Database } from '../db/schema.ts';

export interface PurgeOutcome {
  campaignId: string;
  name: string;
  retainUntil: string;
  deleted: number;
}

/** Campaigns whose retention has run out and that still hold responses. */
export async function campaignsPastRetention(db: Kysely<Database>) {
  return db
    .selectFrom('campaign')
    .select((eb) => [
      'campaign.id', 'campaign.name', 'campaign.retain_until',
      eb.selectFrom('response').select((r) => r.fn.countAll<number>().as('n')).whereRef('response.campaign_id', '=', 'campaign.id').as('responses'),
    ])
    .where('campaign.retain_until', '<', sql<string>`current_date`)
    .orderBy('campaign.retain_until')
    .execute();
}

/** Deletes every response past its campaign's retention; dryRun only counts. */
export async function purgeExpiredResponses(db: Kysely<Database>, opts: { dryRun?: boolean } = {}): Promise<PurgeOutcome[]> {
  const outcomes: PurgeOutcome[] = [];
  for (const c of await campaignsPastRetention(db)) {
    const waiting = Number(c.responses ?? 0);
    if (waiting === 0) continue;
    if (opts.dryRun) {
      outcomes.push({ campaignId: c.id, name: c.name, retainUntil: c.retain_until, deleted: waiting });
      continue;
    }
    const deleted = await db.transaction().execute(async (trx) => {
      // Submission keys go with their responses (on delete cascade), and the campaign's tallies with them.
      await untallyCampaign(trx, c.id);
      await withdrawJobs(trx);
      const r = await trx.deleteFrom('response').where('campaign_id', '=', c.id).executeTakeFirst();
      const n = Number(r.numDeletedRows);
      await recordAudit(trx, { actor: 'cli', action: 'response.purge', objectType: 'campaign', objectId: c.id, detail: { retainUntil: c.retain_until, deleted: n } });
      return n;
    });
    outcomes.push({ campaignId: c.id, name: c.name, retainUntil: c.retain_until, deleted });
  }
  return outcomes;
}
