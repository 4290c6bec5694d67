/** Reading and writing form values of staff pages. Times are UTC, as every staff page shows them. */
import { AppError } from '../../errors.ts';

/** "2026-11-04T09:00" (a datetime-local input) or "2026-11-04" as UTC; null when empty, invalid or not a real date. */
export { parseUtcDateTime } from '../../input/calendar-dates.ts';

/** A Date as the value of a datetime-local input, in UTC. */
export function toInputValue(d: Date | null | undefined): string {
  return d ? d.toISOString().slice(0, 16) : '';
}

/** Field errors of an AppError as a flat list for a page: "field: message". */
export function errorList(err: AppError): string[] {
  return Object.entries(err.details ?? {}).flatMap(([field, msgs]) => msgs.map((m) => (field === 'definition' ? m : `${field}: ${m}`)));
}
