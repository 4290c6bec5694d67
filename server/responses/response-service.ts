/**
 * The respondent's path: save progress, submit once (idempotently), delete with the code.
 * Only hashes of resume tokens, deletion codes and idempotency keys are stored, and the deletion
 * code sealed under the idempotency key (deletion-code.ts).
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { tallyKeys, untallyResponse } from '../../analysis/answer-tally.ts';
import type { Database } from '../db/schema.ts';
import { ConflictError, NotFoundError, ValidationError } from '../errors.ts';
import { LinkUnavailableError, resolveLink } from '../links/link-access.ts';
import { OpenLinkCache } from '../links/open-link-cache.ts';
import type { LinkContext } from '../links/link-repository.ts';
import { canonicalJson } from '../surveys/canonical-json.ts';
import { validatorFor, type AnswerValidator } from '../surveys/answer-validator.ts';
import { responseGrouping } from '../surveys/grouping-questions.ts';
import { withdrawJobs } from '../reports/report-job-repository.ts';
import * as responses from './response-repository.ts';
import { insertCompleteSubmission } from './submission-repository.ts';
import { countSubmission } from '../funnel/funnel-counters.ts';
import { newDeletionCode, normaliseCode, openSealedCode, sealCode } from './deletion-code.ts';
import { waveForSubmissionToday } from '../waves/wave-repository.ts';

export const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

export interface SubmitInput {
  answers: unknown;
  locale: string;
  resumeToken?: string | undefined;
  idempotencyKey: string;
}

export interface SubmitResult {
  id: string;
  deletionCode: string;
  replayed: boolean;
}

/** What a retried submission brings to find its stored answer and open its sealed code. */
interface Retry {
  keyHash: string;
  linkId: string;
  idempotencyKey: string;
}

export interface SaveInput {
  answers: unknown;
  locale: string;
  page: number;
  resumeToken?: string | undefined;
}

export class ResponseService {
  private readonly openLinks = new OpenLinkCache();

  constructor(private readonly db: Kysely<Database>) {}

  private validator(ctx: LinkContext): AnswerValidator {
    return validatorFor(ctx.definition);
  }

  private checkLocale(v: AnswerValidator, locale: string): void {
    if (!v.supportsLocale(locale)) throw new ValidationError('The language is not offered by this survey.', { locale: [`"${locale}" is not offered.`] });
  }

  /** Country and authority type, denormalised for grouping: the link's and "not_asked" unless the edition declares the questions. */
  private grouping(v: AnswerValidator, ctx: LinkContext, answers: Record<string, unknown>) {
    return responseGrouping(v.groupings, ctx.country, answers);
  }

  /**
   * Submits through a link token: from a link context this copy saw open lately when it has one
   * (the statement re-checks the link), else, or when the link refused, from a fresh lookup that
   * answers 404 / 410 exactly as before.
   */
  async submitThroughLink(token: string, input: SubmitInput): Promise<SubmitResult> {
    const cached = input.resumeToken ? undefined : this.openLinks.get(token);
    if (cached) {
      try {
        const result = await this.submit(cached, input);
        if (result) return result;
      } catch (err) {
        // Refused answers of a link that may have closed meanwhile: the link's state comes first.
        if (!(err instanceof ValidationError || err instanceof ConflictError)) throw err;
        this.openLinks.forget(token);
        await resolveLink(this.db, token);
        throw err;
      }
      this.openLinks.forget(token);
    }
    const ctx = await resolveLink(this.db, token);
    const result = await this.submit(ctx, input);
    // Open a moment ago by this server's clock, closed by the database's: closed.
    if (!result) throw new LinkUnavailableError(410, 'closed', ctx.language);
    this.openLinks.remember(token, ctx);
    return result;
  }

