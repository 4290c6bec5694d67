/**
 * The command line while the server runs, with real processes as a user runs them: `npm start` as a
 * child server and `npm run cli -- …` as child commands on the same database. On the embedded
 * database the commands run inside the server (its control socket), so what they write is in the
 * server's database at once and stays there through a graceful restart and a SIGKILL; a second
 * server on the folder is refused. On PostgreSQL (TEST_DATABASE_URL) the same story holds with the
 * command line opening the database itself.
 */
import t from 'tap';
import { spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AnswerValidator } from '../../server/surveys/answer-validator.ts';
import { readEditionFiles } from '../../server/surveys/edition-files.ts';
import { generateAnswers } from '../support/answer-generator.ts';
import { createTestDatabase, usingRealPostgres } from '../support/test-database.ts';
import { startChildServer, testPort, type ChildServer } from '../scale/child-server.ts';
import { runCliChild } from './cli-child.ts';

t.setTimeout(900_000);
// The first start runs initdb and every migration; on a busy machine that is well over a minute.
const START_MS = 240_000;

const embedded = !usingRealPostgres();
const port = testPort(31);
let folder = '';
let dbEnv: Record<string, string>;
if (embedded) {
  folder = mkdtempSync(join(tmpdir(), 'jpp-cli-'));
  t.teardown(() => rmSync(folder, { recursive: true, force: true }));
  dbEnv = { DATA_DIR: folder, DATABASE_URL: '' };
} else {
  const database = await createTestDatabase();
  t.teardown(() => database.drop());
  dbEnv = { DATABASE_URL: database.url! };
}
const serverEnv = { ...dbEnv, SUBMIT_RATE_PER_MINUTE: '1000000' };
// On the embedded database the command runs inside the server: a port of its own must not leak into
// the links it prints. On PostgreSQL the command line shares the server's environment, as a user's would.
const cliEnv = { ...dbEnv, PORT: embedded ? '1' : String(port) };
const cli = (args: string[], stdin = '') => runCliChild(args, cliEnv, stdin);
const lockPath = () => join(folder, 'owner.lock');
const lockPid = () => (JSON.parse(readFileSync(lockPath(), 'utf8')) as { pid: number }).pid;

const cookiesOf = (res: Response) => res.headers.getSetCookie().map((c) => c.split(';')[0]!);
const csrfOf = (html: string) => html.match(/name="_csrf" value="([^"]+)"/)?.[1];

async function signIn(url: string, email: string, password: string): Promise<number> {
  const form = await fetch(`${url}/staff/sign-in`, { headers: { accept: 'text/html' } });
  const res = await fetch(`${url}/staff/sign-in`, {
    method: 'POST', redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookiesOf(form).join('; ') },
    body: new URLSearchParams({ email, password, _csrf: csrfOf(await form.text()) ?? '' }).toString(),
  });
  return res.status;
}

// Answers the 2022 edition accepts, from the same files the server publishes.
const edition = (await readEditionFiles('surveys')).files.find((f) => f.surveyId === 'jpp-experience' && f.edition === '2022')!;
const validator = new AnswerValidator(edition.definition);
const bodies: string[] = [];
for (let seed = 1; bodies.length < 12 && seed < 200; seed++) {
  const answers = generateAnswers(edition.definition, seed);
  if (Object.keys(validator.check(answers, 'fr', 'complete').errors).length === 0) bodies.push(JSON.stringify({ answers, locale: 'fr' }));
}

/** Every acknowledged submission: key -> body and the response id the server answered. */
const acknowledged = new Map<string, { body: string; id: string }>();
const run = randomBytes(4).toString('hex');
let keyCounter = 0;
let killed = false;
const refusals: string[] = [];

/** Submits until keepGoing() says no; returns the statuses seen. Connection errors (a killed server) end the loop. */
async function submitWhile(server: ChildServer, linkUrl: string, keepGoing: (sent: number) => boolean): Promise<number[]> {
  const statuses: number[] = [];
  while (keepGoing(statuses.length)) {
    const key = `cli-${run}-${String(keyCounter++).padStart(6, "0")}`;
    const body = bodies[keyCounter % bodies.length]!;
    let res: Response;
    try {
      res = await fetch(`${linkUrl}/responses`, { method: 'POST', headers: { 'content-type': 'application/json', 'idempotency-key': key }, body });
    } catch {
      if (killed || !server.alive()) break;
      throw new Error('a submission failed while the server ran');
    }
    statuses.push(res.status);
    if (res.status === 201) acknowledged.set(key, { body, id: ((await res.json()) as { id: string }).id });
    else refusals.push(`${res.status} ${(await res.text()).slice(0, 300)}`);
  }
  return statuses;
}

