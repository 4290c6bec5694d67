/**
 * What an exported or imported translation file holds, whatever its format: the edition, the
 * language, and one unit per string with its id, English source and translation.
 */
export interface TranslationUnit {
  id: string;
  source: string;
  target: string;
  /** Where the string appears (written for the translator; ignored on import). */
  note?: string;
}

export interface TranslationDocument {
  surveyId: string;
  edition: string;
  language: string;
  /** 'all' strings, or only those 'new' (untranslated, or whose English changed since a translation). */
  scope: 'all' | 'new';
  units: TranslationUnit[];
}

/** A file that cannot be read at all (broken, hostile, not ours): refused whole, with this message. */
export class UnreadableFileError extends Error {}

/** `jpp-experience/2022` as written in the files. */
export function parseEditionRef(value: string): { surveyId: string; edition: string } | undefined {
  const m = /^([a-z0-9][a-z0-9-]{0,62})\/([a-z0-9][a-z0-9-]{0,62})$/.exec(value.trim());
  return m ? { surveyId: m[1]!, edition: m[2]! } : undefined;
}
