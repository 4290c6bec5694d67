/**
 * The query string of every export and dashboard endpoint, for validation and the OpenAPI
 * document. The filters themselves are read by analysis/filter-query.ts (which refuses unknown
 * parameters); `q.<question>` parameters filter a choice question's answer.
 */
import { z } from 'zod';

const oneOrMany = z.union([z.string(), z.array(z.string())]);

export const filterQueryShape = {
  edition: z.string().optional().describe('Edition id (uuid): the results of this edition.'),
  campaign: z.string().optional().describe('Campaign id (uuid): the results of this campaign only.'),
  country: oneOrMany.optional().describe('Country answered (repeat for several).'),
  link_country: oneOrMany.optional().describe('Country of the link the response came through.'),
  authority_type: oneOrMany.optional().describe('Authority type code, e.g. police.'),
  channel: oneOrMany.optional().describe('Link channel, e.g. ipnc_email.'),
  language: oneOrMany.optional().describe('Language the response was given in.'),
  status: z.enum(['complete', 'all']).optional().describe('complete (default) or all, partial responses included.'),
};

/** Filters plus the route's own parameters; `q.<question>=<value>` parameters pass through. */
export function filterQuery<T extends z.ZodRawShape>(own: T) {
  return z.object({ ...filterQueryShape, ...own }).catchall(oneOrMany);
}
