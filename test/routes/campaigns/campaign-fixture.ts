/**
 * Test data for the campaigns feature: a campaign open around today, submissions through the real
 * respondent routes, and bulk responses written straight to the table when a test needs exact
 * counts per day, authority type or page.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import tap from 'tap';
import type { Role } from '../../../server/auth/principal.ts';
import { createCampaign } from '../../../server/campaigns/campaign-service.ts';
import { findEditionById } from '../../../server/surveys/edition-repository.ts';
import { generateAnswers } from '../../support/answer-generator.ts';
import { buildTestApp } from '../../helper.ts';
import { staffClient, type StaffClient } from '../staff/staff-client.ts';

const DAY = 86_400_000;

export function isoDay(offsetDays: number, from = new Date()): string {
  return new Date(from.getTime() + offsetDays * DAY).toISOString().slice(0, 10);
}

/** A campaign of the 2022 edition that opened `daysAgo` days ago and closes in `daysAhead`. */
export async function openCampaign(app: FastifyInstance, opts: { daysAgo?: number; daysAhead?: number; name?: string } = {}) {
  const now = Date.now();
  return createCampaign(app.db, {
    surveyId: 'jpp-experience', edition: '2022', name: opts.name ?? 'Campaign 2022',
    opensAt: new Date(now - (opts.daysAgo ?? 10) * DAY), closesAt: new Date(now + (opts.daysAhead ?? 20) * DAY),
  });
}

let keySeq = 0;

/** Submits generated valid answers through the public route; returns the response. */
export async function submitThrough(app: FastifyInstance, token: string, seed: number, opts: { key?: string; resumeToken?: string } = {}) {
  const ctx = await app.db.selectFrom('link').innerJoin('campaign', 'campaign.id', 'link.campaign_id').select('campaign.edition_id').where('link.token', '=', token).executeTakeFirstOrThrow();
  const edition = await findEditionById(app.db, ctx.edition_id);
  const answers = generateAnswers(edition!.definition, seed);
  return app.inject({
    method: 'POST', url: `/s/${token}/responses`,
    headers: { 'content-type': 'application/json', 'idempotency-key': opts.key ?? `campaign-test-${Date.now()}-${++keySeq}-key` },
    payload: JSON.stringify({ answers, locale: 'en', ...(opts.resumeToken ? { resumeToken: opts.resumeToken } : {}) }),
  });
}

export interface BulkResponses {
  campaignId: string;
  linkId: string;
  linkCountry: string;
  count: number;
  status?: 'complete' | 'partial';
  authorityType?: string | null;
  submittedOn?: string;
  lastPage?: number;
  waveId?: string | null;
}

/** Writes `count` responses directly (answers are not what these tests look at). */
export async function insertResponses(app: FastifyInstance, b: BulkResponses): Promise<void> {
  const campaign = await app.db.selectFrom('campaign').select('edition_id').where('id', '=', b.campaignId).executeTakeFirstOrThrow();
  const status = b.status ?? 'complete';
  const day = b.submittedOn ?? isoDay(0);
  const rows = Array.from({ length: b.count }, () => ({
    id: randomUUID(), edition_id: campaign.edition_id, campaign_id: b.campaignId, link_id: b.linkId, link_country: b.linkCountry,
    country: b.linkCountry, authority_type: b.authorityType === undefined ? 'police' : b.authorityType, language: 'en', status,
    answers: '{}', last_page: b.lastPage ?? 0, started_on: day, submitted_on: status === 'complete' ? day : null,
    resume_token_hash: null, deletion_code_hash: null, wave_id: b.waveId ?? null,
  }));
  if (rows.length > 0) await app.db.insertInto('response').values(rows).execute();
}

let shared: Promise<FastifyInstance> | undefined;
const clients = new Map<string, Promise<StaffClient>>();

/**
 * One app per test file (each file is its own process), closed when the file ends: building an
 * app is the slow part of these tests. Each test still owns its data: its own campaign, links,
 * waves and responses, and it reads only those.
 */
export function fileApp(): Promise<FastifyInstance> {
  shared ??= buildTestApp(tap).then((r) => r.app);
  return shared;
}

/** A signed-in staff member of the file's app, one per role and country. */
export function fileStaff(role: Role, country?: string): Promise<StaffClient> {
  const key = `${role}:${country ?? ''}`;
  let c = clients.get(key);
  if (!c) {
    c = fileApp().then((app) => staffClient(app, role, country));
    clients.set(key, c);
  }
  return c;
}

/** A French IPNC on the links page of an open campaign: create links and read them back. */
export async function frenchLinksPage() {
  const app = await fileApp();
  const campaign = await openCampaign(app);
  const fr = await fileStaff('ipnc', 'FR');
  const base = `/staff/campaigns/${campaign.id}/country/FR`;
  const create = async (form: Record<string, string>) => fr.post(`${base}/links`, form);
  const links = () => app.db.selectFrom('link').selectAll().where('campaign_id', '=', campaign.id).orderBy('created_at').execute();
  return { app, campaign, fr, base, create, links };
}
