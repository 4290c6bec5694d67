/**
 * Slows down whoever guesses staff passwords, without ever locking an account: failed sign-ins
 * are counted in memory per account (the e-mail as typed, whether or not it exists) and per
 * client, and after a few free mistakes each further attempt must wait twice as long as the last,
 * up to a ceiling. The account's wait holds only clients that have failed themselves: from a
 * client with no recent failure the right password always works, so nobody can keep an owner out
 * by failing on their e-mail.
 *
 * Clients are known by a keyed hash of their address; the key is random per process and never
 * leaves memory, so neither the audit log nor a copy of the database holds an address.
 */
import { createHmac, randomBytes } from 'node:crypto';

export interface ThrottleOptions {
  /** Failures allowed without a wait (mistyped passwords). */
  freePerAccount: number;
  freePerClient: number;
  /** The first wait; each further failure doubles it, up to maxDelayMs. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** Counts are forgotten this long after their last failure. */
  forgetAfterMs: number;
}

export const DEFAULT_THROTTLE: ThrottleOptions = {
  freePerAccount: 5,
  freePerClient: 3,
  baseDelayMs: 1_000,
  maxDelayMs: 15 * 60_000,
  forgetAfterMs: 24 * 60 * 60_000,
};

/** Keeps memory bounded under a flood of invented e-mails or addresses. */
const MAX_KEYS = 50_000;

interface Failures {
  count: number;
  last: number;
  /** Attempts refused since the last failure that was let through (reported with the next event). */
  refused: number;
}

/** A wait that started or grew: what the audit log records. */
export interface ThrottleEvent {
  scope: 'account' | 'client';
  failures: number;
  delaySeconds: number;
  refusedWhileWaiting: number;
}

export interface ThrottleVerdict {
  /** Milliseconds to wait before trying again; 0 when the attempt may go ahead. */
  waitMs: number;
}

export class SignInThrottle {
  private readonly accounts = new Map<string, Failures>();
  private readonly clients = new Map<string, Failures>();
  private readonly key = randomBytes(32);

  constructor(
    private readonly options: ThrottleOptions = DEFAULT_THROTTLE,
    private readonly now: () => number = Date.now,
  ) {}

  /** The client's pseudonym: a keyed hash of its address, meaningful only to this process. */
  clientTag(address: string): string {
    return createHmac('sha256', this.key).update(address).digest('hex').slice(0, 16);
  }

  private delay(count: number, free: number): number {
    if (count <= free) return 0;
    return Math.min(this.options.baseDelayMs * 2 ** Math.min(count - free - 1, 30), this.options.maxDelayMs);
  }

  private current(map: Map<string, Failures>, key: string): Failures | undefined {
    const f = map.get(key);
    if (f && this.now() - f.last > this.options.forgetAfterMs) {
      map.delete(key);
      return undefined;
    }
    return f;
  }

  /** May this attempt go ahead? A refused attempt is counted for the next audit event, not as a failure. */
  check(email: string, address: string): ThrottleVerdict {
    const now = this.now();
    const client = this.current(this.clients, this.clientTag(address));
    const account = this.current(this.accounts, email);
    const clientWait = client ? client.last + this.delay(client.count, this.options.freePerClient) - now : 0;
    // A client that has not been failing is never held by the account's wait.
    const accountWait = client && account ? account.last + this.delay(account.count, this.options.freePerAccount) - now : 0;
    const waitMs = Math.max(0, clientWait, accountWait);
    if (waitMs > 0) {
      if (clientWait >= accountWait && client) client.refused++;
      else if (account) account.refused++;
    }
    return { waitMs };
  }

  /** Counts a failure against the account and the client; returns the waits it started or lengthened. */
  fail(email: string, address: string): ThrottleEvent[] {
    if (this.accounts.size > MAX_KEYS) this.accounts.clear();
    if (this.clients.size > MAX_KEYS) this.clients.clear();
    const events: ThrottleEvent[] = [];
    const bump = (map: Map<string, Failures>, key: string, scope: ThrottleEvent['scope'], free: number) => {
      const f = this.current(map, key) ?? { count: 0, last: 0, refused: 0 };
      f.count++;
      f.last = this.now();
      map.set(key, f);
      const delay = this.delay(f.count, free);
      if (delay > 0) {
        events.push({ scope, failures: f.count, delaySeconds: Math.ceil(delay / 1000), refusedWhileWaiting: f.refused });
        f.refused = 0;
      }
    };
    bump(this.accounts, email, 'account', this.options.freePerAccount);
    bump(this.clients, this.clientTag(address), 'client', this.options.freePerClient);
    return events;
  }

  /** A success clears the account's count, not the client's: one good password does not excuse other guesses. */
  succeed(email: string): void {
    this.accounts.delete(email);
  }
}
