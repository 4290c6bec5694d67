/**
 * Starts the server: builds the logger, listens, prints where to go, and shuts down gracefully
 * (stops accepting, finishes requests in flight, closes the database) on SIGINT / SIGTERM.
 */
import { buildApp } from './app.ts';
import { ConfigError, loadConfig } from './config.ts';
import { seedDemo } from './demo/seed-demo.ts';
import { EditionSyncError } from './surveys/edition-sync.ts';
import { startupMessage } from './startup-message.ts';

async function main() {
  const config = loadConfig();
  const app = await buildApp(config);
  const demoLinks = config.SEED_DEMO ? await seedDemo(app.db, app.reference.countryCodes, config.PUBLIC_URL) : [];
  await app.listen({ host: config.HOST, port: config.PORT });
  console.log(await startupMessage(app, demoLinks));

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    const timer = setTimeout(() => process.exit(1), 10_000).unref();
    await app.close();
    clearTimeout(timer);
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError || err instanceof EditionSyncError) console.error(err.message);
  else console.error(err);
  process.exit(1);
});
