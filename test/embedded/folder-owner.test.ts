/**
 * The data folder's owner lock: written whole, refused while its process lives, taken over when it
 * is gone (killed, a pid reused after a reboot or a restart), and given back only by its owner. A
 * server started on a folder a command holds is refused with one line, before it opens anything.
 */
import t, { type Test } from 'tap';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { FolderBusyError, LOCK_NAME, claimFolder, liveOwner, type FolderOwner } from '../../server/embedded/folder-owner.ts';
import { processStartOf } from '../../server/embedded/process-identity.ts';
import { testPort } from '../scale/child-server.ts';

function folder(t: Test): string {
  const dir = mkdtempSync(join(tmpdir(), 'jpp-owner-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A live process that is not this one, to stand for another owner (long-lived: a slow server start must not outlive it). */
function sleeper(t: Test): ChildProcess {
  const child = spawn('sleep', ['3600'], { stdio: 'ignore' });
  t.teardown(() => child.kill('SIGKILL'));
  return child;
}

function writeLock(dir: string, o: Partial<FolderOwner> & { pid: number }): void {
  const owner: FolderOwner = {
    host: hostname(), startedAt: new Date().toISOString(), role: 'server', command: '', socket: '', url: 'http://127.0.0.1:3000',
    ...processStartOf(o.pid), ...o,
  };
  writeFileSync(join(dir, LOCK_NAME), JSON.stringify(owner));
}

const lockOf = (dir: string) => JSON.parse(readFileSync(join(dir, LOCK_NAME), 'utf8')) as FolderOwner;

t.test('a claim writes pid, host and start time, and its release removes only its own lock', async (t) => {
  const dir = folder(t);
  const claim = claimFolder(dir, 'command', { command: 'users:create' });
  t.match(lockOf(dir), { pid: process.pid, host: hostname(), role: 'command', command: 'users:create', startedAt: /^\d{4}-\d\d-\d\dT/ });
  t.same(readdirSync(dir), [LOCK_NAME], 'no temporary file is left behind');
  claim.release();
  t.notOk(existsSync(join(dir, LOCK_NAME)));

  const again = claimFolder(dir, 'server');
  const other = sleeper(t);
  writeLock(dir, { pid: other.pid! });
  again.release();
  t.equal(lockOf(dir).pid, other.pid, 'a release leaves another owner’s lock alone');
});

t.test('a live owner refuses the claim with one line that says who and what to do', async (t) => {
  const dir = folder(t);
  const other = sleeper(t);
  writeLock(dir, { pid: other.pid!, url: 'http://127.0.0.1:3999' });
  const err = t.throws(() => claimFolder(dir, 'server')) as FolderBusyError;
  t.ok(err instanceof FolderBusyError);
  t.match(err.message, new RegExp(`^The embedded database in .* is in use by a running server \\(pid ${other.pid} on ${hostname()}, http://127\\.0\\.0\\.1:3999, since .*\\): stop it with Ctrl\\+C in its terminal or \`kill ${other.pid}\`, or set DATA_DIR to another folder\\.$`));
  t.notMatch(err.message, /\n/);
  t.equal(liveOwner(dir)?.pid, other.pid);
});

t.test('stale locks are taken over without a manual step', async (t) => {
  const dead = spawn('true');
  await new Promise((r) => dead.on('exit', r));
  const live = sleeper(t);
  const cases: [string, Partial<FolderOwner> & { pid: number }][] = [
    ['its process is gone (SIGKILL, power loss)', { pid: dead.pid! }],
    ['its pid now belongs to a process started later', { pid: live.pid!, processStart: '1' }],
    ['it was written before a reboot', { pid: live.pid!, bootId: '00000000-0000-0000-0000-000000000000' }],
  ];
  for (const [why, lock] of cases) {
    const dir = folder(t);
    writeLock(dir, lock);
    t.equal(liveOwner(dir), null, `${why}: nobody owns the folder`);
    const claim = claimFolder(dir, 'server');
    t.equal(lockOf(dir).pid, process.pid, `${why}: taken over`);
    t.same(readdirSync(dir), [LOCK_NAME], `${why}: the stale lock is gone, nothing else left`);
    claim.release();
  }
  const dir = folder(t);
  writeFileSync(join(dir, LOCK_NAME), '{"pid": 12');
  claimFolder(dir, 'server').release();
  t.pass('an unreadable lock is taken over too');
});

t.test('a server started on a folder a command holds is refused at once', async (t) => {
  const dir = folder(t);
  const other = sleeper(t);
  writeLock(dir, { pid: other.pid!, role: 'command', command: 'demo:responses', url: '' });
  const server = spawn(process.execPath, ['--import', 'tsx', 'server/server.ts'], {
    cwd: new URL('../..', import.meta.url).pathname,
    env: { ...process.env, DATA_DIR: dir, DATABASE_URL: '', HOST: '127.0.0.1', PORT: String(testPort(41)), SEED_DEMO: 'false', NODE_ENV: 'test' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  server.stdout.on('data', (d: Buffer) => (output += d.toString()));
  server.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const code = await new Promise((r) => server.on('close', r));
  t.equal(code, 1);
  t.equal(output.trim(), `The embedded database in ${dir} is in use by a command (demo:responses, pid ${other.pid} on ${hostname()}, since ${lockOf(dir).startedAt}): wait for it to finish, or set DATA_DIR to another folder.`);
  t.same(readdirSync(dir), [LOCK_NAME], 'it opened nothing in the folder');
});
