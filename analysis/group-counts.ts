/**
 * Responses per group (answered country, link country or authority type) of a filtered set: the
 * entry of the per-country and per-authority-type views. The groups add up to the total shown, so
 * they are suppressed as one breakdown; a hidden group has no results page of its own.
 */
import type { Suppressed } from './aggregate-types.ts';
import { responseCountsBy, type AnyDb } from './answer-queries.ts';
import type { ResultFilters } from './filters.ts';
import { checkFilteredSet } from './question-aggregates.ts';
import { questionCatalogue, type Labelled } from './question-catalogue.ts';
import { effectiveK, shareOf, suppressVector } from './suppress-small-cells.ts';

export type GroupDimension = 'country' | 'linkCountry' | 'authorityType';

const LABELS: Record<GroupDimension, string> = { country: 'country', linkCountry: 'country', authorityType: 'authority_type' };

export interface GroupRow extends Labelled {
  count: number | null;
  share: number | null;
  /**
   * False when the group is hidden here (fewer than k responses, or hidden with such a group): it has
   * no results view of its own either, or its count would follow from the total (filter-differencing.ts).
   */
  open: boolean;
}

export type GroupCounts = { suppressed: false; k: number; total: number; groups: GroupRow[] } | (Suppressed & { k: number });

export async function groupCounts(db: AnyDb, definition: Record<string, unknown>, dimension: GroupDimension, filters: ResultFilters, opts: { k: number; labels?: ReadonlyMap<string, string> }): Promise<GroupCounts> {
  const k = effectiveK(opts.k);
  const check = await checkFilteredSet(db, filters, k);
  if ('suppressed' in check) return { ...check, k };
  const rows = await responseCountsBy(db, filters, dimension);
  const known = questionCatalogue(definition).find((q) => q.name === LABELS[dimension])?.choices ?? [];
  const label = (v: string) => opts.labels?.get(v) ?? known.find((c) => c.value === v)?.label ?? v;
  const order = (v: string) => {
    const i = known.findIndex((c) => c.value === v);
    return i < 0 ? known.length : i;
  };
  const found = rows
    .map((r) => ({ value: r.value ?? 'not_answered', n: Number(r.n) }))
    .sort((a, b) => order(a.value) - order(b.value) || a.value.localeCompare(b.value));
  const shown = suppressVector(found.map((f) => f.n), k);
  return {
    suppressed: false,
    k,
    total: check.responses,
    groups: found.map((f, i) => ({
      value: f.value,
      label: f.value === 'not_answered' ? 'Not answered' : label(f.value),
      count: shown[i] ?? null,
      share: shareOf(shown[i] ?? null, check.responses),
      open: shown[i] !== null && f.value !== 'not_answered',
    })),
  };
}
