/**
 * What the demo replays: the 2019 campaign as the network ran it (launched 4 November through the
 * national contacts' e-mails and social media, promoted at events, relaunched mid-November by each
 * country, closed at the end of November and extended to 15 December), and a 2022 campaign of the
 * next edition. The real 2019 campaign had 41 responses from 14 countries; the demo invites more
 * people in the same 14 countries, so that groups reach k and the pages have something to show.
 * Event dates and every figure here are illustrative: the notes say "demo".
 */
import type { WaveKind } from '../db/tables/campaigns.ts';
import type { Channel } from '../links/link-options.ts';

export interface CountryPlan {
  country: string;
  /** The language of the national contact's e-mail link. */
  language: string;
  /** People invited: the campaign's target for the country. */
  invited: number;
  /** Share of the invited who complete the survey. */
  rate: number;
}

export interface WavePlan {
  on: string;
  /** null: every country. */
  country: string | null;
  kind: WaveKind;
  channel: Channel;
  note: string;
  /** How many answers the wave brings in, relative to the others (0: a wave that brings none, e.g. the close). */
  pull: number;
}

/** How answers lean in an edition, so that editions differ as they plausibly did. */
export interface EditionLean {
  /** Multiplies each authority type's share of respondents with joint procurement experience. */
  experience: number;
  /** Weights of the values 1..5 of rating questions (interest, satisfaction, attitude). */
  ratings: Record<string, number[]>;
  /** Weights of jpp_again's choices, most positive first. */
  again: number[];
  /** Share of completes that saved on one day and finished on a later one. */
  resumed: number;
  /** Partial responses per complete one. */
  partial: number;
}

export interface CampaignStory {
  edition: '2019' | '2022';
  name: string;
  /** First day, last day before any extension, last day of the extension (YYYY-MM-DD, inclusive). */
  opensOn: string;
  closesOn: string;
  extendedUntil: string | null;
  countries: CountryPlan[];
  waves: WavePlan[];
  lean: EditionLean;
}

const IPNC_COUNTRIES: [string, string][] = [['FR', 'fr'], ['ES', 'es'], ['RO', 'ro'], ['PT', 'pt'], ['SK', 'sk'], ['LT', 'lt'], ['BG', 'bg'], ['EE', 'et'], ['CY', 'el']];

/** A relaunch by every national contact, a few days apart around mid-month. */
function relaunches(days: string[], countries: string[], note: string, pull: number): WavePlan[] {
  return countries.map((country, i) => ({ on: days[i % days.length]!, country, kind: 'relaunch' as const, channel: 'ipnc_email' as const, note, pull }));
}

export const STORY_2019: CampaignStory = {
  edition: '2019',
  name: 'JPP survey 2019 (demo replay)',
  opensOn: '2019-11-04',
  closesOn: '2019-11-30',
  extendedUntil: '2019-12-15',
  countries: [
    ...IPNC_COUNTRIES.map(([country, language], i) => ({ country, language, invited: [150, 100, 80, 70, 60, 50, 60, 40, 25][i]!, rate: [0.42, 0.38, 0.4, 0.36, 0.43, 0.44, 0.35, 0.47, 0.4][i]! })),
    { country: 'PL', language: 'en', invited: 40, rate: 0.3 },
    { country: 'DE', language: 'en', invited: 40, rate: 0.25 },
    { country: 'BE', language: 'fr', invited: 30, rate: 0.33 },
    { country: 'GR', language: 'el', invited: 30, rate: 0.3 },
    { country: 'NL', language: 'en', invited: 25, rate: 0.32 },
  ],
  waves: [
    { on: '2019-11-04', country: null, kind: 'launch', channel: 'ipnc_email', note: 'Launch: e-mails of the national contacts to their procurers (demo)', pull: 10 },
    { on: '2019-11-04', country: null, kind: 'launch', channel: 'social_media', note: 'Launch announced on social media (demo)', pull: 3 },
    { on: '2019-11-07', country: null, kind: 'reminder', channel: 'event', note: 'Promoted at SRE 2019 (demo)', pull: 2 },
    ...relaunches(['2019-11-12', '2019-11-13', '2019-11-14', '2019-11-15'], IPNC_COUNTRIES.map(([c]) => c), 'Relaunch: second e-mail of the national contact (demo)', 6),
    { on: '2019-11-19', country: null, kind: 'reminder', channel: 'event', note: 'Promoted at MILIPOL Paris (demo)', pull: 3 },
    { on: '2019-11-21', country: null, kind: 'reminder', channel: 'social_media', note: 'Relaunch on social media, with the first newsletter (demo)', pull: 3 },
    { on: '2019-11-26', country: null, kind: 'reminder', channel: 'event', note: 'Promoted at eBF 2019, Czech Republic (demo)', pull: 1.5 },
    { on: '2019-11-29', country: null, kind: 'extension', channel: 'ipnc_email', note: 'Extended to 15 December; last call by the national contacts (demo)', pull: 4 },
    { on: '2019-12-15', country: null, kind: 'close', channel: 'ipnc_email', note: 'Survey closed (demo)', pull: 0 },
  ],
  lean: {
    experience: 1,
    ratings: { jpp_interest: [8, 15, 32, 29, 16], jpp_satisfaction: [6, 16, 36, 29, 13] },
    again: [18, 34, 26, 14, 8],
    resumed: 0.12,
    partial: 0.2,
  },
};

