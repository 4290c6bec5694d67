/**
 * Recording and removing waves, and the explicit re-attribution of responses. Waves change the
 * stored attribution of no response by themselves: an admin re-attributes, and is told how many changed.
 */
import type { Kysely } from 'kysely';
import type { StaffPrincipal } from '../auth/principal.ts';
import { recordAudit, type Actor } from '../audit/audit-service.ts';
import { findCampaign } from '../campaigns/campaign-repository.ts';
import { effectiveClose } from '../campaigns/campaign-window.ts';
import type { Database } from '../db/schema.ts';
import type { Wave, WaveKind } from '../db/tables/campaigns.ts';
import { NotFoundError, ValidationError } from '../errors.ts';
import { parseCalendarDay } from '../input/calendar-dates.ts';
import { CHANNELS } from '../links/link-options.ts';
import { CAMPAIGN_WAVE_KINDS, COUNTRY_WAVE_KINDS, NOTE_MAX } from './wave-options.ts';
import * as waves from './wave-repository.ts';

export interface RecordWaveInput {
  campaignId: string;
  /** null: every country (admins only; the route checks the role). */
  country: string | null;
  kind: string;
  waveOn: string;
  channel?: string | undefined;
  note?: string | undefined;
}

export function isRealDate(s: string): boolean {
  return parseCalendarDay(s) === s;
}

export async function recordWave(db: Kysely<Database>, actor: Actor, input: RecordWaveInput): Promise<Wave> {
  const campaign = await findCampaign(db, input.campaignId);
  if (!campaign) throw new NotFoundError('There is no such campaign.');
  const errors: Record<string, string[]> = {};
  const allowed = input.country === null ? CAMPAIGN_WAVE_KINDS : COUNTRY_WAVE_KINDS;
  if (!(allowed as readonly string[]).includes(input.kind)) {
    errors.kind = [input.country === null
      ? `A wave of every country is one of ${CAMPAIGN_WAVE_KINDS.join(', ')}.`
      : `A country's wave is one of ${COUNTRY_WAVE_KINDS.join(', ')}; extensions and closes are recorded for the whole campaign.`];
  }
  const first = campaign.opens_at.toISOString().slice(0, 10);
  const last = effectiveClose(campaign).toISOString().slice(0, 10);
  if (!isRealDate(input.waveOn)) errors.waveOn = ['Give the date as YYYY-MM-DD.'];
  else if (input.waveOn < first || input.waveOn > last) errors.waveOn = [`The date must fall within the campaign, ${first} to ${last}.`];
  const channel = input.channel ? input.channel : null;
  if (channel !== null && !(CHANNELS as readonly string[]).includes(channel)) errors.channel = [`The channel must be one of ${CHANNELS.join(', ')}.`];
  const note = (input.note ?? '').trim();
  if (note.length > NOTE_MAX) errors.note = [`Keep the note under ${NOTE_MAX} characters.`];
  if (Object.keys(errors).length > 0) throw new ValidationError('The wave is not valid.', errors);

  return db.transaction().execute(async (trx) => {
    const wave = await waves.insertWave(trx, {
      campaignId: campaign.id, country: input.country, kind: input.kind as WaveKind, waveOn: input.waveOn, channel, note,
      createdBy: typeof actor === 'string' ? null : actor.userId,
    });
    await recordAudit(trx, {
      actor, action: 'wave.create', objectType: 'wave', objectId: wave.id,
      detail: { campaign: campaign.id, country: wave.country ?? 'all', kind: wave.kind, date: wave.wave_on, channel: wave.channel ?? '' },
    });
    return wave;
  });
}

/** Deletes a wave; its responses keep no wave until an admin re-attributes. Returns how many were detached. */
export async function removeWave(db: Kysely<Database>, actor: StaffPrincipal, wave: Wave): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const detached = await waves.countResponsesOfWave(trx, wave.id);
    await waves.deleteWave(trx, wave.id);
    await recordAudit(trx, {
      actor, action: 'wave.delete', objectType: 'wave', objectId: wave.id,
      detail: { campaign: wave.campaign_id, country: wave.country ?? 'all', kind: wave.kind, date: wave.wave_on, detached },
    });
    return detached;
  });
}

/** Re-applies the attribution rule to every complete response of a campaign; returns how many changed. */
export async function reattribute(db: Kysely<Database>, actor: Actor, campaignId: string): Promise<number> {
  const campaign = await findCampaign(db, campaignId);
  if (!campaign) throw new NotFoundError('There is no such campaign.');
  return db.transaction().execute(async (trx) => {
    const changed = await waves.reattributeCampaign(trx, campaign.id);
    await recordAudit(trx, { actor, action: 'response.reattribute', objectType: 'campaign', objectId: campaign.id, detail: { changed } });
    return changed;
  });
}
