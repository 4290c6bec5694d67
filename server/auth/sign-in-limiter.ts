/**
 * Failed sign-ins counted in memory per account (the e-mail as typed, whether or not it exists)
 * and per client address, over a sliding window. Past either limit every attempt is refused with
 * the same answer, so the limiter itself does not tell whether an account exists.
 */
export interface LimiterOptions {
  perAccount: number;
  perClient: number;
  windowMs: number;
}

export const DEFAULT_LIMITS: LimiterOptions = { perAccount: 5, perClient: 20, windowMs: 15 * 60_000 };
/** Keeps memory bounded under a flood of invented e-mails. */
const MAX_KEYS = 50_000;

export class SignInLimiter {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly options: LimiterOptions = DEFAULT_LIMITS,
    private readonly now: () => number = Date.now,
  ) {}

  private recent(key: string): number[] {
    const since = this.now() - this.options.windowMs;
    const list = (this.failures.get(key) ?? []).filter((t) => t > since);
    if (list.length === 0) this.failures.delete(key);
    else this.failures.set(key, list);
    return list;
  }

  /** Milliseconds until another attempt is allowed; 0 when allowed now. */
  retryAfter(email: string, client: string): number {
    const checks: [string, number][] = [[`a:${email}`, this.options.perAccount], [`c:${client}`, this.options.perClient]];
    let wait = 0;
    for (const [key, limit] of checks) {
      const list = this.recent(key);
      if (list.length >= limit) wait = Math.max(wait, list[list.length - limit]! + this.options.windowMs - this.now());
    }
    return wait;
  }

  fail(email: string, client: string): void {
    if (this.failures.size > MAX_KEYS) this.failures.clear();
    for (const key of [`a:${email}`, `c:${client}`]) this.failures.set(key, [...this.recent(key), this.now()]);
  }

  /** A success clears the account's count (not the client's: one good password does not excuse others). */
  succeed(email: string): void {
    this.failures.delete(`a:${email}`);
  }
}
