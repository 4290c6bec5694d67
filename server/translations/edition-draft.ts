/**
 * Drafting a new edition: the draft file starts as a copy of an earlier edition (or is the author's
 * own draft when it exists already), and every string is filled from the survey's translation memory
 * by its English text, so translators are given only new and changed strings.
 */
import { access, mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { ConflictError, ValidationError } from '../errors.ts';
import * as editions from '../surveys/edition-repository.ts';
import { editionFilePath, loadEditionSource, writeJsonFile } from './edition-source.ts';
import { buildCatalogue } from './string-catalogue.ts';
import { fillFromMemory, surveyMemory } from './translation-memory.ts';
import { parseEditionRef } from './translation-document.ts';

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}

export interface DraftOutcome {
  path: string;
  strings: number;
  filled: number;
  created: boolean;
}

export async function draftEdition(db: Kysely<Database>, surveysDir: string, from: string, edition: string): Promise<DraftOutcome> {
  const ref = parseEditionRef(from);
  if (!ref) throw new ValidationError('Invalid arguments.', { from: ['Name the earlier edition as survey/edition, e.g. jpp-experience/2022.'] });
  if (!/^[a-z0-9][a-z0-9-]{0,62}$/.test(edition) || edition === ref.edition) {
    throw new ValidationError('Invalid arguments.', { edition: ['Name a new edition with lower-case letters, digits and dashes, e.g. 2025.'] });
  }
  const path = editionFilePath(surveysDir, ref.surveyId, edition);
  const created = !(await exists(path));
  if (!created && (await editions.countResponsesOfEdition(db, ref.surveyId, edition)) > 0) {
    throw new ConflictError(`Edition ${ref.surveyId}/${edition} has answers already: it is no draft. Fix its texts with translations:import.`);
  }
  const raw = created
    ? structuredClone((await loadEditionSource(db, surveysDir, ref.surveyId, ref.edition)).raw)
    : (JSON.parse(await readFile(path, 'utf8')) as Record<string, unknown>);
  const memory = await surveyMemory(surveysDir, ref.surveyId, { prefer: ref.edition, exclude: edition });
  const catalogue = buildCatalogue(raw);
  let filled = 0;
  for (const entry of catalogue.entries) if (fillFromMemory(entry, memory)) filled++;
  await mkdir(dirname(path), { recursive: true });
  await writeJsonFile(path, raw);
  return { path, strings: catalogue.entries.length, filled, created };
}
