/**
 * Runs one command and turns any failure into one clear line and an exit code, the same way in the
 * command line's own process and in a running server that runs it on the command line's behalf.
 */
import { AppError } from '../errors.ts';
import { EditionSyncError } from '../surveys/edition-sync.ts';
import type { CliCommand, CliContext } from './cli-context.ts';

/** Exit codes: 1 the command failed, 2 the command line itself was wrong. */
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;

export function usageText(commands: readonly CliCommand[]): string {
  return `Usage: npm run cli -- <command> [options]\n\n${commands.map((c) => `  ${c.usage}`).join('\n')}`;
}

export function unknownCommandLine(name: string, commands: readonly CliCommand[]): string {
  return `Unknown command "${name}". The commands are: ${commands.map((c) => c.name).join(', ')} (npm run cli -- help shows their options).`;
}

const oneLine = (text: string) => text.replace(/\s*\n\s*-?\s*/g, '; ').trim();

/** One line that says what went wrong, never a stack trace. */
export function describeCommandError(err: unknown, command: CliCommand): { line: string; code: number } {
  if (err instanceof AppError) {
    const details = Object.entries(err.details ?? {}).map(([field, msgs]) => (field === 'usage' ? `Usage: ${msgs.join(' ')}` : `${field}: ${msgs.join(' ')}`));
    return { line: oneLine([err.message, ...details].join(' ')), code: err.details?.usage ? EXIT_USAGE : EXIT_FAILED };
  }
  if (err instanceof EditionSyncError) return { line: oneLine(err.message), code: EXIT_FAILED };
  const e = err as { code?: unknown; message?: unknown };
  const message = typeof e?.message === 'string' ? e.message : String(err);
  // node:util parseArgs: an unknown option, a missing value, a stray argument.
  if (typeof e?.code === 'string' && e.code.startsWith('ERR_PARSE_ARGS')) {
    return { line: `${message.split('. ')[0]!.replace(/\.$/, '')}. Usage: ${command.usage}`, code: EXIT_USAGE };
  }
  if (e?.code === '23505') return { line: `That already exists: ${oneLine(message)}.`, code: EXIT_FAILED };
  return { line: `${command.name} failed: ${oneLine(message).split('; ')[0]}`, code: EXIT_FAILED };
}

/** Runs the command; errors go to printError as one line. Returns the exit code. */
export async function runCommand(command: CliCommand, ctx: CliContext, argv: string[], printError: (line: string) => void): Promise<number> {
  try {
    await command.run(ctx, argv);
    return 0;
  } catch (err) {
    const { line, code } = describeCommandError(err, command);
    printError(line);
    return code;
  }
}
