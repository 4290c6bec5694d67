/**
 * Builds the app on a fresh database for one test, with helpers to open a campaign and a link.
 * Each test owns its data; nothing depends on another test's order.
 */
import type { FastifyInstance } from 'fastify';
import { Writable } from 'node:stream';
import { buildApp } from '../server/app.ts';
import { parseConfig } from '../server/config.ts';
import { createCampaign } from '../server/campaigns/campaign-service.ts';
import { createLink } from '../server/links/link-service.ts';
import { createTestDatabase, pgliteTemplate } from './support/test-database.ts';

export interface Teardown {
  teardown: (fn: () => unknown) => void;
}

export interface TestApp {
  app: FastifyInstance;
  /** Every log line the app wrote, as parsed JSON. */
  logs: Record<string, unknown>[];
}

export async function buildTestApp(t: Teardown, env: Record<string, string> = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  const logs: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString('utf8').split('\n')) if (line.trim()) logs.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  const config = parseConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'info',
    SEED_DEMO: 'false',
    DATA_DIR: ':memory:',
    DATABASE_URL: database.url,
    ...env,
  });
  const app = await buildApp(config, { logger: { stream }, ...(database.url ? {} : { pgliteTemplate: await pgliteTemplate() }) });
  t.teardown(async () => {
    await app.close();
    await database.drop();
  });
  return { app, logs };
}

const DAY = 24 * 60 * 60 * 1000;

export interface LinkOptions {
  edition?: string;
  surveyId?: string;
  country?: string;
  language?: string;
  channel?: string;
  opensAt?: Date;
  closesAt?: Date;
}

/** Opens a campaign for an edition (open now by default) and returns a link's token and ids. */
export async function openLink(app: FastifyInstance, opts: LinkOptions = {}) {
  const campaign = await createCampaign(app.db, {
    surveyId: opts.surveyId ?? 'jpp-experience',
    edition: opts.edition ?? '2022',
    name: 'Test campaign',
    opensAt: opts.opensAt ?? new Date(Date.now() - DAY),
    closesAt: opts.closesAt ?? new Date(Date.now() + 30 * DAY),
  });
  const link = await createLink(app.db, app.reference.countryCodes, {
    campaignId: campaign.id,
    country: opts.country ?? 'FR',
    channel: opts.channel ?? 'ipnc_email',
    language: opts.language ?? 'en',
  });
  return { token: link.token, linkId: link.id, campaignId: campaign.id, editionId: campaign.edition_id };
}
