/**
 * chart.js configurations for the campaign dashboards, built on the server from figures that are
 * already suppressed. The browser (public/js/campaign-dashboard.js) only adds the plugin that draws
 * the waves (options.plugins.waveMarkers) and the period notes in tooltips (options.plugins.periodNotes).
 */
import { daysBetween, type Period } from './daily-bins.ts';

export interface WaveMarker {
  day: string;
  label: string;
}

const BLUE = '#1f4e79';
const ORANGE = '#c55a11';

/** Responses per day (averaged over merged periods) and the cumulative count at each period's end. */
export function dailyCurveChart(periods: readonly Period[], from: string, to: string, waves: readonly WaveMarker[]) {
  const labels = daysBetween(from, to);
  const index = new Map(labels.map((d, i) => [d, i]));
  const perDay: (number | null)[] = labels.map(() => null);
  const cumulative: (number | null)[] = labels.map(() => null);
  const notes: (string | null)[] = labels.map(() => null);
  let running = 0;
  for (const p of periods) {
    running += p.count;
    const average = Math.round((p.count / p.days) * 10) / 10;
    for (const day of daysBetween(p.from, p.to)) {
      const i = index.get(day);
      if (i === undefined) continue;
      perDay[i] = average;
      if (p.days > 1) notes[i] = `${p.from} to ${p.to}: ${p.count} responses over ${p.days} days`;
    }
    const end = index.get(p.to);
    if (end !== undefined) cumulative[end] = running;
  }
  if (labels.length > 0 && cumulative[0] === null && perDay[0] !== null) cumulative[0] = 0;

  const markers = new Map<string, string[]>();
  for (const w of waves) if (index.has(w.day)) markers.set(w.day, [...(markers.get(w.day) ?? []), w.label]);

  return {
    type: 'line',
    data: {
      labels,
      datasets: [
        { label: 'Responses per day', data: perDay, borderColor: BLUE, backgroundColor: BLUE, yAxisID: 'y', stepped: 'middle', pointRadius: 2 },
        { label: 'Cumulative responses', data: cumulative, borderColor: ORANGE, backgroundColor: ORANGE, yAxisID: 'y2', spanGaps: true, pointRadius: 3 },
      ],
    },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      interaction: { mode: 'index', intersect: false },
      layout: { padding: { top: 28 } },
      scales: {
        y: { beginAtZero: true, title: { display: true, text: 'per day' }, ticks: { precision: 0 } },
        y2: { beginAtZero: true, position: 'right', title: { display: true, text: 'cumulative' }, grid: { drawOnChartArea: false }, ticks: { precision: 0 } },
      },
      plugins: {
        legend: { position: 'bottom' },
        waveMarkers: { waves: [...markers].map(([day, names]) => ({ index: index.get(day), label: names.join(' + ') })) },
        periodNotes: { notes },
      },
    },
  };
}

/** Responses and invited per country (hidden figures are left out of the bars, not drawn as zero). */
export function countriesChart(rows: readonly { country: string; complete: number | null; invited: number | null }[]) {
  return {
    type: 'bar',
    data: {
      labels: rows.map((r) => r.country),
      datasets: [
        { label: 'Complete responses', data: rows.map((r) => r.complete), backgroundColor: BLUE },
        { label: 'Invited (target)', data: rows.map((r) => r.invited), backgroundColor: '#9fb8d1' },
      ],
    },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      scales: { y: { beginAtZero: true, ticks: { precision: 0 } } },
      plugins: { legend: { position: 'bottom' } },
    },
  };
}
