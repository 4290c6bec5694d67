/**
 * Is the process a lock names still the one that wrote it? A pid alone is not enough: after a
 * reboot or in a restarted container the same pid belongs to someone else. On Linux the boot id and
 * the process's start tick (field 22 of /proc/<pid>/stat) tell them apart; elsewhere the pid is all
 * there is.
 */
import { readFileSync } from 'node:fs';

function readOrNull(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
}

export function currentBootId(): string | null {
  return readOrNull('/proc/sys/kernel/random/boot_id')?.trim() || null;
}

/** State and start tick of a process (fields 3 and 22 of /proc/<pid>/stat), or null without /proc. */
function procStat(pid: number): { state: string; start: string } | null {
  const stat = readOrNull(`/proc/${pid}/stat`);
  if (!stat) return null;
  // The command name (field 2) is in parentheses and may hold spaces: count fields after the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return { state: fields[0] ?? '', start: fields[19] ?? '' };
}

export function processStartTick(pid: number): string | null {
  return procStat(pid)?.start || null;
}

export function processStartOf(pid: number): { bootId: string | null; processStart: string | null } {
  return { bootId: currentBootId(), processStart: processStartTick(pid) };
}

/** Whether the process that recorded (pid, bootId, processStart) on this host still runs. */
export function sameProcessAlive(pid: number, bootId: string | null, processStart: string | null): boolean {
  if (bootId && currentBootId() && bootId !== currentBootId()) return false;
  try {
    process.kill(pid, 0);
  } catch (err) {
    // EPERM: the process exists but belongs to another user.
    if ((err as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  const stat = procStat(pid);
  // A killed process not yet reaped by its parent is a zombie: it holds nothing any more.
  if (stat?.state === 'Z') return false;
  if (processStart && stat?.start && stat.start !== processStart) return false;
  return true;
}
