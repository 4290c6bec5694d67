import t from 'tap';
import { nextDay, parseCalendarDay, parseUtcDateTime } from '../../server/input/calendar-dates.ts';

t.test('only real calendar days within the service years are days', async (t) => {
  for (const bad of ['2026-02-30', '2026-13-45', '2026-00-10', '2026-04-31', '2025-02-29', '0000-01-01', '1999-12-31', '2101-01-01', '99999-01-01', '2026-1-1', ' ', '', '2026-02-28x']) {
    t.equal(parseCalendarDay(bad), null, bad);
  }
  for (const good of ['2024-02-29', '2000-01-01', '2100-12-31', '2026-11-04']) t.equal(parseCalendarDay(good), good, good);
  t.equal(parseCalendarDay(' 2026-11-04 '), '2026-11-04', 'surrounding spaces are trimmed');
  t.equal(nextDay('2024-02-28'), '2024-02-29');
});

t.test('date-times are read as UTC and never rolled over', async (t) => {
  t.same(parseUtcDateTime('2026-11-04T09:00'), new Date('2026-11-04T09:00:00Z'));
  t.same(parseUtcDateTime('2026-11-04T09:00:30Z'), new Date('2026-11-04T09:00:30Z'));
  t.same(parseUtcDateTime('2026-11-04T09:00:30.250Z'), new Date('2026-11-04T09:00:30.250Z'), 'milliseconds, as toISOString() writes them');
  t.equal(parseUtcDateTime('2026-11-04T09:00:30.1234Z'), null, 'no more than milliseconds');
  t.same(parseUtcDateTime('2026-11-04'), new Date('2026-11-04T00:00:00Z'));
  for (const bad of ['2026-02-30T00:00', '0000-01-01T00:00', '2026-03-01T24:00', '2026-03-01T10:60', '2026-03-01T10:00:60', '2026-03-01T10', 'soon', '2026-03-01T10:00+02:00']) {
    t.equal(parseUtcDateTime(bad), null, bad);
  }
});
