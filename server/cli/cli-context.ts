/** What every CLI command gets: the configuration and a migrated database. */
import type { Kysely } from 'kysely';
import type { Config } from '../config.ts';
import type { Database } from '../db/schema.ts';

export interface CliContext {
  /** The configuration of the process that runs the command: the running server's when it runs one. */
  config: Config;
  db: Kysely<Database>;
  /** Lines for standard output; the last line of a creating command is what scripts read. */
  print: (line: string) => void;
  /** Reads all of standard input (for passwords). */
  readStdin: () => Promise<string>;
  /**
   * Standard input is a terminal (nothing piped): commands then read nothing and print links
   * instead. Unset: this process's own standard input decides.
   */
  stdinIsTTY?: boolean | undefined;
}

export interface CliCommand {
  name: string;
  usage: string;
  run: (ctx: CliContext, argv: string[]) => Promise<void>;
}
