/** Publishes a definition written for a test (through the same checks as an upload) and opens a link to it. */
import type { FastifyInstance } from 'fastify';
import { prepareDefinition } from '../../server/surveys/edition-files.ts';
import { publishEditionVersion } from '../../server/surveys/edition-sync.ts';
import { openLink } from '../helper.ts';

export async function publishAndLink(app: FastifyInstance, surveyId: string, definition: Record<string, unknown>, opts: { country?: string; language?: string } = {}) {
  const prepared = prepareDefinition(definition, app.reference.lists);
  if (prepared.problems.length > 0) throw new Error(`the test definition is refused: ${prepared.problems.join('; ')}`);
  await publishEditionVersion(app.db, { surveyId, edition: '1', title: prepared.title, definition: prepared.definition, contentHash: prepared.contentHash }, 'upload');
  return openLink(app, { surveyId, edition: '1', ...opts });
}
