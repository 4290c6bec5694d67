/**
 * Syncs the edition files into the database by content hash. A new or changed file without answers
 * becomes a new version. Once an edition has answers its structure never changes: a change that
 * touches only texts (any language) becomes a new text version of the same edition, which the
 * answers keep pointing at; any other change is refused.
 */
import type { Kysely } from 'kysely';
import { recordAudit, type Actor } from '../audit/audit-service.ts';
import type { Database } from '../db/schema.ts';
import * as editions from './edition-repository.ts';
import { readEditionFiles, type EditionFile } from './edition-files.ts';
import { compareDefinitions } from '../translations/text-change.ts';
import { isEarlierTextVersion, replaceTexts } from '../translations/text-version-repository.ts';

export class EditionSyncError extends Error {
  constructor(readonly problems: string[]) {
    super(`The survey editions cannot be synced:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

export interface SyncOutcome {
  surveyId: string;
  edition: string;
  version: number;
  editionId: string;
  change: 'unchanged' | 'new' | 'new-version' | 'text-version';
  /** For a text version: its number and the strings that changed. */
  textVersion?: number;
  changedStrings?: number;
}

type PublishResult = { outcome: SyncOutcome } | { refused: string };

/** Publishes a checked definition as the next version of an edition, unless it already has answers. */
export async function publishEditionVersion(
  db: Kysely<Database>,
  file: Omit<EditionFile, 'path'> & { path?: string },
  source: 'file' | 'upload',
  /** Audits a new version in the same transaction (file syncs; an upload is audited by its console). */
  actor?: Actor,
): Promise<PublishResult> {
  return db.transaction().execute(async (trx) => {
    await editions.lockEditionPublishing(trx);
    await editions.ensureSurvey(trx, file.surveyId);
    const latest = await editions.findLatestVersion(trx, file.surveyId, file.edition);
    const base = { surveyId: file.surveyId, edition: file.edition };
    if (latest && latest.content_hash === file.contentHash) {
      return { outcome: { ...base, version: latest.version, editionId: latest.id, change: 'unchanged' as const } };
    }
    if (latest) {
      const answered = await editions.countResponsesOfEdition(trx, file.surveyId, file.edition);
      if (answered > 0) {
        const where = file.path ?? `edition ${file.surveyId}/${file.edition}`;
        // A file holding texts the edition had before an import is older than the database, not a change.
        if (await isEarlierTextVersion(trx, latest.id, file.contentHash)) {
          return { outcome: { ...base, version: latest.version, editionId: latest.id, change: 'unchanged' as const } };
        }
        const compared = compareDefinitions(latest.definition, file.definition);
        if (compared.textOnly) {
          const textVersion = await replaceTexts(trx, latest, {
            definition: file.definition, contentHash: file.contentHash, title: file.title, changes: compared.changes, source,
          });
          return { outcome: { ...base, version: latest.version, editionId: latest.id, change: 'text-version' as const, textVersion, changedStrings: compared.changes.length } };
        }
        return {
          refused:
            `${where} differs from edition ${file.surveyId}/${file.edition} (version ${latest.version}), which already has ` +
            `${answered} response(s), in more than its texts (${compared.difference}). Only texts of an edition with answers ` +
            `may change; publish the change as a new edition (a new file, e.g. surveys/${file.surveyId}/${file.edition}-2.json) and restore this one.`,
        };
      }
    }
    const created = await editions.insertEdition(trx, {
      surveyId: file.surveyId,
      edition: file.edition,
      version: (latest?.version ?? 0) + 1,
      contentHash: file.contentHash,
      title: file.title,
      definition: file.definition,
      source,
    });
    if (latest) await editions.moveCampaignsToVersion(trx, file.surveyId, file.edition, created.id);
    if (actor) {
      await recordAudit(trx, {
        actor, action: 'edition.sync', objectType: 'edition', objectId: created.id,
        detail: { survey: file.surveyId, edition: file.edition, version: created.version, title: file.title, file: file.path ?? '', contentHash: file.contentHash },
      });
    }
    return { outcome: { ...base, version: created.version, editionId: created.id, change: latest ? ('new-version' as const) : ('new' as const) } };
  });
}

/** Publishes every new or changed file; the server at start or the command line is the audited actor. */
export async function syncEditionFiles(db: Kysely<Database>, surveysDir: string, actor: Actor = 'server'): Promise<SyncOutcome[]> {
  const { files, problems } = await readEditionFiles(surveysDir);
  if (problems.length > 0) throw new EditionSyncError(problems);
  const outcomes: SyncOutcome[] = [];
  const refusals: string[] = [];
  for (const file of files) {
    const result = await publishEditionVersion(db, file, 'file', actor);
    if ('refused' in result) refusals.push(result.refused);
    else outcomes.push(result.outcome);
  }
  if (refusals.length > 0) throw new EditionSyncError(refusals);
  return outcomes;
}