export const STORY_2022: CampaignStory = {
  edition: '2022',
  name: 'JPP survey 2022 (demo replay)',
  opensOn: '2022-10-03',
  closesOn: '2022-10-28',
  extendedUntil: '2022-11-10',
  countries: [
    ...IPNC_COUNTRIES.map(([country, language], i) => ({ country, language, invited: [140, 100, 90, 80, 65, 55, 60, 45, 30][i]!, rate: [0.45, 0.4, 0.42, 0.38, 0.45, 0.47, 0.37, 0.5, 0.43][i]! })),
    { country: 'PL', language: 'en', invited: 45, rate: 0.36 },
    { country: 'DE', language: 'en', invited: 45, rate: 0.3 },
    { country: 'BE', language: 'fr', invited: 30, rate: 0.37 },
    { country: 'GR', language: 'el', invited: 35, rate: 0.37 },
    { country: 'NL', language: 'en', invited: 25, rate: 0.36 },
    { country: 'IT', language: 'en', invited: 40, rate: 0.3 },
    { country: 'FI', language: 'en', invited: 25, rate: 0.4 },
  ],
  waves: [
    { on: '2022-10-03', country: null, kind: 'launch', channel: 'ipnc_email', note: 'Launch: e-mails of the national contacts (demo)', pull: 10 },
    { on: '2022-10-03', country: null, kind: 'launch', channel: 'newsletter', note: 'Launch in the network newsletter (demo)', pull: 3 },
    { on: '2022-10-06', country: null, kind: 'reminder', channel: 'social_media', note: 'Survey shared on social media (demo)', pull: 2.5 },
    ...relaunches(['2022-10-11', '2022-10-12', '2022-10-13'], IPNC_COUNTRIES.map(([c]) => c), 'Relaunch by the national contact (demo)', 6),
    { on: '2022-10-18', country: null, kind: 'reminder', channel: 'event', note: 'Presented at a workshop of the network (demo)', pull: 3 },
    { on: '2022-10-25', country: null, kind: 'reminder', channel: 'ipnc_email', note: 'Reminder before the close (demo)', pull: 4 },
    { on: '2022-10-28', country: null, kind: 'extension', channel: 'ipnc_email', note: 'Extended to 10 November (demo)', pull: 2.5 },
    { on: '2022-11-10', country: null, kind: 'close', channel: 'ipnc_email', note: 'Survey closed (demo)', pull: 0 },
  ],
  lean: {
    experience: 1.3,
    ratings: { jpp_interest: [3, 8, 22, 38, 29], jpp_satisfaction: [3, 10, 30, 37, 20], jpp_attitude: [4, 9, 25, 38, 24] },
    again: [30, 40, 17, 9, 4],
    resumed: 0.15,
    partial: 0.17,
  },
};

export const STORIES: readonly CampaignStory[] = [STORY_2019, STORY_2022];

/** Link channels of a campaign: each country has a link for every channel its waves use. */
export function storyChannels(story: CampaignStory): Channel[] {
  return [...new Set(story.waves.filter((w) => w.pull > 0).map((w) => w.channel))];
}
