/**
 * The command line talks to a running server over a Unix socket in the data folder (owner-only
 * permissions), one JSON message per line. The command line sends the command; the server runs it
 * with its own database handle and configuration and streams back what it prints, asks for standard
 * input when the command wants it, and ends with the exit code.
 */
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export type ClientMessage = { argv: string[]; stdinIsTTY: boolean } | { stdin: string };
export type ServerMessage = { out: string } | { err: string } | { stdinWanted: true } | { exit: number };

/** Unix socket paths are limited to about 104 bytes: a deep data folder gets its socket in the temporary folder. */
const MAX_SOCKET_PATH = 100;

export function controlSocketPath(folder: string): string {
  const inFolder = join(resolve(folder), 'control.sock');
  if (Buffer.byteLength(inFolder) <= MAX_SOCKET_PATH) return inFolder;
  return join(tmpdir(), `jpp-${createHash('sha256').update(inFolder).digest('hex').slice(0, 16)}.sock`);
}

/** Splits a byte stream into JSON messages, one per line. */
export function messageReader<T>(onMessage: (m: T) => void): (chunk: Buffer) => void {
  let buffered = '';
  return (chunk) => {
    buffered += chunk.toString('utf8');
    for (let nl = buffered.indexOf('\n'); nl >= 0; nl = buffered.indexOf('\n')) {
      const line = buffered.slice(0, nl);
      buffered = buffered.slice(nl + 1);
      if (!line.trim()) continue;
      let message: T;
      try {
        message = JSON.parse(line) as T;
      } catch {
        // Not ours: a line that is not JSON is dropped, never allowed to throw in a socket handler.
        continue;
      }
      onMessage(message);
    }
  };
}

export const encode = (m: ClientMessage | ServerMessage) => `${JSON.stringify(m)}\n`;
