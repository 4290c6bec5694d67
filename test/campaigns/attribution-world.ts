/** A campaign with an FR and an ES link, a way to record waves, and the wave a response was given. */
import type { FastifyInstance } from 'fastify';
import { createLink } from '../../server/links/link-service.ts';
import { recordWave } from '../../server/waves/wave-service.ts';
import { fileApp, isoDay, openCampaign, submitThrough } from '../routes/campaigns/campaign-fixture.ts';

/** A new campaign in the file's app, with an FR and an ES link. */
export async function setup(_t?: unknown) {
  const app = await fileApp();
  const campaign = await openCampaign(app, { daysAgo: 10 });
  const link = (country: string) => createLink(app.db, app.reference.countryCodes, { campaignId: campaign.id, country, channel: 'ipnc_email', language: 'en' });
  const wave = (country: string | null, kind: string, day: number) => recordWave(app.db, 'cli', { campaignId: campaign.id, country, kind, waveOn: isoDay(day) });
  return { app, campaign, fr: await link('FR'), es: await link('ES'), wave };
}

export async function waveOf(app: FastifyInstance, responseId: string) {
  return (await app.db.selectFrom('response').select('wave_id').where('id', '=', responseId).executeTakeFirstOrThrow()).wave_id;
}

export async function submit(app: FastifyInstance, token: string, seed: number): Promise<string> {
  const res = await submitThrough(app, token, seed);
  if (res.statusCode !== 201) throw new Error(res.body);
  return (res.json() as { id: string }).id;
}
