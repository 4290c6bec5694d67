/**
 * Ten responses to six date and time questions (and one choice to filter on), counted by hand in
 * test/analysis/date-kind.test.ts; column i of each list is response i.
 */
import type { Row } from './results-fixture.ts';

export const definition = {
  pages: [{ name: 'p1', elements: [
    { type: 'text', name: 'start', inputType: 'date' },
    { type: 'text', name: 'born', inputType: 'date' },
    { type: 'text', name: 'at', inputType: 'time' },
    { type: 'text', name: 'month', inputType: 'month' },
    { type: 'text', name: 'when', inputType: 'datetime-local' },
    { type: 'text', name: 'wk', inputType: 'week' },
    { type: 'radiogroup', name: 'size', choices: ['big', 'small'] },
  ] }],
};

export const ANSWERS: Record<string, string[]> = {
  // 2 Mar x4, 3 Mar x1, 5 Mar x3, 9 Mar x2: 3 Mar (1) goes into 5 Mar (4), then 9 Mar (2, last) into that: 3-9 Mar 6.
  start: ['2026-03-02', '2026-03-02', '2026-03-02', '2026-03-02', '2026-03-03', '2026-03-05', '2026-03-05', '2026-03-05', '2026-03-09', '2026-03-09'],
  // Over eleven years: by month. Jan 1980 3, Jun 1985 3, Dec 1990 4.
  born: ['1980-01-15', '1980-01-15', '1980-01-20', '1985-06-01', '1985-06-01', '1985-06-01', '1990-12-31', '1990-12-31', '1990-12-31', '1990-12-31'],
  // By hour: 09 3, 10 3, 14 3, 23 1 (last: into 14): 14-23 4.
  at: ['09:05', '09:55', '09:30', '10:00', '10:15', '10:45', '14:00', '14:00', '14:00', '23:59'],
  month: ['2026-01', '2026-01', '2026-01', '2026-01', '2026-01', '2026-02', '2026-02', '2026-02', '2026-02', '2026-02'],
  // By day: 2 Mar 5 (3 at 08:00, 2 at 17:30), 4 Mar 5.
  when: ['2026-03-02T08:00', '2026-03-02T08:00', '2026-03-02T08:00', '2026-03-02T17:30', '2026-03-02T17:30', '2026-03-04T09:00', '2026-03-04T09:00', '2026-03-04T09:00', '2026-03-04T09:00', '2026-03-04T09:00'],
  // W10 6, W11 2 (into W12 2): W11-W12 4.
  wk: ['2026-W10', '2026-W10', '2026-W10', '2026-W10', '2026-W10', '2026-W10', '2026-W11', '2026-W11', '2026-W12', '2026-W12'],
};
export const rows: Row[] = Array.from({ length: 10 }, (_, i) => ({
  link: i < 6 ? 'A' : 'B', country: i < 6 ? 'FR' : 'ES', authority: 'police', language: 'en',
  answers: { ...Object.fromEntries(Object.entries(ANSWERS).map(([name, values]) => [name, values[i]])), size: i < 6 ? 'big' : 'small' },
}));

