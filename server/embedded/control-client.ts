/** The command line's side of the control socket: sends a command to the running server and relays what it prints. */
import { createConnection } from 'node:net';
import { encode, messageReader, type ServerMessage } from './control-protocol.ts';

export interface CommandIo {
  print: (line: string) => void;
  printError: (line: string) => void;
  readStdin: () => Promise<string>;
  stdinIsTTY: boolean;
}

/** The command's exit code, or 'unreachable' when nothing listens on the socket (yet). */
export function sendToServer(socketPath: string, argv: string[], io: CommandIo): Promise<number | 'unreachable'> {
  return new Promise((resolve) => {
    const socket = createConnection(socketPath);
    let connected = false;
    let exitCode: number | null = null;
    socket.on('connect', () => {
      connected = true;
      socket.write(encode({ argv, stdinIsTTY: io.stdinIsTTY }));
    });
    socket.on('data', messageReader<ServerMessage>((m) => {
      if ('out' in m) io.print(m.out);
      else if ('err' in m) io.printError(m.err);
      else if ('stdinWanted' in m) void io.readStdin().then((text) => socket.write(encode({ stdin: text })));
      else if ('exit' in m) exitCode = m.exit;
    }));
    socket.on('error', (err: NodeJS.ErrnoException) => {
      if (connected) return;
      if (err.code === 'ENOENT' || err.code === 'ECONNREFUSED') return resolve('unreachable');
      io.printError(`Cannot reach the running server on ${socketPath} (${err.code ?? err.message}); run the command as the user who runs the server.`);
      resolve(1);
    });
    socket.on('close', () => {
      if (exitCode !== null) return resolve(exitCode);
      if (!connected) return resolve('unreachable');
      io.printError('The server stopped before the command finished; run the command again once it is back.');
      resolve(1);
    });
  });
}
