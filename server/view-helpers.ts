/** Handlebars helpers, registered once on the app's Handlebars instance. */
import type handlebars from 'handlebars';

type Hbs = typeof handlebars;

/** JSON for a data-* attribute: Handlebars escapes it there, and the browser un-escapes it. */
export function toJson(value: unknown): string {
  return JSON.stringify(value ?? null);
}

export function equals(a: unknown, b: unknown): boolean {
  return a === b;
}

/** A date as YYYY-MM-DD, whether it came as a Date or a string. */
export function isoDate(value: unknown): string {
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return typeof value === 'string' ? value.slice(0, 10) : '';
}

/** Date and minutes in UTC for staff pages. */
export function dateTime(value: unknown): string {
  const d = value instanceof Date ? value : typeof value === 'string' ? new Date(value) : null;
  return d && !Number.isNaN(d.getTime()) ? `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC` : '';
}

export function registerViewHelpers(engine: Hbs): void {
  engine.registerHelper('json', toJson);
  engine.registerHelper('eq', equals);
  engine.registerHelper('isoDate', isoDate);
  engine.registerHelper('dateTime', dateTime);
}
