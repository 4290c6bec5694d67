/**
 * An edition's definition as its authors write it: the file surveys/<survey>/<edition>.json with its
 * shared reference lists when there is one (the file is what the server syncs at start, so a change
 * made anywhere else would be undone), or the stored definition of an edition uploaded in the console.
 */
import { access, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import type { Database, Edition } from '../db/schema.ts';
import { NotFoundError } from '../errors.ts';
import * as editions from '../surveys/edition-repository.ts';
import { loadReferenceLists, type ReferenceLists } from '../surveys/reference-lists.ts';

export interface EditionSource {
  surveyId: string;
  edition: string;
  /** The newest stored version. */
  latest: Edition;
  /** The definition as written (with `choicesFromReference` where it comes from a file). */
  raw: Record<string, unknown>;
  /** The reference lists (empty for an uploaded edition, whose lists are already expanded). */
  lists: ReferenceLists;
  /** The edition's file, when it has one. */
  filePath?: string;
}

export const editionFilePath = (surveysDir: string, surveyId: string, edition: string) => join(surveysDir, surveyId, `${edition}.json`);

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}

export async function loadEditionSource(db: Kysely<Database>, surveysDir: string, surveyId: string, edition: string): Promise<EditionSource> {
  const latest = await editions.findLatestVersion(db, surveyId, edition);
  if (!latest) throw new NotFoundError(`There is no edition ${surveyId}/${edition}.`);
  const filePath = editionFilePath(surveysDir, surveyId, edition);
  if (/^[a-z0-9][a-z0-9-]{0,62}$/.test(surveyId) && /^[a-z0-9][a-z0-9-]{0,62}$/.test(edition) && (await exists(filePath))) {
    const raw = JSON.parse(await readFile(filePath, 'utf8')) as Record<string, unknown>;
    return { surveyId, edition, latest, raw, lists: await loadReferenceLists(surveysDir), filePath };
  }
  return { surveyId, edition, latest, raw: structuredClone(latest.definition), lists: new Map() };
}

/** Writes JSON as the files in surveys/ are written (two spaces, final newline), replacing the file whole. */
export async function writeJsonFile(path: string, value: unknown): Promise<void> {
  await writeTextFile(path, `${JSON.stringify(value, null, 2)}\n`);
}

/** Replaces a file whole (written aside, then renamed), so that a reader never sees half of it. */
export async function writeTextFile(path: string, text: string): Promise<void> {
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, text, 'utf8');
  await rename(temporary, path);
}

export const referenceListPath = (surveysDir: string, list: string) => join(surveysDir, 'reference', `${list}.json`);
