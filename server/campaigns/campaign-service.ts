/** Creating campaigns: the collection of one edition over a window. */
import type { Kysely } from 'kysely';
import type { Campaign, Database } from '../db/schema.ts';
import { NotFoundError, ValidationError } from '../errors.ts';
import { findLatestVersion } from '../surveys/edition-repository.ts';
import { insertCampaign } from './campaign-repository.ts';
import { defaultRetainUntil } from './campaign-window.ts';
import { parseCalendarDay, SERVICE_YEARS } from '../input/calendar-dates.ts';

const inServiceYears = (d: Date) => !Number.isNaN(d.getTime()) && d.getUTCFullYear() >= SERVICE_YEARS.min && d.getUTCFullYear() <= SERVICE_YEARS.max;

export interface CreateCampaignInput {
  surveyId: string;
  edition: string;
  name: string;
  opensAt: Date;
  closesAt: Date;
  extendedUntil?: Date | null;
  retainUntil?: string;
  demo?: boolean;
}

export async function createCampaign(db: Kysely<Database>, input: CreateCampaignInput): Promise<Campaign> {
  const edition = await findLatestVersion(db, input.surveyId, input.edition);
  if (!edition) throw new NotFoundError(`There is no edition ${input.surveyId}/${input.edition}.`);
  const errors: Record<string, string[]> = {};
  if (!input.name.trim()) errors.name = ['A campaign needs a name.'];
  if (!(input.closesAt > input.opensAt)) errors.closesAt = ['The closing date must be after the opening date.'];
  if (input.extendedUntil && !(input.extendedUntil > input.closesAt)) errors.extendedUntil = ['An extension must end after the closing date.'];
  for (const [field, d] of [['opensAt', input.opensAt], ['closesAt', input.closesAt], ['extendedUntil', input.extendedUntil]] as const) {
    if (d && !inServiceYears(d)) errors[field] = [`Give a date in the years ${SERVICE_YEARS.min} to ${SERVICE_YEARS.max}.`];
  }
  const lastDay = input.extendedUntil ?? input.closesAt;
  const retainUntil = input.retainUntil === undefined ? defaultRetainUntil(lastDay) : parseCalendarDay(input.retainUntil);
  if (retainUntil === null) errors.retainUntil = [`Give a real date such as 2028-12-31, in the years ${SERVICE_YEARS.min} to ${SERVICE_YEARS.max}.`];
  else if (retainUntil <= lastDay.toISOString().slice(0, 10)) errors.retainUntil = ['Answers must be kept until after the campaign closes.'];
  if (Object.keys(errors).length > 0) throw new ValidationError('The campaign is not valid.', errors);
  return insertCampaign(db, {
    editionId: edition.id,
    name: input.name.trim(),
    opensAt: input.opensAt,
    closesAt: input.closesAt,
    extendedUntil: input.extendedUntil ?? null,
    retainUntil: retainUntil!,
    demo: input.demo ?? false,
  });
}