const admin = { email: `admin-${run}@example.eu`, password: `pass-${randomBytes(12).toString('base64url')}` };
let linkUrl = '';
let campaignId = '';

let server = await startChildServer(serverEnv, port, START_MS);
t.teardown(() => server.stop());

t.test('a user created from the command line signs in on the running server at once', async (t) => {
  const created = await cli(['users:create', '--role', 'admin', '--email', admin.email, '--name', 'CLI Admin'], `${admin.password}\n`);
  t.equal(created.code, 0, `users:create: ${created.stderr}`);
  t.equal(created.lines.at(-1), `Sign in at http://127.0.0.1:${port}/staff/sign-in`, 'the printed address is the server’s');
  t.equal(await signIn(server.url, admin.email, admin.password), 303, 'signed in on the running server');

  const invited = await cli(['users:create', '--role', 'analyst', '--email', `analyst-${run}@example.eu`, '--name', 'Invited']);
  t.equal(invited.code, 0, invited.stderr);
  const link = new URL(invited.lines.at(-1)!);
  t.equal(link.port, String(port), 'the set-password link carries the server’s port');
  const page = await fetch(link, { headers: { accept: 'text/html' } });
  t.equal(page.status, 200, 'the running server knows the one-time link');
  t.notMatch(await page.text(), /no longer works|expired or was already used/);
});

t.test('links printed by the command line point at the running server', async (t) => {
  const campaign = await cli(['campaigns:create', '--survey', 'jpp-experience', '--edition', '2022', '--name', 'From the command line',
    '--opens', new Date(Date.now() - 86_400_000).toISOString(), '--closes', new Date(Date.now() + 86_400_000).toISOString()]);
  t.equal(campaign.code, 0, campaign.stderr);
  campaignId = campaign.lines.at(-1)!;
  const link = await cli(['links:create', '--campaign', campaignId, '--country', 'FR', '--channel', 'ipnc_email', '--language', 'fr']);
  t.equal(link.code, 0, link.stderr);
  linkUrl = link.lines.at(-1)!;
  t.equal(new URL(linkUrl).port, String(port), 'the respondent link carries the server’s port');
  t.equal((await fetch(linkUrl, { headers: { accept: 'text/html' } })).status, 200, 'and opens the survey');
});

t.test('command errors print one clear line and exit non-zero', async (t) => {
  const [duplicate, noCampaign, badOption, unknown] = await Promise.all([
    cli(['users:create', '--role', 'admin', '--email', admin.email, '--name', 'Again']),
    cli(['links:create', '--campaign', randomUUID(), '--country', 'FR', '--channel', 'ipnc_email', '--language', 'fr']),
    cli(['links:list', '--colour', 'blue']),
    cli(['users:frobnicate']),
  ]);
  for (const [name, r, pattern] of [
    ['duplicate e-mail', duplicate, /^An account with the e-mail admin-.* already exists\.$/],
    ['unknown campaign', noCampaign, /^There is no such campaign\.$/],
    ['bad option', badOption, /^Unknown option '--colour'\. Usage: links:list/],
    ['unknown command', unknown, /^Unknown command "users:frobnicate"\. The commands are: .*users:create/],
  ] as const) {
    t.not(r.code, 0, `${name}: exits non-zero`);
    t.equal(r.stderr.trim().split('\n').length, 1, `${name}: one line`);
    t.match(r.stderr.trim(), pattern, `${name}: says what is wrong`);
    t.notMatch(r.stderr, /\n\s+at /, `${name}: no stack trace`);
  }
});

