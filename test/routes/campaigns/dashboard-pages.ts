/**
 * Reading the campaign dashboards as a test: the chart a page carries (its data-chart attribute,
 * decoded as a browser would), a table's cells as text, and a small world of links and responses.
 */
import type { FastifyInstance } from 'fastify';
import { createLink } from '../../../server/links/link-service.ts';
import { fileApp, fileStaff, insertResponses, isoDay, openCampaign } from './campaign-fixture.ts';

export const K = 5;

export function decodeAttr(s: string): string {
  return s.replace(/&quot;/g, '"').replace(/&#x27;/g, "'").replace(/&#x3D;/g, '=').replace(/&#x60;/g, '`').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}
export function chartOf(html: string) {
  const m = html.match(/data-chart="([^"]*)"/);
  return m ? (JSON.parse(decodeAttr(m[1]!)) as {
    data: { labels: string[]; datasets: { data: (number | null)[] }[] };
    options: { plugins: { periodNotes?: { notes: (string | null)[] } } };
  }) : null;
}
/** The cells of the table that follows a heading, as text rows. */
export function tableAfter(html: string, heading: string): string[][] {
  const start = html.indexOf(heading);
  const table = html.slice(start).match(/<table[\s\S]*?<\/table>/)![0];
  return (table.match(/<tr[\s\S]*?<\/tr>/g) ?? []).map((tr) => (tr.match(/<t[dh][^>]*>[\s\S]*?<\/t[dh]>/g) ?? []).map((c) => c.replace(/<[^>]+>/g, '').replace(/\s+/g, ' ').trim()));
}

export async function setup(_t?: unknown) {
  const app = await fileApp();
  const campaign = await openCampaign(app, { daysAgo: 9 });
  const link = (country: string, channel = 'ipnc_email') => createLink(app.db, app.reference.countryCodes, { campaignId: campaign.id, country, channel, language: 'en' });
  const add = (l: { id: string; country: string }, count: number, day: number, extra: { authorityType?: string; status?: 'partial'; lastPage?: number } = {}) =>
    insertResponses(app, { campaignId: campaign.id, linkId: l.id, linkCountry: l.country, count, submittedOn: isoDay(day), ...extra });
  return { app, campaign, link, add };
}

export async function frPage(_app: FastifyInstance, campaignId: string) {
  const fr = await fileStaff('ipnc', 'FR');
  const res = await fr.get(`/staff/campaigns/${campaignId}/country/FR`);
  if (res.statusCode !== 200) throw new Error(res.body);
  return res.body;
}
