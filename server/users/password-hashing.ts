/**
 * Passwords: argon2id through @node-rs/argon2 with its defaults (19 MiB, 2 passes, 1 lane: the
 * OWASP baseline). A fixed dummy hash is verified when no account matches, so that the time of a
 * failed sign-in does not tell whether the e-mail exists.
 */
import { Algorithm, hash, verify } from '@node-rs/argon2';

export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 256;

export function hashPassword(password: string): Promise<string> {
  return hash(password, { algorithm: Algorithm.Argon2id });
}

let dummyHash: Promise<string> | undefined;

/** True when the password matches; a null hash (no account, no password yet) never matches. */
export async function verifyPassword(passwordHash: string | null, password: string): Promise<boolean> {
  // Made on the first sign-in of any kind, so that the first unknown e-mail is not slower than the rest.
  dummyHash ??= hashPassword('not-a-password-of-anyone');
  if (!passwordHash) {
    await verify(await dummyHash, password).catch(() => false);
    return false;
  }
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** Problems with a new password, for the form or the command line; empty when it is acceptable. */
export function passwordProblems(password: string): string[] {
  const problems: string[] = [];
  if ([...password].length < MIN_PASSWORD_LENGTH) problems.push(`must be at least ${MIN_PASSWORD_LENGTH} characters long`);
  if (password.length > MAX_PASSWORD_LENGTH) problems.push(`must be at most ${MAX_PASSWORD_LENGTH} characters long`);
  if (password.trim() === '') problems.push('must not be blank');
  return problems;
}
