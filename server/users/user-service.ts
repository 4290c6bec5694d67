/**
 * Staff accounts: creation (admin console or command line), one-time set-password links, sign-in
 * with rate limiting, disable / re-enable. Every change is written to the audit log in the same
 * transaction as the change.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { StaffUser } from '../db/tables/staff.ts';
import { AppError, ConflictError, NotFoundError, ValidationError } from '../errors.ts';
import { recordAudit, type AuditEntry } from '../audit/audit-service.ts';
import { ROLES, type Role, type StaffPrincipal } from '../auth/principal.ts';
import type { SessionService } from '../auth/session-service.ts';
import { SignInThrottle } from '../auth/sign-in-throttle.ts';
import { hashPassword, passwordProblems, verifyPassword } from './password-hashing.ts';
import * as users from './user-repository.ts';

/** How long a set-password link works. */
export const PASSWORD_LINK_HOURS = 72;
const EMAIL = /^[^\s@<>"]{1,64}@[^\s@<>"]{1,190}\.[^\s@<>"]{2,63}$/;
const TOKEN = /^[A-Za-z0-9_-]{43}$/;
const hashToken = (t: string) => createHash('sha256').update(t).digest('hex');
const isUniqueViolation = (err: unknown, constraint: string) => {
  const e = err as { code?: string; constraint?: string; message?: string };
  return e?.code === '23505' && (e.constraint === constraint || Boolean(e.message?.includes(constraint)));
};

/** The one-time set-password link; the token appears only here and in the hash stored. */
export function passwordLink(publicUrl: string, token: string): string {
  return `${publicUrl}/staff/set-password/${token}`;
}

export class TooManyAttemptsError extends AppError {
  constructor(readonly retryAfterSeconds: number) {
    super(429, retryAfterSeconds < 60
      ? `Too many failed sign-ins. Try again in ${retryAfterSeconds} second(s).`
      : `Too many failed sign-ins. Try again in ${Math.ceil(retryAfterSeconds / 60)} minute(s).`);
  }
}

export interface NewUserInput {
  email: string;
  name: string;
  role: string;
  country?: string | null | undefined;
}

export type Actor = AuditEntry['actor'];

export class UserService {
  readonly throttle: SignInThrottle;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly sessions: SessionService,
    /** The countries an IPNC may be bound to (from surveys/reference). */
    private readonly countryCodes: () => readonly string[],
    throttle?: SignInThrottle,
  ) {
    this.throttle = throttle ?? new SignInThrottle();
  }

  /** Checks and normalises a new account; ValidationError lists every problem. */
  private checkNewUser(input: NewUserInput): { email: string; name: string; role: Role; country: string | null } {
    const errors: Record<string, string[]> = {};
    const email = input.email.trim().toLowerCase();
    const name = input.name.trim();
    const country = input.country?.trim().toUpperCase() || null;
    if (!EMAIL.test(email)) errors.email = ['Enter an e-mail address such as name@example.eu.'];
    if (!name || name.length > 200) errors.name = ['Enter a name of 1 to 200 characters.'];
    if (!ROLES.includes(input.role as Role)) errors.role = [`Choose one of: ${ROLES.join(', ')}.`];
    if (input.role === 'ipnc') {
      // A country of the list with a two-letter code: the national pages know no other (not "OTHER").
      if (!country || !/^[A-Z]{2}$/.test(country) || !this.countryCodes().includes(country)) errors.country = ['A national contact needs one country from the list.'];
    } else if (country) {
      errors.country = ['Only a national contact (ipnc) has a country.'];
    }
    if (Object.keys(errors).length > 0) throw new ValidationError('The account is not valid.', errors);
    return { email, name, role: input.role as Role, country: input.role === 'ipnc' ? country : null };
  }

  /**
   * Creates an account. With a password it is usable at once; without one the result carries a
   * one-time set-password token to send to the person.
   */
  async create(actor: Actor, input: NewUserInput, password?: string): Promise<{ user: StaffUser; token: string | null }> {
    const u = this.checkNewUser(input);
    if (password !== undefined) {
      const problems = passwordProblems(password);
      if (problems.length > 0) throw new ValidationError('The password is not acceptable.', { password: problems });
    }
    const passwordHash = password !== undefined ? await hashPassword(password) : null;
    const duplicate = () => new ConflictError(`An account with the e-mail ${u.email} already exists.`);
    try {
      return await this.db.transaction().execute(async (trx) => {
        if (await users.findUserByEmail(trx, u.email)) throw duplicate();
        const user = await users.insertUser(trx, { ...u, passwordHash });
        let token: string | null = null;
        if (!passwordHash) token = await this.issueToken(trx, user.id);
        await recordAudit(trx, {
          actor, action: 'user.create', objectType: 'staff_user', objectId: user.id,
          detail: { email: user.email, name: user.name, role: user.role, country: user.country, passwordSet: Boolean(passwordHash) },
        });
        return { user, token };
      });
    } catch (err) {
      // Two creations of one e-mail at once: the unique index refuses the second.
      if (isUniqueViolation(err, 'staff_user_email_key')) throw duplicate();
      throw err;
    }
  }

  private async issueToken(db: Kysely<Database>, userId: string): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    await users.replacePasswordToken(db, userId, hashToken(token), new Date(Date.now() + PASSWORD_LINK_HOURS * 3_600_000));
    return token;
  }

  async findById(id: string): Promise<StaffUser> {
    const user = await users.findUserById(this.db, id);
    if (!user) throw new NotFoundError('There is no such staff account.');
    return user;
  }

  async findByEmail(email: string): Promise<StaffUser> {
    const user = await users.findUserByEmail(this.db, email.trim().toLowerCase());
    if (!user) throw new NotFoundError(`There is no staff account for ${email}.`);
    return user;
  }

  list(): Promise<StaffUser[]> {
    return users.listUsers(this.db);
  }

  count(): Promise<number> {
    return users.countUsers(this.db);
  }

  /** A new one-time link (the old one stops working); the current password keeps working until it is used. */
  async resetPassword(actor: Actor, userId: string): Promise<string> {
    return this.db.transaction().execute(async (trx) => {
      const user = await users.findUserById(trx, userId);
      if (!user) throw new NotFoundError('There is no such staff account.');
      const token = await this.issueToken(trx, user.id);
      await recordAudit(trx, { actor, action: 'user.reset_password', objectType: 'staff_user', objectId: user.id, detail: { email: user.email } });
      return token;
    });
  }

  /** Sets a password directly (command line, piped on standard input); ends the user's sessions. */
  async setPassword(actor: Actor, userId: string, password: string): Promise<void> {
    const problems = passwordProblems(password);
    if (problems.length > 0) throw new ValidationError('The password is not acceptable.', { password: problems });
    const passwordHash = await hashPassword(password);
    await this.db.transaction().execute(async (trx) => {
      const user = await users.findUserById(trx, userId);
      if (!user) throw new NotFoundError('There is no such staff account.');
      await users.setPasswordHash(trx, userId, passwordHash);
      await users.deletePasswordTokens(trx, userId);
      await recordAudit(trx, { actor, action: 'user.set_password', objectType: 'staff_user', objectId: userId, detail: { email: user.email } });
    });
    await this.sessions.endAllOf(userId);
  }

  /** The account a set-password link belongs to, or null when the link is unknown, used, expired or disabled. */
  async checkToken(token: string): Promise<{ userId: string; email: string; name: string } | null> {
    if (!TOKEN.test(token)) return null;
    const row = await users.findPasswordToken(this.db, hashToken(token));
    if (!row || row.disabled_at || new Date(row.expires_at).getTime() <= Date.now()) return null;
    return { userId: row.user_id, email: row.email, name: row.name };
  }

  /** Uses a one-time link: sets the password, spends the link, ends every session of the account. */
  async setPasswordWithToken(token: string, password: string, confirm: string): Promise<StaffUser> {
    const owner = await this.checkToken(token);
    if (!owner) throw new NotFoundError('This link has expired or was already used. Ask an administrator for a new one.');
    const problems = passwordProblems(password);
    if (password !== confirm) problems.push('the two passwords differ');
    if (problems.length > 0) throw new ValidationError('The password is not acceptable.', { password: problems });
    const passwordHash = await hashPassword(password);
    const user = await this.db.transaction().execute(async (trx) => {
      const still = await users.findPasswordToken(trx, hashToken(token));
      if (!still) throw new NotFoundError('This link has expired or was already used. Ask an administrator for a new one.');
      await users.setPasswordHash(trx, owner.userId, passwordHash);
      await users.deletePasswordTokens(trx, owner.userId);
      const u = (await users.findUserById(trx, owner.userId))!;
      await recordAudit(trx, {
        actor: { userId: u.id, email: u.email, name: u.name, role: u.role, country: u.country },
        action: 'user.set_password', objectType: 'staff_user', objectId: u.id, detail: { via: 'one-time link' },
      });
      return u;
    });
    await this.sessions.endAllOf(user.id);
    return user;
  }

  /**
   * Checks a sign-in. Unknown e-mail, wrong password, no password yet and disabled account all
   * give the same answer (null) in about the same time; the throttle counts every failure, and
   * each wait it starts or lengthens is audited (the client by its pseudonym, never its address).
   */
  async authenticate(emailInput: string, password: string, client: string): Promise<StaffUser | null> {
    const email = emailInput.trim().toLowerCase().slice(0, 320);
    const { waitMs } = this.throttle.check(email, client);
    if (waitMs > 0) throw new TooManyAttemptsError(Math.ceil(waitMs / 1000));
    const user = await users.findUserByEmail(this.db, email);
    const ok = await verifyPassword(user?.password_hash ?? null, password);
    if (!user || !ok || user.disabled_at) {
      for (const event of this.throttle.fail(email, client)) {
        await recordAudit(this.db, {
          actor: 'sign-in throttle', action: 'sign_in.throttle', objectType: 'staff_user', objectId: user?.id,
          detail: { ...event, account: email, client: this.throttle.clientTag(client) },
        });
      }
      return null;
    }
    this.throttle.succeed(email);
    await users.recordSignIn(this.db, user.id, new Date());
    return user;
  }

  /** Disables or re-enables an account; disabling ends every session at once. */
  async setEnabled(actor: StaffPrincipal, userId: string, enabled: boolean): Promise<StaffUser> {
    if (!enabled && actor.userId === userId) throw new ConflictError('You cannot disable your own account.');
    const user = await this.db.transaction().execute(async (trx) => {
      const u = await users.findUserById(trx, userId);
      if (!u) throw new NotFoundError('There is no such staff account.');
      if (Boolean(u.disabled_at) === !enabled) return u;
      await users.setDisabled(trx, userId, enabled ? null : new Date());
      await recordAudit(trx, { actor, action: enabled ? 'user.enable' : 'user.disable', objectType: 'staff_user', objectId: userId, detail: { email: u.email } });
      return u;
    });
    if (!enabled) await this.sessions.endAllOf(userId);
    return user;
  }
}
