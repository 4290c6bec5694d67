/**
 * A server copy's in-memory index of the folded responses (response-set.ts), so that every results
 * view answers from typed arrays whatever the filter: a filter is a pass over a few columns (and, for
 * an answer filter, over the response's entry ids), a summary a count per entry id.
 *
 * PostgreSQL stays the one source of truth. The index is loaded from it at start and follows the
 * tally_event log (response-index-source.ts): fold batches, deletions, purges. Each view reads,
 * besides the index, the responses it does not hold from the database (those not folded yet, folded
 * after its last catch-up, and partial ones when asked): the figures are those of reading every
 * response at every moment, on every server copy.
 *
 * What the index cannot answer exactly (a filter on a free text or a matrix, a question unknown to
 * the edition) is left to the SQL path: `view()` then says null.
 */
import { derivedKeys } from './nested-sources.ts';
import type { EntryRow } from './answer-queries.ts';
import type { ListFilterKey, ResultFilters } from './filters.ts';
import { questionCatalogue, type QuestionKind } from './question-catalogue.ts';
import { kindModule } from './question-kinds/registry.ts';
import { COLUMNS, type Column, type Dictionaries, type ResponseSet } from './response-set.ts';


export const LIST_COLUMN: Record<ListFilterKey, Column> = {
  country: 'country', linkCountry: 'linkCountry', authorityType: 'authorityType', channel: 'link', language: 'language', wave: 'wave',
};

export interface EditionInfo {
  counted: ReadonlySet<string>;
  /** Derived keys of answers inside answers (nested-sources.ts). */
  derived: readonly string[];
  kinds: ReadonlyMap<string, QuestionKind>;
}

export function editionInfo(definition: Record<string, unknown>): EditionInfo {
  const catalogue = questionCatalogue(definition);
  return {
    counted: new Set(catalogue.filter((q) => kindModule(q.kind).tally === 'values').map((q) => q.key)),
    derived: derivedKeys(catalogue.map((q) => q.key)),
    kinds: new Map(catalogue.map((q) => [q.key, q.kind])),
  };
}

/** Leave one filter out, as filterCondition's `without`. */
export type Without = ListFilterKey | 'status' | { question: number } | undefined;

/** A grouping of the selected responses: a column, the channel, or one question's single value. */
export type GroupBy = { column: Column } | { channel: true } | { question: string };

/** The index counts the same entries as the SQL path (answer-queries.ts), in the same shape. */
export type EntryCount = EntryRow;

/** Group values coded per response: `codes[i]` indexes `values` (0: none). */
interface Coded {
  codes: ArrayLike<number>;
  values: readonly (string | null)[];
}

/** The sets one view reads (the index's and the responses it does not hold) and how to filter them. */
export class IndexView {
  /** The version of each set when the view was taken (see ResponseSet.version). */
  private readonly versions: number[];

  constructor(
    private readonly dict: Dictionaries,
    /** Each set with how many of its responses this view reads. */
    private readonly sets: readonly { set: ResponseSet; n: number }[],
    private readonly channels: ReadonlyMap<string, string | null>,
    private readonly filters: ResultFilters,
    /** Selections of the first set kept between the views of one moment (emptied when the index changes). */
    private readonly kept: Map<string, Uint8Array> = new Map(),
  ) {
    this.versions = sets.map(({ set }) => set.version);
  }

  private allowed(column: Column, values: readonly string[]): Uint8Array {
    const codes = this.dict.columns[column];
    const out = new Uint8Array(codes.values.length + 1);
    for (const v of values) {
      const c = codes.byValue.get(v);
      if (c !== undefined) out[c] = 1;
    }
    return out;
  }

  private channelAllowed(values: readonly string[]): Uint8Array {
    const links = this.dict.columns.link;
    const out = new Uint8Array(links.values.length + 1);
    links.values.forEach((id, code) => {
      const channel = id === null ? null : this.channels.get(id) ?? null;
      if (channel !== null && values.includes(channel)) out[code] = 1;
    });
    return out;
  }

  /** Entry ids an answer filter accepts: as `->> in (...)` or `?| array[...]` would. */
  private questionMatch(question: string, values: readonly string[]): Uint8Array {
    const { defs } = this.dict.entries;
    const out = new Uint8Array(defs.length);
    const wanted = new Set(values);
    defs.forEach((d, id) => {
      if (d.key !== question || !wanted.has(d.value)) return;
      if (d.kind === 's' || d.kind === 'n' || (d.kind === 'a' && d.str)) out[id] = 1;
    });
    return out;
  }

  /** Whether set s is as it was when the view was taken (its counts and kept selections hold). */
  private unchanged(s: number): boolean {
    return this.sets[s]!.set.version === this.versions[s];
  }

