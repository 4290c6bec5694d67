/**
 * Strict dates for every way a date comes in (staff forms, query strings, the command line): a
 * date is a real calendar day within a sensible range, or it is refused. JavaScript's Date rolls
 * 2026-02-30 over to 2 March and reads year 0 as 1 BC; nothing here ever does either.
 */
import { z } from 'zod';

export interface YearRange {
  min: number;
  max: number;
}

/** Campaigns, waves, audit filters and retention dates all fall within this century. */
export const SERVICE_YEARS: YearRange = { min: 2000, max: 2100 };

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?(Z)?)?$/;

const daysInMonth = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

function realDay(year: number, month: number, day: number, years: YearRange): boolean {
  return year >= years.min && year <= years.max && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** "2026-11-04" when it is a real day within the range, else null. */
export function parseCalendarDay(value: string | undefined | null, years: YearRange = SERVICE_YEARS): string | null {
  const m = DAY.exec((value ?? '').trim());
  if (!m) return null;
  return realDay(Number(m[1]), Number(m[2]), Number(m[3]), years) ? m[0] : null;
}

/**
 * "2026-11-04", "2026-11-04T09:00", "2026-11-04T09:00:30" (a datetime-local input), or with
 * milliseconds as toISOString() writes them, with or without a final Z, read as UTC; null unless every part is real (no 24:00, no 2026-02-30) and in range.
 */
export function parseUtcDateTime(value: string | undefined | null, years: YearRange = SERVICE_YEARS): Date | null {
  const m = DATE_TIME.exec((value ?? '').trim());
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const [hour, minute, second] = [Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0)];
  if (!realDay(year, month, day, years) || hour > 23 || minute > 59 || second > 59) return null;
  const millis = m[7] ? Number(m[7].padEnd(3, '0')) : 0;
  return new Date(Date.UTC(year, month - 1, day, hour, minute, second, millis));
}

/** The day after `isoDay` (which must be real), for "up to and including" filters. */
export function nextDay(isoDay: string): string {
  const d = new Date(`${isoDay}T00:00:00Z`);
  return new Date(d.getTime() + 86_400_000).toISOString().slice(0, 10);
}

const DAY_MESSAGE = `must be a real date such as 2026-11-04, in the years ${SERVICE_YEARS.min} to ${SERVICE_YEARS.max}`;

/** A zod string that must be a real calendar day in the service years (query strings and forms). */
export const calendarDaySchema = z.string().max(10).refine((v) => parseCalendarDay(v) !== null, DAY_MESSAGE);
