/**
 * How a campaign's answers spread over its days: each wave brings a bump that fades over a few
 * days, fewer people answer at weekends, and a trickle comes in between waves. Pure and seeded,
 * so that a replay gives the same curve for the same seed.
 */
import type { Channel } from '../links/link-options.ts';
import type { CampaignStory } from './campaign-stories.ts';

export type Rng = () => number;

/** Share of a wave's pull left the next day: most answers come within two or three days. */
const FADE = 0.55;
/** Answers that come without a wave that day (forwarded e-mails, bookmarks), relative to a wave's pull. */
const TRICKLE = 0.15;
/** Sunday to Saturday. */
const WEEKDAY = [0.2, 1, 1, 1, 1, 0.9, 0.3];

export function daysBetween(first: string, last: string): string[] {
  const out: string[] = [];
  for (let t = Date.parse(`${first}T00:00:00Z`); t <= Date.parse(`${last}T00:00:00Z`); t += 86_400_000) out.push(new Date(t).toISOString().slice(0, 10));
  return out;
}

export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

const dayIndex = (day: string) => Math.round(Date.parse(`${day}T00:00:00Z`) / 86_400_000);

export interface DayPull {
  day: string;
  /** How strongly each channel pulls that day (the sum is the day's weight). */
  channels: [Channel, number][];
}

/** The pull of every day of the campaign for one country: its own waves and the all-countries ones. */
export function countryPulls(story: CampaignStory, country: string): DayPull[] {
  const waves = story.waves.filter((w) => w.pull > 0 && (w.country === null || w.country === country));
  return daysBetween(story.opensOn, story.extendedUntil ?? story.closesOn).map((day) => {
    const byChannel = new Map<Channel, number>();
    for (const w of waves) {
      const age = dayIndex(day) - dayIndex(w.on);
      if (age < 0) continue;
      byChannel.set(w.channel, (byChannel.get(w.channel) ?? 0) + w.pull * FADE ** age);
    }
    // The trickle comes mostly through the national contacts' e-mails, forwarded.
    byChannel.set('ipnc_email', (byChannel.get('ipnc_email') ?? 0) + TRICKLE);
    const weekday = WEEKDAY[new Date(`${day}T00:00:00Z`).getUTCDay()]!;
    return { day, channels: [...byChannel].map(([c, w]) => [c, w * weekday] as [Channel, number]) };
  });
}

/** Splits `total` over the days in proportion to their (slightly noisy) pull: largest remainders, ties to the earlier day. */
export function spreadOverDays(pulls: DayPull[], total: number, rng: Rng): number[] {
  const weights = pulls.map((p) => p.channels.reduce((a, [, w]) => a + w, 0) * (0.8 + 0.4 * rng()));
  const sum = weights.reduce((a, b) => a + b, 0);
  if (sum === 0 || total <= 0) return pulls.map(() => 0);
  const exact = weights.map((w) => (w / sum) * total);
  const counts = exact.map(Math.floor);
  let left = total - counts.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of order) {
    if (left <= 0) break;
    counts[i]! += 1;
    left -= 1;
  }
  return counts;
}

/** Draws one item in proportion to its weight. */
export function pickWeighted<T>(rng: Rng, items: readonly (readonly [T, number])[]): T {
  const total = items.reduce((a, [, w]) => a + w, 0);
  let r = rng() * total;
  for (const [item, w] of items) {
    r -= w;
    if (r < 0) return item;
  }
  return items[items.length - 1]![0];
}
