/**
 * One owner process per embedded data folder. PGlite keeps its own copy of the database in memory
 * and writes it back as it goes: two processes on one folder each work on their own copy and the
 * last to close wins. The owner writes `owner.lock` into the folder (pid, host, start time, what it
 * is); a lock whose process is gone (SIGKILL, power loss, a reboot) is stale and taken over.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, linkSync, mkdirSync, openSync, readFileSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import { processStartOf, sameProcessAlive } from './process-identity.ts';

export interface FolderOwner {
  pid: number;
  host: string;
  /** When the owner started (ISO 8601). */
  startedAt: string;
  /** A server answers commands on its control socket; a command holds the folder while it works. */
  role: 'server' | 'command';
  /** What a command owner runs (e.g. "users:create"); empty for a server. */
  command: string;
  /** The server's control socket, where command lines send their commands. */
  socket: string;
  /** The server's public address (for the refusal message). */
  url: string;
  /** Linux boot id and the process's start tick: a pid reused after a reboot or a crash is not the owner. */
  bootId: string | null;
  processStart: string | null;
}

export const LOCK_NAME = 'owner.lock';

export class FolderBusyError extends Error {
  constructor(readonly folder: string, readonly owner: FolderOwner) {
    super(busyMessage(folder, owner));
  }
}

/** The one line a refused process prints. */
export function busyMessage(folder: string, o: FolderOwner): string {
  const who = o.role === 'server'
    ? `a running server (pid ${o.pid} on ${o.host}${o.url ? `, ${o.url}` : ''}, since ${o.startedAt})`
    : `a command (${o.command || 'cli'}, pid ${o.pid} on ${o.host}, since ${o.startedAt})`;
  const stop = o.role === 'server' ? `stop it with Ctrl+C in its terminal or \`kill ${o.pid}\`` : 'wait for it to finish';
  const elsewhere = o.host !== hostname() ? `; if that process is gone, delete ${join(folder, LOCK_NAME)}` : '';
  return `The embedded database in ${folder} is in use by ${who}: ${stop}, or set DATA_DIR to another folder${elsewhere}.`;
}

function parseOwner(text: string): FolderOwner | null {
  try {
    const o = JSON.parse(text) as Partial<FolderOwner>;
    if (typeof o.pid !== 'number' || typeof o.host !== 'string' || (o.role !== 'server' && o.role !== 'command')) return null;
    return { startedAt: '', command: '', socket: '', url: '', bootId: null, processStart: null, ...o } as FolderOwner;
  } catch {
    return null;
  }
}

/** Whether the process a lock names still runs. Another host's process cannot be checked: it counts as alive. */
export function ownerAlive(o: FolderOwner): boolean {
  if (o.host !== hostname()) return true;
  // A lock naming this very process was left by an earlier one that had the same pid.
  if (o.pid === process.pid) return false;
  return sameProcessAlive(o.pid, o.bootId, o.processStart);
}

function readText(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}

/** The live owner of a folder, or null when nobody (or only a stale lock) holds it. */
export function liveOwner(folder: string): FolderOwner | null {
  const text = readText(join(resolve(folder), LOCK_NAME));
  const owner = text === null ? null : parseOwner(text);
  return owner && ownerAlive(owner) ? owner : null;
}

export interface FolderClaim {
  owner: FolderOwner;
  /** Removes the lock if it is still this process's; safe to call twice. */
  release: () => void;
}

/** Writes the whole lock to a temporary file, then links it into place: the lock appears complete or not at all. */
function tryCreate(lockPath: string, text: string): boolean {
  const tmp = `${lockPath}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  const fd = openSync(tmp, 'wx', 0o600);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    linkSync(tmp, lockPath);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  } finally {
    unlinkSync(tmp);
  }
}

/**
 * Moves a stale lock aside. Renaming is atomic, so of two processes taking over at once one moves
 * the stale lock; the other finds it gone, or (rarely) moves the winner's fresh lock and puts it back.
 */
function removeStale(lockPath: string, staleText: string): void {
  const aside = `${lockPath}.${process.pid}.${randomBytes(4).toString('hex')}.stale`;
  try {
    renameSync(lockPath, aside);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw err;
  }
  if (readText(aside) !== staleText) {
    try {
      linkSync(aside, lockPath);
    } catch {
      // Yet another process took the folder meanwhile; the retry reads whoever holds it.
    }
  }
  unlinkSync(aside);
}

/** Makes this process the folder's owner, or throws FolderBusyError naming the live owner. */
export function claimFolder(folder: string, role: FolderOwner['role'], details: { command?: string; socket?: string; url?: string } = {}): FolderClaim {
  mkdirSync(folder, { recursive: true });
  const lockPath = join(resolve(folder), LOCK_NAME);
  const owner: FolderOwner = {
    pid: process.pid, host: hostname(), startedAt: new Date().toISOString(), role,
    command: details.command ?? '', socket: details.socket ?? '', url: details.url ?? '', ...processStartOf(process.pid),
  };
  const text = `${JSON.stringify(owner, null, 2)}\n`;
  for (let attempt = 0; attempt < 5; attempt++) {
    if (tryCreate(lockPath, text)) {
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        if (readText(lockPath) === text) unlinkSync(lockPath);
      };
      return { owner, release };
    }
    const existing = readText(lockPath);
    if (existing === null) continue;
    const holder = parseOwner(existing);
    if (holder && ownerAlive(holder)) throw new FolderBusyError(folder, holder);
    removeStale(lockPath, existing);
  }
  throw new Error(`Could not take ${lockPath}: other processes keep taking it over.`);
}
