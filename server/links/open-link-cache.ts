/**
 * Link contexts seen open lately, by token, so that a submission costs one database round trip
 * instead of two. Safe because nothing is decided from it alone: the submission statement checks
 * again that the link is enabled and its campaign open and on the same edition, and a refusal
 * there sends the request down the full lookup (submission-repository.ts). Per server copy, in
 * memory, a minute at most.
 */
import type { LinkContext } from './link-repository.ts';

const TTL_MS = 60_000;
const MAX_ENTRIES = 10_000;

export class OpenLinkCache {
  private readonly entries = new Map<string, { ctx: LinkContext; at: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  get(token: string): LinkContext | undefined {
    const hit = this.entries.get(token);
    if (!hit) return undefined;
    if (this.now() - hit.at >= TTL_MS) {
      this.entries.delete(token);
      return undefined;
    }
    return hit.ctx;
  }

  remember(token: string, ctx: LinkContext): void {
    this.entries.delete(token);
    this.entries.set(token, { ctx, at: this.now() });
    // Oldest first: a Map keeps insertion order.
    if (this.entries.size > MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value as string);
  }

  forget(token: string): void {
    this.entries.delete(token);
  }
}
