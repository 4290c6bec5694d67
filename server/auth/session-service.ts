/**
 * Server-side staff sessions in PostgreSQL, so that every server copy shares them. The browser
 * holds a 256-bit random id; the table holds its SHA-256. A session ends after SESSION_IDLE_MINUTES
 * without a request, SESSION_ABSOLUTE_HOURS after sign-in, at sign-out, and when its user is disabled.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { Role, StaffPrincipal } from './principal.ts';
import * as sessions from './session-repository.ts';

export const hashSessionId = (id: string) => createHash('sha256').update(id).digest('hex');

/** Writing last_seen_at on every request would be a write per page; once a minute is precise enough. */
const TOUCH_AFTER_MS = 60_000;
const SESSION_ID = /^[A-Za-z0-9_-]{43}$/;

export interface SessionTimeouts {
  idleMinutes: number;
  absoluteHours: number;
}

export class SessionService {
  private lastSweep = 0;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly timeouts: SessionTimeouts,
    /** The clock; tests may replace it. */
    public now: () => Date = () => new Date(),
  ) {}

  /** Starts a new session for the user and returns its id (for the cookie only). */
  async start(userId: string): Promise<string> {
    const id = randomBytes(32).toString('base64url');
    await sessions.insertSession(this.db, hashSessionId(id), userId, this.now());
    return id;
  }

  /** The principal of a live session, or null; an expired session is deleted on the way. */
  async resolve(id: string): Promise<StaffPrincipal | null> {
    if (!SESSION_ID.test(id)) return null;
    const idHash = hashSessionId(id);
    const row = await sessions.findActiveSession(this.db, idHash);
    if (!row) return null;
    const now = this.now();
    const idleLimit = now.getTime() - this.timeouts.idleMinutes * 60_000;
    const absoluteLimit = now.getTime() - this.timeouts.absoluteHours * 3_600_000;
    if (row.last_seen_at.getTime() < idleLimit || row.created_at.getTime() < absoluteLimit) {
      await sessions.deleteSession(this.db, idHash);
      return null;
    }
    if (now.getTime() - row.last_seen_at.getTime() > TOUCH_AFTER_MS) await sessions.touchSession(this.db, idHash, now);
    await this.sweep(now);
    return { userId: row.user_id, email: row.email, name: row.name, role: row.role as Role, country: row.country };
  }

  async end(id: string): Promise<void> {
    if (SESSION_ID.test(id)) await sessions.deleteSession(this.db, hashSessionId(id));
  }

  /** Ends every session of a user (disabled, or a new password); returns how many ended. */
  async endAllOf(userId: string): Promise<number> {
    return sessions.deleteSessionsOfUser(this.db, userId);
  }

  /** At most once an hour per process: drop sessions past either timeout. */
  private async sweep(now: Date): Promise<void> {
    if (now.getTime() - this.lastSweep < 3_600_000) return;
    this.lastSweep = now.getTime();
    await sessions.deleteExpiredSessions(
      this.db,
      new Date(now.getTime() - this.timeouts.idleMinutes * 60_000),
      new Date(now.getTime() - this.timeouts.absoluteHours * 3_600_000),
    );
  }
}