  /**
   * One mask per set: the responses the filters (with overrides) select. Each condition is one tight
   * pass that clears the mask where it fails, the cheapest first; an answer filter looks at the
   * entries of the responses still selected only.
   */
  select(f: ResultFilters = this.filters, without: Without = undefined): Uint8Array[] {
    const id = JSON.stringify([f.editionId, f.campaignId, f.status === 'complete' && without !== 'status',
      (Object.keys(LIST_COLUMN) as ListFilterKey[]).map((key) => (without === key ? [] : f[key])),
      f.questions.filter((_, i) => !(typeof without === 'object' && without.question === i)), this.sets[0]?.set.serial, this.sets[0]?.n, this.versions[0]]);
    const checks: { col: Column; ok: Uint8Array }[] = [];
    const one = (col: Column, values: readonly string[]) => checks.push({ col, ok: this.allowed(col, values) });
    if (f.editionId) one('edition', [f.editionId]);
    if (f.campaignId) one('campaign', [f.campaignId]);
    if (f.status === 'complete' && without !== 'status') one('status', ['complete']);
    for (const key of Object.keys(LIST_COLUMN) as ListFilterKey[]) {
      if (f[key].length === 0 || without === key) continue;
      if (key === 'channel') checks.push({ col: 'link', ok: this.channelAllowed(f.channel) });
      else one(LIST_COLUMN[key], f[key]);
    }
    const questions = f.questions
      .filter((_, i) => !(typeof without === 'object' && without.question === i))
      .map((q) => ({ key: q.question, ids: this.questionMatch(q.question, q.values) }));
    return this.sets.map(({ set, n }, s) => {
      if (s === 0 && this.unchanged(0)) {
        const known = this.kept.get(id);
        if (known) return known;
      }
      const mask = set.alive.slice(0, n);
      for (const { col, ok } of checks) {
        // The edition, complete responses: a condition every response of the set meets costs nothing.
        if (set.codeCounts[col].every((count, code) => count === 0 || ok[code] === 1)) continue;
        narrow(mask, set.cols[col], ok);
      }
      for (const match of questions) {
        const scalar = this.scalarMatch(set, n, match);
        if (scalar) narrow(mask, scalar.col, scalar.ok);
        else narrowByEntries(mask, set.offsets, set.ents, match.ids);
      }
      if (s === 0 && this.unchanged(0)) {
        // A few selections are enough (one byte per response each): one view asks for its own and its probes' again and again.
        if (this.kept.size >= 12) this.kept.delete(this.kept.keys().next().value!);
        this.kept.set(id, mask);
      }
      return mask;
    });
  }

  /**
   * An answer filter on a question with single values only: its column (ResponseSet.scalars) and the
   * codes (entry id + 1) it accepts. Null when the filter may match a list element.
   */
  private scalarMatch(set: ResponseSet, n: number, match: { key: string; ids: Uint8Array }): { col: Uint16Array | Uint32Array; ok: Uint8Array } | null {
    const { defs } = this.dict.entries;
    const ok = new Uint8Array(defs.length + 1);
    for (let id = 0; id < match.ids.length; id++) {
      if (match.ids[id] !== 1) continue;
      if (defs[id]!.kind === 'a') return null;
      ok[id + 1] = 1;
    }
    const col = scalarColumn(set, this.dict.entries.keys.byValue.get(match.key), n);
    return { col, ok };
  }

  count(masks: readonly Uint8Array[] = this.select()): number {
    let n = 0;
    for (const m of masks) n += countOnes(m);
    return n;
  }

