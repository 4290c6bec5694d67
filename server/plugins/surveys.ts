/**
 * At start-up: loads the reference lists and syncs the edition files into the database. A refused
 * file stops the start, with a message that names the file and says what to do.
 */
import fp from 'fastify-plugin';
import { syncEditionFiles } from '../surveys/edition-sync.ts';
import { loadReferenceLists, type ReferenceLists } from '../surveys/reference-lists.ts';
import { loadRespondentTexts, type RespondentTexts } from '../surveys/respondent-texts.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** Countries, authority types and other lists from surveys/reference/. */
    reference: { lists: ReferenceLists; countryCodes: string[]; texts: RespondentTexts };
  }
}

export default fp(
  async (fastify) => {
    const lists = await loadReferenceLists(fastify.config.SURVEYS_DIR);
    const texts = await loadRespondentTexts(fastify.config.SURVEYS_DIR);
    const countryCodes = (lists.get('countries') ?? []).map((c) => c.value);
    fastify.decorate('reference', { lists, countryCodes, texts });
    const outcomes = await syncEditionFiles(fastify.db, fastify.config.SURVEYS_DIR);
    for (const o of outcomes.filter((x) => x.change !== 'unchanged')) {
      fastify.log.info({ survey: o.surveyId, edition: o.edition, version: o.version }, `edition ${o.change === 'new' ? 'published' : o.change === 'text-version' ? `texts fixed (text version ${o.textVersion})` : 'updated (no answers yet)'}`);
    }
  },
  { name: 'surveys', dependencies: ['database'] },
);
