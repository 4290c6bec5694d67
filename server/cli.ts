/**
 * Command line: `npm run cli -- <command> [options]`. Runs one command on the configured database;
 * on the embedded database while a server runs, inside that server (server/cli/cli-main.ts).
 * The running server imports the list of commands from here.
 */
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { CliCommand } from './cli/cli-context.ts';
import { runCli } from './cli/cli-main.ts';
import { campaignsCreate, linksCreate, linksList, surveysSync } from './cli/survey-commands.ts';
import { responsesPurge } from './cli/retention-commands.ts';
import { usersCreate, usersResetPassword } from './cli/user-commands.ts';
import { demoReplay, demoResponses } from './cli/demo-commands.ts';
import { reportsCreate } from './cli/report-commands.ts';
import { editionsDraft, translationsExport, translationsImport } from './cli/translation-commands.ts';

export const commands: CliCommand[] = [surveysSync, campaignsCreate, linksCreate, linksList, responsesPurge, usersCreate, usersResetPassword, demoResponses, demoReplay, reportsCreate, translationsExport, translationsImport, editionsDraft];

// Run as a program (not imported by the server): compare real paths, a symlinked checkout included.
const isMain = (): boolean => {
  try {
    return Boolean(process.argv[1]) && realpathSync(process.argv[1]!) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
};

if (isMain()) {
  // Output piped into a reader that stops early (`| head`) ends the command quietly, not with a trace.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(0);
    throw err;
  });
  runCli(commands, process.argv.slice(2)).then((code) => process.exit(code), (err: unknown) => {
    // Opening the database failed (a damaged folder, PostgreSQL away): one line, not a stack trace.
    console.error(`The command could not run: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`);
    process.exit(1);
  });
}