  /** The group value of every response of a set, coded. */
  private coded(by: GroupBy, set: ResponseSet, n: number, mask: Uint8Array): Coded {
    if ('column' in by) return { codes: set.cols[by.column], values: this.dict.columns[by.column].values };
    if ('channel' in by) {
      const links = this.dict.columns.link.values;
      const values: (string | null)[] = [null];
      const byChannel = new Map<string, number>();
      const linkCode = new Uint16Array(links.length);
      links.forEach((id, code) => {
        const channel = id ? this.channels.get(id) ?? null : null;
        if (channel === null) return;
        let c = byChannel.get(channel);
        if (c === undefined) {
          c = values.length;
          values.push(channel);
          byChannel.set(channel, c);
        }
        linkCode[code] = c;
      });
      const codes = new Uint16Array(n);
      const link = set.cols.link;
      for (let i = 0; i < n; i++) if (mask[i] === 1) codes[i] = linkCode[link[i]!]!;
      return { codes, values };
    }
    // One question's single value: the entry id of the value, found among the selected responses' entries.
    const { defs, keyCode: keyOf } = this.dict.entries;
    const keyCode = this.dict.entries.keys.byValue.get(by.question);
    const valueOf = new Int32Array(defs.length).fill(-1);
    const values: (string | null)[] = [null];
    const byValue = new Map<string, number>();
    if (keyCode !== undefined) {
      for (let id = 0; id < defs.length; id++) {
        const d = defs[id]!;
        if (keyOf[id] !== keyCode || !(d.kind === 's' || d.kind === 'n' || d.kind === 'e')) continue;
        let c = byValue.get(d.value);
        if (c === undefined) {
          c = values.length;
          values.push(d.value);
          byValue.set(d.value, c);
        }
        valueOf[id] = c;
      }
    }
    const codes = new Uint32Array(n);
    if (byValue.size > 0) {
      const col = scalarColumn(set, keyCode, n);
      for (let i = 0; i < n; i++) {
        const e = col[i]!;
        if (mask[i] === 1 && e > 0) codes[i] = Math.max(valueOf[e - 1]!, 0);
      }
    }
    return { codes, values };
  }

  /** Selected responses per group value (null: none), as `select expr, count(*) ... group by 1`. */
  countBy(by: GroupBy, masks: readonly Uint8Array[] = this.select()): Map<string | null, number> {
    const out = new Map<string | null, number>();
    this.sets.forEach(({ set, n }, s) => {
      const m = masks[s]!;
      const { codes, values } = this.coded(by, set, n, m);
      const counts = new Float64Array(values.length + 1);
      for (let i = 0; i < n; i++) if (m[i] === 1) counts[codes[i]!]!++;
      counts.forEach((c, code) => {
        if (c === 0) return;
        const v = values[code] ?? null;
        out.set(v, (out.get(v) ?? 0) + c);
      });
    });
    return out;
  }

  /** Selected responses per pair of group values, both present. */
  countByPair(rows: GroupBy, columns: GroupBy, masks: readonly Uint8Array[] = this.select()): Map<string, { r: string; c: string; n: number }> {
    const out = new Map<string, { r: string; c: string; n: number }>();
    this.sets.forEach(({ set, n }, s) => {
      const m = masks[s]!;
      const r = this.coded(rows, set, n, m);
      const c = this.coded(columns, set, n, m);
      const width = c.values.length + 1;
      const counts = new Float64Array((r.values.length + 1) * width);
      for (let i = 0; i < n; i++) if (m[i] === 1) counts[r.codes[i]! * width + c.codes[i]!]!++;
      counts.forEach((count, cell) => {
        if (count === 0) return;
        const rv = r.values[Math.floor(cell / width)] ?? null;
        const cv = c.values[cell % width] ?? null;
        if (rv === null || cv === null || rv === '' || cv === '') return;
        const id = JSON.stringify([rv, cv]);
        const known = out.get(id);
        if (known) known.n += count;
        else out.set(id, { r: rv, c: cv, n: count });
      });
    });
    return out;
  }

  /**
   * Ids of up to `limit` selected responses that answered the count-only key `key` (a free text),
   * for a sample of texts read by id.
   */
  answeredIds(key: string, limit: number, masks: readonly Uint8Array[] = this.select()): string[] {
    const keyCode = this.dict.entries.keys.byValue.get(key);
    if (keyCode === undefined) return [];
    const { defs, keyCode: keyOf } = this.dict.entries;
    const out: string[] = [];
    this.sets.forEach(({ set, n }, s) => {
      const m = masks[s]!;
      for (let i = 0; i < n && out.length < limit; i++) {
        if (m[i] !== 1) continue;
        for (let j = set.offsets[i]!, end = set.offsets[i + 1]!; j < end; j++) {
          const id = set.ents[j]!;
          if (keyOf[id] === keyCode && defs[id]!.kind === 'c') {
            out.push(set.idOf(i));
            break;
          }
        }
      }
    });
    return out;
  }

  /**
   * Per entry id, how many selected responses have it. When most of a set's committed responses are
   * selected, its totals less the entries of the others: the unfiltered summary reads almost nothing.
   */
  private entryCounts(masks: readonly Uint8Array[]): Float64Array {
    const counts = new Float64Array(this.dict.entries.defs.length);
    this.sets.forEach(({ set, n }, s) => {
      const m = masks[s]!;
      // The first set's counts of a kept selection are kept with it (a summary reads them twice).
      const known = s === 0 && this.unchanged(0) ? countsOfKept.get(m) : undefined;
      if (known) {
        for (let id = 0; id < known.length; id++) counts[id] = counts[id]! + known[id]!;
        return;
      }
      if (s === 0 && this.unchanged(0) && [...this.kept.values()].includes(m)) {
        const own = this.setEntryCounts(set, n, m, s);
        countsOfKept.set(m, own);
        for (let id = 0; id < own.length; id++) counts[id] = counts[id]! + own[id]!;
        return;
      }
      const own = this.setEntryCounts(set, n, m, s);
      for (let id = 0; id < own.length; id++) counts[id] = counts[id]! + own[id]!;
    });
    return counts;
  }

