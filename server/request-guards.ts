/**
 * Checks on every parsed body before any route sees it: PostgreSQL refuses NUL characters in text,
 * and very deep nesting is never a real answer, so both are refused with a 400 up front.
 */
import { BadRequestError } from './errors.ts';

const MAX_DEPTH = 32;

export function inspectBody(value: unknown, depth = 0): void {
  if (depth > MAX_DEPTH) throw new BadRequestError('The request body is nested too deeply.');
  if (typeof value === 'string') {
    if (value.includes('\u0000')) throw new BadRequestError('The request body contains a NUL character.');
    return;
  }
  if (Array.isArray(value)) {
    for (const v of value) inspectBody(v, depth + 1);
    return;
  }
  if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k.includes('\u0000')) throw new BadRequestError('The request body contains a NUL character.');
      inspectBody(v, depth + 1);
    }
  }
}

/** Errors from node-postgres / PGlite that mean the database is away rather than the query wrong. */
export function isDatabaseUnavailable(err: unknown): boolean {
  const e = err as { code?: string; message?: string } | null;
  if (!e) return false;
  const code = e.code ?? '';
  if (['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ENOTFOUND', '57P01', '57P02', '57P03', '08000', '08003', '08006', '08001', '08004'].includes(code)) return true;
  return /Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error|the database system is (starting up|shutting down)/i.test(e.message ?? '');
}