  /** Validates and stores; null when the link refused the answer as it was stored (closed, disabled). */
  async submit(ctx: LinkContext, input: SubmitInput): Promise<SubmitResult | null> {
    const keyHash = sha256(`${ctx.linkId}:${input.idempotencyKey}`);
    const retry = { keyHash, linkId: ctx.linkId, idempotencyKey: input.idempotencyKey };
    const bodyHash = sha256(canonicalJson({ answers: input.answers, locale: input.locale }));

    // Validation comes first and the key is looked up only when it fails (a key used with other
    // answers is a 409 whatever they are) or when the insert finds it taken: a first submission,
    // by far the most common, costs no lookup. Validation is deterministic, so a retry of a stored
    // submission passes it again and is answered from the key.
    const v = this.validator(ctx);
    let answers: Record<string, unknown>;
    try {
      this.checkLocale(v, input.locale);
      const checked = v.check(input.answers, input.locale, 'complete');
      if (Object.keys(checked.errors).length > 0) throw new ValidationError('Some answers need attention.', checked.errors);
      answers = checked.answers;
    } catch (err) {
      if (err instanceof ValidationError) {
        const replay = await this.replay(retry, bodyHash);
        if (replay) return replay;
      }
      throw err;
    }
    const deletionCode = newDeletionCode();
    const sealedCode = sealCode(deletionCode, ctx.linkId, input.idempotencyKey);
    const fields = { ...this.grouping(v, ctx, answers), language: input.locale, answers };

    if (!input.resumeToken) {
      try {
        const id = await insertCompleteSubmission(this.db, {
          ...fields, editionId: ctx.editionId, campaignId: ctx.campaignId, linkId: ctx.linkId, linkCountry: ctx.country,
          deletionCodeHash: sha256(deletionCode), keyHash, bodyHash, sealedCode,
        });
        return id === null ? null : { id, deletionCode, replayed: false };
      } catch (err) {
        // The key exists: a retry (same answers) or a conflict (other answers).
        return this.replayOnDuplicate(err, retry, bodyHash);
      }
    }

    try {
      const id = await this.db.transaction().execute(async (trx) => {
        let responseId: string | undefined;
        let startedNow = false;
        const waveId = await waveForSubmissionToday(trx, ctx.campaignId, ctx.country);
        if (input.resumeToken) {
          const partial = await responses.findPartialByResumeHash(trx, ctx.linkId, sha256(input.resumeToken));
          if (partial && (await responses.completePartial(trx, partial.id, { ...fields, waveId, deletionCodeHash: sha256(deletionCode) }))) {
            responseId = partial.id;
          }
        }
        if (!responseId) {
          const row = await responses.insertResponse(trx, {
            ...fields,
            editionId: ctx.editionId,
            campaignId: ctx.campaignId,
            linkId: ctx.linkId,
            linkCountry: ctx.country,
            lastPage: 0,
            status: 'complete',
            resumeTokenHash: null,
            deletionCodeHash: sha256(deletionCode),
            waveId,
          });
          responseId = row.id;
          startedNow = true;
        }
        // Same transaction: the response exists if and only if its key does.
        await responses.insertSubmissionKey(trx, keyHash, bodyHash, sealedCode, responseId);
        // Last, so the counter row is locked only until the commit; a replay never gets here.
        await countSubmission(trx, ctx.linkId, { alsoStarted: startedNow });
        return responseId;
      });
      return { id, deletionCode, replayed: false };
    } catch (err) {
      // Two copies of the same submission raced; the loser answers like a retry.
      return this.replayOnDuplicate(err, retry, bodyHash);
    }
  }

  /** A unique violation on the key means an earlier copy was stored: answer as it was answered. */
  private async replayOnDuplicate(err: unknown, retry: Retry, bodyHash: string): Promise<SubmitResult> {
    if ((err as { code?: string }).code === '23505') {
      const again = await this.replay(retry, bodyHash);
      if (again) return again;
    }
    throw err;
  }

  /** The stored answer to an earlier copy of this submission, its code unsealed with the key the retry brings. */
  private async replay(retry: Retry, bodyHash: string): Promise<SubmitResult | undefined> {
    const existing = await responses.findSubmissionKey(this.db, retry.keyHash);
    if (!existing) return undefined;
    if (existing.body_hash !== bodyHash) {
      throw new ConflictError('This Idempotency-Key was already used with different answers.');
    }
    const deletionCode = existing.sealed_code === null ? null : openSealedCode(existing.sealed_code, retry.linkId, retry.idempotencyKey);
    // Submitted before codes were sealed: its code was shown once and nothing here can make it again.
    if (deletionCode === null) throw new ConflictError('This answer was stored earlier; its deletion code was shown then and cannot be shown again.');
    return { id: existing.response_id, deletionCode, replayed: true };
  }

  /** Saves progress; returns the resume token (a new one when the browser had none). */
  async save(ctx: LinkContext, input: SaveInput): Promise<{ resumeToken: string; started: boolean }> {
    const v = this.validator(ctx);
    this.checkLocale(v, input.locale);
    const { answers, errors } = v.check(input.answers, input.locale, 'partial');
    if (Object.keys(errors).length > 0) throw new ValidationError('Some answers need attention.', errors);
    const fields = { ...this.grouping(v, ctx, answers), language: input.locale, answers, lastPage: input.page };
    if (input.resumeToken) {
      // Twice at most: a partial rewritten by the shuffle (response-shuffle.ts) while this save
      // waited for it is found again under the same resume token.
      for (let attempt = 0; attempt < 2; attempt++) {
        const partial = await responses.findPartialByResumeHash(this.db, ctx.linkId, sha256(input.resumeToken));
        if (!partial) break;
        if (await responses.updatePartial(this.db, partial.id, fields)) return { resumeToken: input.resumeToken, started: false };
      }
      throw new NotFoundError('There is no saved answer for this resume token.');
    }
    const resumeToken = randomBytes(24).toString('base64url');
    await responses.insertResponse(this.db, {
      ...fields,
      editionId: ctx.editionId,
      campaignId: ctx.campaignId,
      linkId: ctx.linkId,
      linkCountry: ctx.country,
      status: 'partial',
      resumeTokenHash: sha256(resumeToken),
      deletionCodeHash: null,
    });
    return { resumeToken, started: true };
  }

  async load(ctx: LinkContext, resumeToken: string) {
    const partial = await responses.findPartialByResumeHash(this.db, ctx.linkId, sha256(resumeToken));
    if (!partial) throw new NotFoundError('There is no saved answer for this resume token.');
    return { answers: partial.answers, page: partial.last_page, locale: partial.language };
  }

  async deleteByCode(ctx: LinkContext, code: string): Promise<void> {
    const hash = sha256(normaliseCode(code));
    const deleted = await this.db.transaction().execute(async (trx) => {
      const id = await responses.findIdByCodeHash(trx, ctx.campaignId, hash);
      if (!id) return false;
      // The tallies let go of the response in the same transaction, so no count outlives it.
      await untallyResponse(trx, id, tallyKeys(ctx.definition));
      await withdrawJobs(trx);
      return responses.deleteById(trx, id);
    });
    if (!deleted) throw new NotFoundError('No answer matches this deletion code.');
  }
}
