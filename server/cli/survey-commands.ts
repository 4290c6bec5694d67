/** surveys:sync, campaigns:create, links:create, links:list. Every change is audited with the actor "cli". */
import { parseArgs } from 'node:util';
import { listCampaigns } from '../campaigns/campaign-repository.ts';
import { ValidationError } from '../errors.ts';
import { parseCalendarDay, parseUtcDateTime } from '../input/calendar-dates.ts';
import { createCampaignAudited } from '../console/campaign-console.ts';
import { createLinkAudited } from '../links/link-admin.ts';
import { linkUrl } from '../links/link-service.ts';
import { syncEditionFiles } from '../surveys/edition-sync.ts';
import { loadReferenceLists } from '../surveys/reference-lists.ts';
import type { CliCommand } from './cli-context.ts';

function parseDate(value: string | undefined, flag: string): Date {
  const d = parseUtcDateTime(value);
  if (!d) throw new ValidationError('Invalid arguments.', { [flag]: ['expected a real date (UTC) such as 2026-11-04 or 2026-11-04T09:00Z'] });
  return d;
}

function parseDay(value: string, flag: string): string {
  const d = parseCalendarDay(value);
  if (!d) throw new ValidationError('Invalid arguments.', { [flag]: ['expected a real date such as 2028-12-31'] });
  return d;
}

export const surveysSync: CliCommand = {
  name: 'surveys:sync',
  usage: 'surveys:sync   check every file in surveys/ and publish new or changed editions',
  run: async ({ db, config, print }, argv) => {
    parseArgs({ args: argv, options: {} });
    for (const o of await syncEditionFiles(db, config.SURVEYS_DIR, 'cli')) {
      print(`${o.surveyId}/${o.edition}: version ${o.version}${o.textVersion ? `, text version ${o.textVersion}` : ''} (${o.change})`);
    }
  },
};

export const campaignsCreate: CliCommand = {
  name: 'campaigns:create',
  usage: 'campaigns:create --survey jpp-experience --edition 2022 --name "..." --opens 2026-11-04 --closes 2026-11-30 [--extended-until 2026-12-15] [--retain-until 2028-12-31]',
  run: async ({ db, print }, argv) => {
    const { values } = parseArgs({
      args: argv,
      options: {
        survey: { type: 'string' }, edition: { type: 'string' }, name: { type: 'string' }, opens: { type: 'string' },
        closes: { type: 'string' }, 'extended-until': { type: 'string' }, 'retain-until': { type: 'string' },
      },
    });
    const campaign = await createCampaignAudited(db, 'cli', {
      surveyId: values.survey ?? '',
      edition: values.edition ?? '',
      name: values.name ?? '',
      opensAt: parseDate(values.opens, 'opens'),
      closesAt: parseDate(values.closes, 'closes'),
      extendedUntil: values['extended-until'] ? parseDate(values['extended-until'], 'extended-until') : null,
      ...(values['retain-until'] ? { retainUntil: parseDay(values['retain-until'], 'retain-until') } : {}),
    });
    print(`campaign "${campaign.name}" opens ${campaign.opens_at.toISOString()} closes ${campaign.closes_at.toISOString()}`);
    print(campaign.id);
  },
};

export const linksCreate: CliCommand = {
  name: 'links:create',
  usage: 'links:create --campaign <id> --country FR --channel ipnc_email --language fr [--label "..."]',
  run: async ({ db, config, print }, argv) => {
    const { values } = parseArgs({
      args: argv,
      options: { campaign: { type: 'string' }, country: { type: 'string' }, channel: { type: 'string' }, language: { type: 'string' }, label: { type: 'string' } },
    });
    const countries = (await loadReferenceLists(config.SURVEYS_DIR)).get('countries')?.map((c) => c.value) ?? [];
    const link = await createLinkAudited(db, 'cli', countries, {
      campaignId: values.campaign ?? '',
      country: (values.country ?? '').toUpperCase(),
      channel: values.channel ?? '',
      language: values.language ?? '',
      ...(values.label ? { label: values.label } : {}),
    });
    print(linkUrl(config.PUBLIC_URL, link.token));
  },
};

export const linksList: CliCommand = {
  name: 'links:list',
  usage: 'links:list   every campaign with its links',
  run: async ({ db, config, print }, argv) => {
    parseArgs({ args: argv, options: {} });
    for (const c of await listCampaigns(db)) {
      print(`${c.survey_id}/${c.edition} v${c.version}  ${c.name}  (${c.id})`);
      const links = await db.selectFrom('link').selectAll().where('campaign_id', '=', c.id).orderBy('created_at').execute();
      for (const l of links) print(`  ${l.country} ${l.channel} [${l.language}]${l.disabled_at ? ' disabled' : ''}  ${linkUrl(config.PUBLIC_URL, l.token)}`);
    }
  },
};
