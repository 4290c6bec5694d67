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
  kinds: ReadonlyMap<string, QuestionKind>;
}

export function editionInfo(definition: Record<string, unknown>): EditionInfo {
  const catalogue = questionCatalogue(definition);
  return {
    counted: new Set(catalogue.filter((q) => kindModule(q.kind).tally === 'values').map((q) => q.key)),
    kinds: new Map(catalogue.map((q) => [q.key, q.kind])),
  };
}

/** Leave one filter out, as filterCondition's `without`. */
export type Without = ListFilterKey | 'status' | { question: number } | undefined;

/** A grouping of the selected responses: a column, the channel, or one question's single value. */
export type GroupBy = { column: Column } | { channel: true } | { question: string };

/** The index counts the same entries as the SQL path (answer-queries.ts), in the same shape. */
export type EntryCount = EntryRow;

/** The sets one view reads (the index's and the responses it does not hold) and how to filter them. */
export class IndexView {
  constructor(
    private readonly dict: Dictionaries,
    /** Each set with how many of its responses this view reads. */
    private readonly sets: readonly { set: ResponseSet; n: number }[],
    private readonly channels: ReadonlyMap<string, string | null>,
    private readonly filters: ResultFilters,
  ) {}

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

  /** One mask per set: the responses the filters (with overrides) select. */
  select(f: ResultFilters = this.filters, without: Without = undefined): Uint8Array[] {
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
      .map((q) => this.questionMatch(q.question, q.values));
    return this.sets.map(({ set, n }) => {
      const mask = new Uint8Array(n);
      const cols = checks.map((c) => set.cols[c.col]);
      const oks = checks.map((c) => c.ok);
      const { offsets, ents, alive } = set;
      rows: for (let i = 0; i < n; i++) {
        if (alive[i] === 0) continue;
        for (let c = 0; c < cols.length; c++) if (oks[c]![cols[c]![i]!] !== 1) continue rows;
        for (const match of questions) {
          let found = false;
          for (let j = offsets[i]!, end = offsets[i + 1]!; j < end; j++) {
            if (match[ents[j]!] === 1) { found = true; break; }
          }
          if (!found) continue rows;
        }
        mask[i] = 1;
      }
      return mask;
    });
  }

  count(masks: readonly Uint8Array[] = this.select()): number {
    let n = 0;
    for (const m of masks) for (let i = 0; i < m.length; i++) n += m[i]!;
    return n;
  }

  /** A function from (set, ordinal) to the response's group value (null: none). */
  private grouping(by: GroupBy): (set: ResponseSet, i: number) => string | null {
    if ('column' in by) {
      const values = this.dict.columns[by.column].values;
      return (set, i) => values[set.cols[by.column][i]!] ?? null;
    }
    if ('channel' in by) {
      const values = this.dict.columns.link.values;
      return (set, i) => {
        const id = values[set.cols.link[i]!];
        return id ? this.channels.get(id) ?? null : null;
      };
    }
    const keyCode = this.dict.entries.keys.byValue.get(by.question);
    const { defs, keyCode: keyOf } = this.dict.entries;
    return (set, i) => {
      if (keyCode === undefined) return null;
      for (let j = set.offsets[i]!, end = set.offsets[i + 1]!; j < end; j++) {
        const id = set.ents[j]!;
        if (keyOf[id] !== keyCode) continue;
        const d = defs[id]!;
        if (d.kind === 's' || d.kind === 'n' || d.kind === 'e') return d.value;
      }
      return null;
    };
  }

  /** Selected responses per group value (null: none), as `select expr, count(*) ... group by 1`. */
  countBy(by: GroupBy, masks: readonly Uint8Array[] = this.select()): Map<string | null, number> {
    const valueOf = this.grouping(by);
    const out = new Map<string | null, number>();
    this.sets.forEach(({ set, n }, s) => {
      const m = masks[s]!;
      for (let i = 0; i < n; i++) {
        if (m[i] !== 1) continue;
        const v = valueOf(set, i);
        out.set(v, (out.get(v) ?? 0) + 1);
      }
    });
    return out;
  }

  /** Selected responses per pair of group values, both present. */
  countByPair(rows: GroupBy, columns: GroupBy, masks: readonly Uint8Array[] = this.select()): Map<string, { r: string; c: string; n: number }> {
    const rowOf = this.grouping(rows);
    const colOf = this.grouping(columns);
    const out = new Map<string, { r: string; c: string; n: number }>();
    this.sets.forEach(({ set, n }, s) => {
      const m = masks[s]!;
      for (let i = 0; i < n; i++) {
        if (m[i] !== 1) continue;
        const r = rowOf(set, i);
        const c = colOf(set, i);
        if (r === null || c === null || r === '' || c === '') continue;
        const id = JSON.stringify([r, c]);
        const cell = out.get(id);
        if (cell) cell.n++;
        else out.set(id, { r, c, n: 1 });
      }
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
   * The summed entries of the selected responses for the keys asked, as entryCounts gives them:
   * counted keys with their values, count-only keys as answered.
   */
  entries(full: readonly string[], countOnly: readonly string[] = [], masks: readonly Uint8Array[] = this.select()): EntryCount[] {
    const { defs } = this.dict.entries;
    const counts = new Float64Array(defs.length);
    this.sets.forEach(({ set, n }, s) => {
      const m = masks[s]!;
      const { offsets, ents } = set;
      for (let i = 0; i < n; i++) {
        if (m[i] !== 1) continue;
        for (let j = offsets[i]!, end = offsets[i + 1]!; j < end; j++) {
          const id = ents[j]!;
          counts[id] = counts[id]! + 1;
        }
      }
    });
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

/** Whether every answer filter is one the index reproduces for these editions. */
export function answerFiltersIndexable(f: ResultFilters, editions: readonly EditionInfo[]): boolean {
  return f.questions.every((q) => editions.length > 0 && editions.every((e) => e.counted.has(q.question) && kindModule(e.kinds.get(q.question) ?? 'other').filterable));
}

export { COLUMNS };
