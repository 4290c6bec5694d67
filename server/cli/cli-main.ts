/**
 * What `npm run cli -- <command>` does. On PostgreSQL (DATABASE_URL) it opens the database itself.
 * On the embedded database the data folder has one owner: while a server runs there, the command is
 * sent to it over its control socket and runs inside it; otherwise the command line takes the
 * folder, opens it, runs the command and gives the folder back.
 */
import { ConfigError, loadConfig, type Config } from '../config.ts';
import { openDatabase } from '../db/database.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { sendToServer, type CommandIo } from '../embedded/control-client.ts';
import { controlSocketPath } from '../embedded/control-protocol.ts';
import { FolderBusyError, busyMessage, claimFolder, liveOwner } from '../embedded/folder-owner.ts';
import type { CliCommand } from './cli-context.ts';
import { EXIT_FAILED, EXIT_USAGE, runCommand, unknownCommandLine, usageText } from './run-command.ts';

/** How long a command waits for a server that owns the folder but is still starting (migrations). */
const SERVER_STARTING_MS = 90_000;

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

async function runHere(command: CliCommand, config: Config, argv: string[], io: CommandIo): Promise<number> {
  const handle = await openDatabase({ url: config.DATABASE_URL, dataDir: config.DATA_DIR, poolSize: 2 });
  try {
    await migrateToLatest(handle.db);
    return await runCommand(command, { ...io, config, db: handle.db }, argv, io.printError);
  } finally {
    await handle.close();
  }
}

async function runOnFolder(command: CliCommand, config: Config, argv: string[], io: CommandIo): Promise<number> {
  const folder = config.DATA_DIR;
  const deadline = Date.now() + SERVER_STARTING_MS;
  for (;;) {
    const owner = liveOwner(folder);
    if (!owner) {
      let claim;
      try {
        claim = claimFolder(folder, 'command', { command: command.name });
      } catch (err) {
        if (err instanceof FolderBusyError) continue;
        throw err;
      }
      process.once('exit', claim.release);
      try {
        return await runHere(command, config, argv, io);
      } finally {
        claim.release();
      }
    }
    if (owner.role === 'command') {
      io.printError(busyMessage(folder, owner));
      return EXIT_FAILED;
    }
    const socket = owner.socket || controlSocketPath(folder);
    const result = await sendToServer(socket, [command.name, ...argv], io);
    if (result !== 'unreachable') return result;
    if (Date.now() > deadline) {
      io.printError(`The server (pid ${owner.pid}) holds ${folder} but does not answer on ${socket}; try again once it has started, or stop it.`);
      return EXIT_FAILED;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}

export async function runCli(commands: readonly CliCommand[], argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === 'help' || name === '--help') {
    console.log(usageText(commands));
    return 0;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    console.error(unknownCommandLine(name, commands));
    return EXIT_USAGE;
  }
  let config: Config;
  try {
    config = loadConfig();
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    console.error(err.message.replace(/:?\s*\n\s*/g, '; ').replace(/^Invalid configuration; /, 'Invalid configuration: '));
    return EXIT_USAGE;
  }
  const io: CommandIo = {
    print: (line) => console.log(line),
    printError: (line) => console.error(line),
    readStdin,
    stdinIsTTY: Boolean(process.stdin.isTTY),
  };
  if (config.DATABASE_URL || config.DATA_DIR === ':memory:') return runHere(command, config, rest, io);
  return runOnFolder(command, config, rest, io);
}
