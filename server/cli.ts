/**
 * Command line: `npm run cli -- <command> [options]`. Opens the configured database (migrating it
 * first) and runs one command.
 */
import { loadConfig } from './config.ts';
import { openDatabase } from './db/database.ts';
import { migrateToLatest } from './db/migrate.ts';
import { AppError } from './errors.ts';
import type { CliCommand } from './cli/cli-context.ts';
import { campaignsCreate, linksCreate, linksList, surveysSync } from './cli/survey-commands.ts';
import { responsesPurge } from './cli/retention-commands.ts';
import { usersCreate, usersResetPassword } from './cli/user-commands.ts';
import { demoResponses } from './cli/demo-commands.ts';
import { editionsDraft, translationsExport, translationsImport } from './cli/translation-commands.ts';
import { EditionSyncError } from './surveys/edition-sync.ts';

const commands: CliCommand[] = [surveysSync, campaignsCreate, linksCreate, linksList, responsesPurge, usersCreate, usersResetPassword, demoResponses, translationsExport, translationsImport, editionsDraft];

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  const command = commands.find((c) => c.name === name);
  if (!command) {
    console.error(`Usage: npm run cli -- <command> [options]\n\n${commands.map((c) => `  ${c.usage}`).join('\n')}`);
    return name ? 2 : 0;
  }
  const config = loadConfig();
  const handle = await openDatabase({ url: config.DATABASE_URL, dataDir: config.DATA_DIR, poolSize: 2 });
  try {
    await migrateToLatest(handle.db);
    await command.run({ config, db: handle.db, print: (l) => console.log(l), readStdin }, rest);
    return 0;
  } catch (err) {
    if (err instanceof AppError) {
      console.error(err.message);
      for (const [field, msgs] of Object.entries(err.details ?? {})) console.error(`  ${field}: ${msgs.join(' ')}`);
      return 1;
    }
    if (err instanceof EditionSyncError) {
      console.error(err.message);
      return 1;
    }
    throw err;
  } finally {
    await handle.close();
  }
}

main(process.argv.slice(2)).then((code) => process.exit(code), (err: unknown) => {
  console.error(err);
  process.exit(1);
});
