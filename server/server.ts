/**
 * Starts the server: builds the logger, listens, prints where to go, and shuts down gracefully
 * (stops accepting, finishes requests and commands in flight, closes the database) on SIGINT /
 * SIGTERM. On the embedded database it first becomes the data folder's one owner, and answers the
 * command line on a control socket in that folder (server/embedded/).
 */
import { buildApp } from './app.ts';
import { commands } from './cli.ts';
import { ConfigError, loadConfig } from './config.ts';
import { seedDemo } from './demo/seed-demo.ts';
import { startControlServer, type ControlServer } from './embedded/control-server.ts';
import { controlSocketPath } from './embedded/control-protocol.ts';
import { claimFolder, FolderBusyError } from './embedded/folder-owner.ts';
import { EditionSyncError } from './surveys/edition-sync.ts';
import { startupMessage } from './startup-message.ts';

async function main() {
  const config = loadConfig();
  const embeddedFolder = !config.DATABASE_URL && config.DATA_DIR !== ':memory:';
  const socket = controlSocketPath(config.DATA_DIR);
  // Before the database opens: a second process on the folder would work on a copy of its own.
  const claim = embeddedFolder ? claimFolder(config.DATA_DIR, 'server', { socket, url: config.PUBLIC_URL }) : null;
  if (claim) process.once('exit', claim.release);
  const app = await buildApp(config);
  const demoLinks = config.SEED_DEMO ? await seedDemo(app.db, app.reference.countryCodes, config.PUBLIC_URL) : [];
  const control: ControlServer | null = claim ? await startControlServer({ path: socket, commands, config, db: app.db, log: app.log }) : null;
  await app.listen({ host: config.HOST, port: config.PORT });
  console.log(await startupMessage(app, demoLinks));

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    const timer = setTimeout(() => process.exit(1), 10_000).unref();
    await control?.close();
    await app.close();
    claim?.release();
    clearTimeout(timer);
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError || err instanceof EditionSyncError || err instanceof FolderBusyError) console.error(err.message);
  else console.error(err);
  process.exit(1);
});
