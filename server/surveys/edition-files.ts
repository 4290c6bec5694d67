/**
 * Reads surveys/<survey>/<edition>.json, expands reference lists and checks each definition.
 * Returns every file's problems together, so one run tells the author everything to fix.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { contentHash } from './canonical-json.ts';
import { definitionBoundsProblems } from './definition-bounds.ts';
import { checkDefinition } from './definition-check.ts';
import { expandReferences, loadReferenceLists, type ReferenceLists } from './reference-lists.ts';
import { groupingProblems } from './grouping-questions.ts';

export interface EditionFile {
  path: string;
  surveyId: string;
  edition: string;
  title: string;
  definition: Record<string, unknown>;
  contentHash: string;
}

export interface EditionFilesResult {
  files: EditionFile[];
  problems: string[];
}

const SLUG = /^[a-z0-9][a-z0-9-]{0,62}$/;

type Prepared = { definition: Record<string, unknown>; title: string; problems: string[]; contentHash: string };
// Checking a definition loads it into survey-core (tens of milliseconds); the same file content with the
// same reference lists always gives the same result, so a process checks it once.
const prepared = new Map<string, Prepared>();

/** Prepares one file's content, reusing an earlier check of the very same content and lists. */
function prepareOnce(raw: unknown, lists: ReferenceLists): Prepared {
  // The cache key hashes the raw JSON recursively: a definition out of bounds is refused before that.
  if (definitionBoundsProblems(raw).length > 0) return prepareDefinition(raw, lists);
  const key = contentHash({ raw, lists: [...lists] });
  let result = prepared.get(key);
  if (!result) {
    result = prepareDefinition(raw, lists);
    prepared.set(key, result);
  }
  return structuredClone(result);
}

/** Prepares one definition (from a file or an upload): expand, check, hash. */
export function prepareDefinition(raw: unknown, lists: ReferenceLists): Prepared {
  const bounds = definitionBoundsProblems(raw);
  if (bounds.length > 0) return { definition: {}, title: '', problems: bounds, contentHash: '' };
  const problems: string[] = [];
  const expanded = expandReferences(raw, lists, problems);
  const checked = checkDefinition(expanded);
  problems.push(...checked.problems);
  if (checked.problems.length === 0) problems.push(...groupingProblems(checked.definition, lists));
  return { definition: checked.definition, title: checked.title, problems, contentHash: contentHash(checked.definition) };
}

export async function readEditionFiles(surveysDir: string): Promise<EditionFilesResult> {
  const lists = await loadReferenceLists(surveysDir);
  const files: EditionFile[] = [];
  const problems: string[] = [];
  const surveyDirs = (await readdir(surveysDir, { withFileTypes: true }))
    .filter((d) => d.isDirectory() && d.name !== 'reference')
    .map((d) => d.name)
    .sort();
  for (const surveyId of surveyDirs) {
    const names = (await readdir(join(surveysDir, surveyId))).filter((f) => f.endsWith('.json')).sort();
    for (const name of names) {
      const path = join(surveysDir, surveyId, name);
      const edition = name.replace(/\.json$/, '');
      if (!SLUG.test(surveyId) || !SLUG.test(edition)) {
        problems.push(`${path}: survey and edition names must be lower-case letters, digits and dashes`);
        continue;
      }
      let raw: unknown;
      try {
        raw = JSON.parse(await readFile(path, 'utf8'));
      } catch (err) {
        problems.push(`${path}: not valid JSON (${(err as Error).message})`);
        continue;
      }
      const checked = prepareOnce(raw, lists);
      if (checked.problems.length > 0) {
        problems.push(...checked.problems.map((p) => `${path}: ${p}`));
        continue;
      }
      files.push({ path, surveyId, edition, title: checked.title, definition: checked.definition, contentHash: checked.contentHash });
    }
  }
  return { files, problems };
}
