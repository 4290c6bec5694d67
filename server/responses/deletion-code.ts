/**
 * Deletion codes: random, never derived from anything the database holds. The database keeps
 * the code's SHA-256 (to find the response) and the code sealed under a key derived from the
 * submission's idempotency key, which only the respondent's browser knows (the database keeps a
 * hash of it): a retried submission opens the seal and gets the same code back, a copy of the
 * database cannot.
 */
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';

/** Crockford base32 without I, L, O, U: readable aloud and hard to mistype. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** 13 random bytes give the code's 100 bits (20 characters of 5 bits). */
const CODE_BYTES = 13;

/** XXXX-XXXX-XXXX-XXXX-XXXX from the first 100 bits of `bytes`. */
function formatCode(bytes: Buffer): string {
  let bits = 0n;
  for (const b of bytes.subarray(0, CODE_BYTES)) bits = (bits << 8n) | BigInt(b);
  let out = '';
  for (let i = 0; i < 20; i++) {
    out += ALPHABET[Number(bits & 31n)];
    bits >>= 5n;
  }
  return out.match(/.{4}/g)!.join('-');
}

/** A fresh code: 100 bits from the system's random source. */
export function newDeletionCode(): string {
  return formatCode(randomBytes(CODE_BYTES));
}

/** Accepts the code as typed: lower case, spaces, O for 0, I or L for 1. */
export function normaliseCode(code: string): string {
  const clean = code.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  return clean.match(/.{1,4}/g)?.join('-') ?? '';
}

/**
 * The sealing key: an HMAC keyed by the idempotency key, over a label and the link, so it differs
 * from the stored key hash (a plain SHA-256 of link and key) and cannot be computed from it.
 */
function sealKey(linkId: string, idempotencyKey: string): Buffer {
  return createHmac('sha256', idempotencyKey).update(`deletion-code-seal:${linkId}`).digest();
}

/** AES-256-GCM: base64url of nonce (12 bytes), tag (16) and the sealed code. */
export function sealCode(code: string, linkId: string, idempotencyKey: string): string {
  const nonce = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', sealKey(linkId, idempotencyKey), nonce);
  const sealed = Buffer.concat([cipher.update(code, 'utf8'), cipher.final()]);
  return Buffer.concat([nonce, cipher.getAuthTag(), sealed]).toString('base64url');
}

/** The code sealed with the same link and idempotency key; null when it does not open. */
export function openSealedCode(sealed: string, linkId: string, idempotencyKey: string): string | null {
  try {
    const raw = Buffer.from(sealed, 'base64url');
    const decipher = createDecipheriv('aes-256-gcm', sealKey(linkId, idempotencyKey), raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}