  /** Per entry id, how many of one set's selected responses have it. */
  private setEntryCounts(set: ResponseSet, n: number, m: Uint8Array, s: number): Float64Array {
    const counts = new Float64Array(this.dict.entries.defs.length);
    const { offsets, ents } = set;
    const selected = countOnes(m);
    if (this.unchanged(s) && n === set.committed && selected > set.living / 2) {
      const { totals, alive } = set;
      for (let id = 0; id < counts.length && id < totals.length; id++) counts[id] = counts[id]! + totals[id]!;
      for (let i = 0; i < n; i++) {
        if (m[i] === 1 || alive[i] === 0) continue;
        for (let j = offsets[i]!, end = offsets[i + 1]!; j < end; j++) counts[ents[j]!]!--;
      }
      return counts;
    }
    for (let i = 0; i < n; i++) {
      if (m[i] !== 1) continue;
      for (let j = offsets[i]!, end = offsets[i + 1]!; j < end; j++) counts[ents[j]!]!++;
    }
    return counts;
  }

  /**
   * The summed entries of the selected responses for the keys asked, as entryCounts gives them:
   * counted keys with their values, count-only keys as answered.
   */
  entries(full: readonly string[], countOnly: readonly string[] = [], masks: readonly Uint8Array[] = this.select()): EntryCount[] {
    const { defs } = this.dict.entries;
    const counts = this.entryCounts(masks);
    const wantValues = new Set(full);
    const wantCount = new Set(countOnly);
    const rows = new Map<string, EntryCount>();
    for (let id = 0; id < defs.length; id++) {
      const n = counts[id]!;
      if (n === 0) continue;
      const d = defs[id]!;
      if (d.kind === 'e') continue;
      const ok = d.kind === 'c' ? wantCount.has(d.key) : wantValues.has(d.key);
      if (!ok) continue;
      const rowId = `${d.key}\u0000${d.kind}\u0000${d.value}\u0000${d.sub}\u0000${d.pos}`;
      const row = rows.get(rowId);
      if (row) row.n += n;
      else rows.set(rowId, { key: d.key, kind: d.kind, value: d.value, sub: d.sub, pos: d.pos, n });
    }
    return [...rows.values()];
  }
}

/** Per kept selection (the first set's), its entry counts. */
const countsOfKept = new WeakMap<Uint8Array, Float64Array>();

/** A set's column of one single-valued question, at least n long (0 where a response has no value). */
function scalarColumn(set: ResponseSet, keyCode: number | undefined, n: number): Uint16Array | Uint32Array {
  let col = keyCode === undefined ? undefined : set.scalars.get(keyCode);
  if (!col) return new Uint16Array(n);
  if (col.length < n) {
    const longer = new (col.constructor as new (n: number) => Uint16Array | Uint32Array)(n);
    longer.set(col);
    col = longer;
    set.scalars.set(keyCode!, col);
  }
  return col;
}

/** Clears mask[i] where the response's column value is not allowed. */
function narrow(mask: Uint8Array, col: Uint16Array | Uint32Array, ok: Uint8Array): void {
  for (let i = 0; i < mask.length; i++) if (mask[i] === 1 && ok[col[i]!] !== 1) mask[i] = 0;
}

/** Clears mask[i] where none of the response's entries matches. */
function narrowByEntries(mask: Uint8Array, offsets: Uint32Array, ents: Uint16Array | Uint32Array, match: Uint8Array): void {
  rows: for (let i = 0; i < mask.length; i++) {
    if (mask[i] !== 1) continue;
    for (let j = offsets[i]!, end = offsets[i + 1]!; j < end; j++) if (match[ents[j]!] === 1) continue rows;
    mask[i] = 0;
  }
}

function countOnes(m: Uint8Array): number {
  let n = 0;
  for (let i = 0; i < m.length; i++) n += m[i]!;
  return n;
}

/** Whether every answer filter is one the index reproduces for these editions. */
export function answerFiltersIndexable(f: ResultFilters, editions: readonly EditionInfo[]): boolean {
  return f.questions.every((q) => editions.length > 0 && editions.every((e) => e.counted.has(q.question) && kindModule(e.kinds.get(q.question) ?? 'other').filterable));
}

export { COLUMNS };
