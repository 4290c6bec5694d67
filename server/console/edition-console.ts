/**
 * Publishing an edition from the admin console: the same checks as the files in surveys/
 * (prepareDefinition) and the same immutability (publishEditionVersion refuses to change an
 * edition with answers). An edition that has a file in surveys/ is changed through that file
 * only: an upload would be undone by the file at the next start.
 */
import { access } from 'node:fs/promises';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { ConflictError, NotFoundError, ValidationError } from '../errors.ts';
import { recordAudit } from '../audit/audit-service.ts';
import type { StaffPrincipal } from '../auth/principal.ts';
import { prepareDefinition } from '../surveys/edition-files.ts';
import * as editions from '../surveys/edition-repository.ts';
import { publishEditionVersion, type SyncOutcome } from '../surveys/edition-sync.ts';
import type { ReferenceLists } from '../surveys/reference-lists.ts';
import { listEditionVersions } from './console-repository.ts';

const SLUG = /^[a-z0-9][a-z0-9-]{0,62}$/;

export interface UploadInput {
  surveyId: string;
  edition: string;
  definitionJson: string;
}

async function fileExists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}

export async function publishUpload(
  db: Kysely<Database>,
  ctx: { lists: ReferenceLists; surveysDir: string },
  actor: StaffPrincipal,
  input: UploadInput,
): Promise<SyncOutcome> {
  const errors: Record<string, string[]> = {};
  const surveyId = input.surveyId.trim();
  const edition = input.edition.trim();
  if (!SLUG.test(surveyId)) errors.surveyId = ['Use lower-case letters, digits and dashes, e.g. jpp-experience.'];
  if (!SLUG.test(edition)) errors.edition = ['Use lower-case letters, digits and dashes, e.g. 2026.'];
  let raw: unknown;
  try {
    raw = JSON.parse(input.definitionJson);
  } catch (err) {
    errors.definition = [`This is not valid JSON: ${(err as Error).message}`];
  }
  if (Object.keys(errors).length > 0) throw new ValidationError('The edition cannot be published.', errors);
  const prepared = prepareDefinition(raw, ctx.lists);
  if (prepared.problems.length > 0) throw new ValidationError('The definition does not pass the checks.', { definition: prepared.problems });

  const latest = await editions.findLatestVersion(db, surveyId, edition);
  const changed = !latest || latest.content_hash !== prepared.contentHash;
  if (changed && latest && (await fileExists(join(ctx.surveysDir, surveyId, `${edition}.json`)))) {
    const answered = await editions.countResponsesOfEdition(db, surveyId, edition);
    if (answered === 0) {
      throw new ConflictError(
        `Edition ${surveyId}/${edition} comes from the file surveys/${surveyId}/${edition}.json, which would replace an upload ` +
        'at the next start. Change that file, or upload under a new edition name.',
      );
    }
  }
  const result = await publishEditionVersion(db, { surveyId, edition, title: prepared.title, definition: prepared.definition, contentHash: prepared.contentHash }, 'upload');
  if ('refused' in result) throw new ConflictError(result.refused);
  if (result.outcome.change !== 'unchanged') {
    await recordAudit(db, {
      actor, action: 'edition.publish', objectType: 'edition', objectId: result.outcome.editionId,
      detail: { survey: surveyId, edition, version: result.outcome.version, contentHash: prepared.contentHash, title: prepared.title, change: result.outcome.change },
    });
  }
  return result.outcome;
}

/** One edition version with its siblings, for the detail page. */
export async function editionDetail(db: Kysely<Database>, editionId: string) {
  const edition = await editions.findEditionById(db, editionId);
  if (!edition) throw new NotFoundError('There is no such edition.');
  const versions = await listEditionVersions(db, edition.survey_id, edition.edition);
  return { edition, versions };
}
