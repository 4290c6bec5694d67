/**
 * The anonymised CSV export (GET /api/exports/responses) of the server run as a child process:
 * an analyst signs in through the real form, the file is read as a stream and its lines counted;
 * rows per second, and the server's peak resident memory (VmHWM) before and after.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import type { ServerProcess } from './server-process.ts';

export interface ExportResult {
  responses: number;
  rows: number;
  seconds: number;
  rowsPerSecond: number;
  megabytes: number;
  rssBeforeMb: number;
  peakRssMb: number;
}

/** Creates an analyst with the CLI (password on standard input); returns e-mail and password. */
export function createAnalyst(databaseUrl: string): { email: string; password: string } {
  const email = `bench-${randomBytes(4).toString('hex')}@example.eu`;
  const password = randomBytes(18).toString('base64url');
  const res = spawnSync(process.execPath, ['--import', 'tsx', 'server/cli.ts', 'users:create', '--role', 'analyst', '--email', email, '--name', 'Benchmark analyst'], {
    env: { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn' },
    input: password,
    encoding: 'utf8',
  });
  if (res.status !== 0) throw new Error(`users:create failed: ${res.stderr}${res.stdout}`);
  return { email, password };
}

const cookiesOf = (res: Response) => res.headers.getSetCookie().map((c) => c.split(';')[0]!);

/** Signs in through the sign-in form and returns the Cookie header of the session. */
export async function signIn(baseUrl: string, email: string, password: string): Promise<string> {
  const page = await fetch(`${baseUrl}/staff/sign-in`, { headers: { accept: 'text/html' } });
  const csrf = (await page.text()).match(/name="_csrf" value="([^"]+)"/)?.[1];
  if (!csrf) throw new Error('no CSRF field on the sign-in page');
  const res = await fetch(`${baseUrl}/staff/sign-in`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookiesOf(page).join('; ') },
    body: new URLSearchParams({ email, password, _csrf: csrf }).toString(),
  });
  if (res.status !== 303) throw new Error(`sign-in answered ${res.status}`);
  return cookiesOf(res).join('; ');
}

export async function measureExport(server: ServerProcess, cookie: string, editionId: string, responses: number): Promise<ExportResult> {
  const rssBeforeMb = server.rssMb();
  const t0 = performance.now();
  const res = await fetch(`${server.url}/api/exports/responses?edition=${editionId}&format=csv`, { headers: { cookie } });
  if (res.status !== 200 || !res.body) throw new Error(`export answered ${res.status}: ${(await res.text()).slice(0, 300)}`);
  let lines = 0;
  let bytes = 0;
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    bytes += chunk.length;
    for (const b of chunk) if (b === 10) lines++;
  }
  const seconds = (performance.now() - t0) / 1000;
  // The header line is not a row; a quoted free text may hold line breaks, so this is a floor.
  const rows = lines - 1;
  return { responses, rows, seconds, rowsPerSecond: rows / seconds, megabytes: bytes / 1e6, rssBeforeMb, peakRssMb: server.peakRssMb() };
}
