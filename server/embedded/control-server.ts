/**
 * The running server's side of the control socket: it runs a command line's command in this
 * process, on this process's database handle and with its configuration (so printed links carry
 * this server's address). PGlite is one session; a command's queries take turns with the server's
 * own through the same Kysely driver, exactly like a request's, so nothing interleaves inside a
 * transaction.
 */
import { chmodSync, rmSync } from 'node:fs';
import { createServer, type Socket } from 'node:net';
import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import type { CliCommand } from '../cli/cli-context.ts';
import { EXIT_USAGE, runCommand, unknownCommandLine } from '../cli/run-command.ts';
import type { Config } from '../config.ts';
import type { Database } from '../db/schema.ts';
import { encode, messageReader, type ClientMessage, type ServerMessage } from './control-protocol.ts';

export interface ControlServerOptions {
  path: string;
  commands: readonly CliCommand[];
  config: Config;
  db: Kysely<Database>;
  log: FastifyBaseLogger;
}

export interface ControlServer {
  /** Stops accepting commands and waits for those running to finish. */
  close: () => Promise<void>;
}

/** Connections that have not sent a command yet: a shutdown closes them instead of waiting. */
const idle = new Set<Socket>();

function serve(socket: Socket, o: ControlServerOptions): Promise<void> {
  idle.add(socket);
  const send = (m: ServerMessage) => {
    if (!socket.destroyed && socket.writable) socket.write(encode(m));
  };
  let stdinWaiter: { resolve: (text: string) => void; reject: (err: Error) => void } | undefined;
  return new Promise<void>((done) => {
    let started = false;
    socket.on('error', () => {});
    socket.on('close', () => {
      idle.delete(socket);
      stdinWaiter?.reject(new Error('the command line went away before sending its input'));
      if (!started) done();
    });
    socket.on('data', messageReader<ClientMessage>((m) => {
      if (m && typeof m === 'object' && 'stdin' in m) {
        stdinWaiter?.resolve(String(m.stdin));
        stdinWaiter = undefined;
        return;
      }
      if (started) return;
      if (!m || !Array.isArray(m.argv) || !m.argv.every((a) => typeof a === 'string')) {
        socket.destroy();
        return;
      }
      started = true;
      idle.delete(socket);
      const [name = '', ...argv] = m.argv;
      const command = o.commands.find((c) => c.name === name);
      const run = async (): Promise<number> => {
        if (!command) {
          send({ err: unknownCommandLine(name, o.commands) });
          return EXIT_USAGE;
        }
        o.log.info({ command: name }, 'command line command');
        const ctx = {
          config: o.config, db: o.db, stdinIsTTY: m.stdinIsTTY,
          print: (line: string) => send({ out: line }),
          readStdin: () => new Promise<string>((resolve, reject) => {
            stdinWaiter = { resolve, reject };
            send({ stdinWanted: true });
          }),
        };
        return runCommand(command, ctx, argv, (line) => send({ err: line }));
      };
      void run().then((code) => {
        send({ exit: code });
        socket.end();
        done();
      });
    }));
  });
}

export async function startControlServer(o: ControlServerOptions): Promise<ControlServer> {
  // This process owns the folder: a socket file left there is a dead owner's.
  rmSync(o.path, { force: true });
  const running = new Set<Promise<void>>();
  const server = createServer((socket) => {
    const p = serve(socket, o).finally(() => running.delete(p));
    running.add(p);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    // The socket file is created by bind() inside listen(): a umask makes it owner-only from the start.
    const umask = process.umask(0o177);
    try {
      server.listen(o.path, () => resolve());
    } finally {
      process.umask(umask);
    }
  });
  chmodSync(o.path, 0o600);
  return {
    close: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const socket of idle) socket.destroy();
      await closed;
      await Promise.allSettled([...running]);
      rmSync(o.path, { force: true });
    },
  };
}
