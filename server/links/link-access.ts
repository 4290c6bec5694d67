/**
 * Resolves a link token for the respondent routes. An unknown, malformed or disabled token gets the
 * same 404 whether or not it ever existed; a campaign not yet open is a 404 with its own words,
 * a closed one a 410.
 */
import type { Kysely } from 'kysely';
import { campaignState } from '../campaigns/campaign-window.ts';
import type { Database } from '../db/schema.ts';
import { AppError } from '../errors.ts';
import { TOKEN_PATTERN } from './link-options.ts';
import { findLinkContext, type LinkContext } from './link-repository.ts';

export class LinkUnavailableError extends AppError {
  constructor(
    statusCode: 404 | 410,
    readonly reason: 'unknown' | 'not-open' | 'closed',
    readonly language?: string,
  ) {
    super(statusCode, reason === 'closed' ? 'This survey is closed.' : reason === 'not-open' ? 'This survey is not open yet.' : 'This link does not lead to a survey.');
  }
}

export async function resolveLink(db: Kysely<Database>, token: string, opts: { allowClosed?: boolean } = {}): Promise<LinkContext> {
  if (!TOKEN_PATTERN.test(token)) throw new LinkUnavailableError(404, 'unknown');
  const ctx = await findLinkContext(db, token);
  if (!ctx || ctx.disabled_at) throw new LinkUnavailableError(404, 'unknown');
  const state = campaignState(ctx);
  if (state === 'not-open') throw new LinkUnavailableError(404, 'not-open', ctx.language);
  if (state === 'closed' && !opts.allowClosed) throw new LinkUnavailableError(410, 'closed', ctx.language);
  return ctx;
}
