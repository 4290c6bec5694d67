/**
 * The ready-to-send relaunch message in a link's language: subject and body from
 * relaunch-messages.json (`{ "<lang>": { "subject", "body" } }`, with {link}, {closes_on} and
 * {minutes}, the time the edition itself says it takes: see surveyMinutes),
 * English when the language has no template yet. The platform sends nothing itself: the contact
 * copies the text or opens it in their own mail program through a mailto: link.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { projectRoot } from '../project-root.ts';

const templateSchema = z.record(z.string().regex(/^[a-z]{2,3}$/), z.object({ subject: z.string().min(1), body: z.string().min(1) }).strict());
export type MessageTemplates = z.infer<typeof templateSchema>;

let cached: MessageTemplates | undefined;

export function loadMessageTemplates(file = join(projectRoot, 'server', 'campaigns', 'relaunch-messages.json')): MessageTemplates {
  const parsed = templateSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.en) throw new Error(`${file} needs an "en" message: it is the fallback of every language.`);
  return parsed;
}

function templates(): MessageTemplates {
  cached ??= loadMessageTemplates();
  return cached;
}

export interface RelaunchMessage {
  /** The language the text is in (the link's, or en when there is no template for it). */
  language: string;
  subject: string;
  body: string;
  mailto: string;
}

/** A date such as "15 December 2026" / "15 décembre 2026", in the message's language (British order for English). */
export function longDate(isoDay: string, language: string): string {
  const d = new Date(`${isoDay}T00:00:00Z`);
  try {
    return new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : language, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(d);
  } catch {
    return isoDay;
  }
}

/** A mailto: URL with subject and body percent-encoded (RFC 6068: line breaks as %0D%0A). */
export function mailtoUrl(subject: string, body: string): string {
  const enc = (s: string) => encodeURIComponent(s.replace(/\r?\n/g, '\r\n'));
  return `mailto:?subject=${enc(subject)}&body=${enc(body)}`;
}

/** Seconds a question takes on average, for an edition that does not say how long it takes. */
const SECONDS_PER_QUESTION = 25;

/**
 * How many minutes the edition takes: what its description says ("It takes about 20 minutes"), so
 * that the message never promises less than the survey's first page; otherwise an estimate from
 * its number of questions, in steps of five minutes.
 */
export function surveyMinutes(definition: Record<string, unknown>): number {
  const d = definition.description;
  const text = typeof d === 'string' ? d : d && typeof d === 'object' ? String((d as Record<string, unknown>).default ?? '') : '';
  const said = /(\d{1,3})\s*(?:minutes?|mins?)\b/i.exec(text);
  if (said && Number(said[1]) > 0) return Number(said[1]);
  let questions = 0;
  const walk = (elements: unknown) => {
    for (const e of (Array.isArray(elements) ? elements : []) as Record<string, unknown>[]) {
      if (Array.isArray(e.elements)) walk(e.elements);
      else if (e.type !== 'html' && e.type !== 'expression') questions += 1;
    }
  };
  for (const p of (Array.isArray(definition.pages) ? definition.pages : []) as Record<string, unknown>[]) walk(p.elements);
  return Math.max(5, Math.ceil((questions * SECONDS_PER_QUESTION) / 300) * 5);
}

export function relaunchMessage(language: string, link: string, closesOn: string, minutes: number, all: MessageTemplates = templates()): RelaunchMessage {
  const lang = all[language] ? language : 'en';
  const t = all[lang]!;
  const fill = (s: string) => s.replace(/\{link\}/g, link).replace(/\{closes_on\}/g, longDate(closesOn, lang)).replace(/\{minutes\}/g, String(minutes));
  const subject = fill(t.subject);
  const body = fill(t.body);
  return { language: lang, subject, body, mailto: mailtoUrl(subject, body) };
}
