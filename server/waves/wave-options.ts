/** Kinds of waves and who records which: a national contact for their country, an admin for the whole campaign. */
import type { WaveKind } from '../db/tables/campaigns.ts';

export const WAVE_KINDS: readonly WaveKind[] = ['launch', 'relaunch', 'reminder', 'extension', 'close'];

/** What a national contact records for their own country (an admin may too, for any country). */
export const COUNTRY_WAVE_KINDS: readonly WaveKind[] = ['launch', 'relaunch', 'reminder'];

/** What an admin records for every country at once. */
export const CAMPAIGN_WAVE_KINDS: readonly WaveKind[] = ['launch', 'relaunch', 'reminder', 'extension', 'close'];

export const WAVE_LABELS: Record<WaveKind, string> = {
  launch: 'Launch',
  relaunch: 'Relaunch',
  reminder: 'Reminder',
  extension: 'Extension',
  close: 'Close',
};

export const NOTE_MAX = 500;