t.test('a graceful stop and start keeps what the command line wrote', async (t) => {
  await server.stop();
  if (embedded) t.notOk(existsSync(lockPath()), 'a graceful stop gives the folder back');
  server = await startChildServer(serverEnv, port, START_MS);
  t.equal(await signIn(server.url, admin.email, admin.password), 303, 'the account still signs in');
  t.equal((await fetch(linkUrl, { headers: { accept: 'text/html' } })).status, 200, 'the link still works');
});

t.test('responses submitted while a command runs are kept', async (t) => {
  let commandDone = false;
  const demo = cli(['demo:responses', '--edition', '2022', '--count', '40', '--campaign', campaignId]).finally(() => (commandDone = true));
  const statuses = await submitWhile(server, linkUrl, (sent) => (!commandDone || sent < 10) && sent < 40);
  const result = await demo;
  t.equal(result.code, 0, result.stderr);
  t.match(result.lines.at(-1), /^\d+ demo responses stored in campaign /);
  t.ok(statuses.length >= 10, `${statuses.length} submissions while the command ran`);
  t.ok(statuses.every((s) => s === 201), 'every one answered 201');
  t.same(refusals.slice(0, 3), [], 'no refusal');
});

t.test('SIGKILL at any moment, then a restart: every acknowledged write is there', async (t) => {
  const before = acknowledged.size;
  const killer = (async () => {
    while (acknowledged.size < before + 15) await new Promise((r) => setTimeout(r, 5));
    killed = true;
    server.child.kill('SIGKILL');
  })();
  await Promise.all([killer, ...Array.from({ length: 4 }, () => submitWhile(server, linkUrl, () => server.alive()))]);
  await new Promise((r) => (server.child.exitCode !== null || server.child.signalCode !== null ? r(null) : server.child.once('exit', r)));
  if (embedded) t.ok(existsSync(lockPath()), 'the killed server left its lock behind');

  server = await startChildServer(serverEnv, port, START_MS);
  if (embedded) t.equal(lockPid(), server.child.pid, 'the stale lock was taken over, no manual step');
  let kept = 0;
  const entries = [...acknowledged];
  for (let i = 0; i < entries.length; i += 8) {
    await Promise.all(entries.slice(i, i + 8).map(async ([key, { body, id }]) => {
      const res = await fetch(`${linkUrl}/responses`, { method: 'POST', headers: { 'content-type': 'application/json', 'idempotency-key': key }, body });
      if (res.status === 201 && ((await res.json()) as { id: string }).id === id) kept++;
    }));
  }
  t.equal(kept, acknowledged.size, `all ${acknowledged.size} acknowledged responses are stored (a replay answers with the same response)`);
  t.equal(await signIn(server.url, admin.email, admin.password), 303, 'the account created from the command line still signs in');
});

t.test('a second server on the same folder is refused; the first keeps serving', { skip: !embedded && 'PostgreSQL takes many servers' }, async (t) => {
  const started = Date.now();
  const second = spawn(process.execPath, ['--import', 'tsx', 'server/server.ts'], {
    cwd: new URL('../..', import.meta.url).pathname,
    env: { ...process.env, ...serverEnv, HOST: '127.0.0.1', PORT: String(testPort(32)), SEED_DEMO: 'false', LOG_LEVEL: 'warn', NODE_ENV: 'test' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  second.stdout.on('data', (d: Buffer) => (output += d.toString()));
  second.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const code = await new Promise<number | null>((r) => second.on('close', r));
  t.not(code, 0, 'it exits non-zero');
  t.equal(output.trim().split('\n').length, 1, `one line: ${output}`);
  t.match(output, new RegExp(`in use by a running server \\(pid ${server.child.pid} on .*http://127\\.0\\.0\\.1:${port}.*kill ${server.child.pid}.*DATA_DIR`));
  t.comment(`refused in ${Date.now() - started} ms`);
  t.equal((await fetch(`${server.url}/readyz`)).status, 200, 'the first server still answers /readyz');
  t.equal(lockPid(), server.child.pid, 'and still owns the folder');
});

t.test('with no server running the command line opens the database itself, and gives the folder back', async (t) => {
  await server.stop();
  const list = await cli(['links:list']);
  t.equal(list.code, 0, list.stderr);
  t.match(list.stdout, /From the command line/, 'it sees what was written through the server');
  if (embedded) t.notOk(existsSync(lockPath()), 'no lock is left behind');
});
