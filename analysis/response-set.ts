/**
 * Responses held in memory as columns (analysis/response-index.ts): one dense ordinal per response,
 * a small code per grouping value, and the response's answer entries (answer-entries.ts: the same
 * entries the tallies count) as ids into a shared dictionary, packed one response after another.
 * Any filter is then a pass over a few typed arrays, and a summary a count per entry id.
 *
 * The entries are worked out here from the answers' JSON exactly as entriesOfAnswer does in SQL;
 * an answer this cannot reproduce byte for byte (a nested object in a list, a number JavaScript
 * would print otherwise than PostgreSQL) makes the response unindexable, and the index is then
 * not used at all (results read the database, as without it).
 */

import { derivedValues } from './nested-sources.ts';

export class UnindexableAnswer extends Error {}

/** Values of one column, coded from 1 (0 is null). */
export class Codes {
  readonly byValue = new Map<string, number>();
  readonly values: (string | null)[] = [null];
  code(value: string | null): number {
    if (value === null) return 0;
    let c = this.byValue.get(value);
    if (c === undefined) {
      c = this.values.length;
      this.values.push(value);
      this.byValue.set(value, c);
      if (c > 0xffff) throw new UnindexableAnswer('too many distinct values in one column');
    }
    return c;
  }
}

/** One entry: kind s, n, a, o, c as in answer-entries.ts, or e (an empty single value, never counted). */
export interface EntryDef {
  key: string;
  kind: string;
  value: string;
  sub: string;
  pos: number;
  /** A list element that was a JSON string (what `?|` matches). */
  str: boolean;
}

export class EntryDictionary {
  readonly ids = new Map<string, number>();
  readonly defs: EntryDef[] = [];
  /** Key code of each entry id. */
  keyCode: number[] = [];
  readonly keys = new Codes();
  id(d: EntryDef): number {
    const id0 = `${d.key}\u0000${d.kind}\u0000${d.value}\u0000${d.sub}\u0000${d.pos}\u0000${d.str ? 1 : 0}`;
    let id = this.ids.get(id0);
    if (id === undefined) {
      id = this.defs.length;
      this.defs.push(d);
      this.keyCode.push(this.keys.code(d.key));
      this.ids.set(id0, id);
    }
    return id;
  }
}

export const COLUMNS = ['edition', 'campaign', 'link', 'linkCountry', 'country', 'authorityType', 'language', 'wave', 'status'] as const;
export type Column = (typeof COLUMNS)[number];

/** The shared dictionaries of an index: its response sets' codes mean the same. */
export interface Dictionaries {
  columns: Record<Column, Codes>;
  entries: EntryDictionary;
}

export function newDictionaries(): Dictionaries {
  return { columns: Object.fromEntries(COLUMNS.map((c) => [c, new Codes()])) as Record<Column, Codes>, entries: new EntryDictionary() };
}

export interface StoredResponse {
  id: string;
  edition_id: string;
  campaign_id: string;
  link_id: string;
  link_country: string | null;
  country: string | null;
  authority_type: string | null;
  language: string | null;
  wave_id: string | null;
  status: string;
  /** answers::text */
  answers: string;
  fold_seq: number;
}

/** Text of a JSON scalar as `#>> '{}'` and the `_text` functions give it; throws when it could differ. */
function scalarText(v: unknown): string | null {
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number') {
    const t = String(v);
    if (/[eE]/.test(t) || !Number.isFinite(v)) throw new UnindexableAnswer('a number PostgreSQL would print otherwise');
    return t;
  }
  if (v === null) return null;
  throw new UnindexableAnswer('a nested value in a list or matrix');
}

const utf8 = new TextEncoder();
const ASCII = /^[\x00-\x7f]*$/;
/** jsonb's order of object keys: shorter first, then bytewise. */
function jsonbKeyOrder(a: string, b: string): number {
  // ASCII names (nearly all): JavaScript's order of code units is the bytewise one, without encoding.
  if (ASCII.test(a) && ASCII.test(b)) return a.length !== b.length ? a.length - b.length : a < b ? -1 : a > b ? 1 : 0;
  const x = utf8.encode(a);
  const y = utf8.encode(b);
  if (x.length !== y.length) return x.length - y.length;
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
  return 0;
}

/** The entries of one response's answers, as entriesOfAnswer makes them (`counted` keys with values). */
export function entriesOf(answers: Record<string, unknown>, counted: ReadonlySet<string>, out: EntryDef[], derived: readonly string[] = []): void {
  for (const [key, v] of Object.entries(answers)) entriesOfValue(key, v, counted.has(key), out);
  // Answers inside answers, under their derived keys, as answerPairs adds them in SQL.
  for (const key of derived) for (const v of derivedValues(answers, key)) entriesOfValue(key, v, counted.has(key), out);
}

function entriesOfValue(key: string, v: unknown, isCounted: boolean, out: EntryDef[]): void {
  if (Array.isArray(v)) {
    if (!isCounted) {
      if (v.length > 0) out.push({ key, kind: 'c', value: '', sub: '', pos: 0, str: false });
      return;
    }
    v.forEach((element, i) => {
      const text = scalarText(element);
      if (text !== null) out.push({ key, kind: 'a', value: text, sub: '', pos: i + 1, str: typeof element === 'string' });
    });
  } else if (v !== null && typeof v === 'object') {
    if (!isCounted) {
      if (Object.keys(v).length > 0) out.push({ key, kind: 'c', value: '', sub: '', pos: 0, str: false });
      return;
    }
    const names = Object.keys(v).sort(jsonbKeyOrder);
    names.forEach((name, i) => {
      const text = scalarText((v as Record<string, unknown>)[name]);
      if (text !== null) out.push({ key, kind: 'o', value: name, sub: text, pos: i + 1, str: false });
    });
  } else if (v !== null) {
    const text = scalarText(v)!;
    if (text === '') {
      if (isCounted) out.push({ key, kind: 'e', value: '', sub: '', pos: 0, str: false });
    } else if (!isCounted) out.push({ key, kind: 'c', value: '', sub: '', pos: 0, str: false });
    else out.push({ key, kind: typeof v === 'number' ? 'n' : 's', value: text, sub: '', pos: 0, str: false });
  }
}

type Growable = Uint8Array | Uint16Array | Uint32Array | Float64Array;

/**
 * Room for `need` elements. Small arrays double; large ones grow by an eighth, so that the copy made
 * when a million responses' entries grow costs an eighth more, not half again (memory per copy).
 */
function grow<T extends Growable>(a: T, need: number): T {
  if (need <= a.length) return a;
  const step = a.length < 1 << 20 ? a.length : a.length >> 3;
  const b = new (a.constructor as new (n: number) => T)(Math.max(need, a.length + step, 1024));
  b.set(a);
  return b;
}

let serials = 0;

/** A set of responses as columns; appended to, never reordered (an ordinal is a response for good). */
export class ResponseSet {
  /** Tells sets apart (a reload builds a new one): a kept selection is of one set. */
  readonly serial = ++serials;
  n = 0;
  cols: Record<Column, Uint16Array>;
  alive = new Uint8Array(0);
  foldSeq = new Float64Array(0);
  /** 16 bytes per response (its uuid), to find a deleted one. */
  ids = new Uint8Array(0);
  offsets = new Uint32Array(1);
  /**
   * Entry ids, two bytes each while the dictionary has fewer than 65,536 entries (it has a few
   * thousand for the 2022 edition): half the memory of the index. Widened once if it ever grows.
   */
  ents: Uint16Array | Uint32Array = new Uint16Array(0);
  /** Responses [0, committed) are counted in `totals`; later ones are being appended by a catch-up. */
  committed = 0;
  /** Per entry id, the living committed responses that have it: a view selecting most of them counts the rest. */
  totals = new Float64Array(0);
  /** Living committed responses. */
  living = 0;
  /** Changes with every commit and deletion: a view compares it before trusting `totals` or a kept selection. */
  version = 0;
  /**
   * Per question key (its code) with single values, the response's value entry id + 1 (0: none): an
   * answer filter or a breakdown by such a question reads one column instead of every entry.
   */
  scalars = new Map<number, Uint16Array | Uint32Array>();
  /** Per column, how many responses hold each code: a condition every response meets is skipped. */
  codeCounts: Record<Column, Float64Array>;
  private scratch: EntryDef[] = [];

  constructor(readonly dict: Dictionaries, private readonly keysOf: (editionId: string) => { counted: ReadonlySet<string>; derived: readonly string[] }) {
    this.cols = Object.fromEntries(COLUMNS.map((c) => [c, new Uint16Array(0)])) as Record<Column, Uint16Array>;
    this.codeCounts = Object.fromEntries(COLUMNS.map((c) => [c, new Float64Array(16)])) as Record<Column, Float64Array>;
  }

  add(r: StoredResponse): void {
    const answers = JSON.parse(r.answers) as Record<string, unknown>;
    this.scratch.length = 0;
    const keys = this.keysOf(r.edition_id);
    entriesOf(answers, keys.counted, this.scratch, keys.derived);
    const i = this.n;
    const values: Record<Column, string | null> = {
      edition: r.edition_id, campaign: r.campaign_id, link: r.link_id, linkCountry: r.link_country, country: r.country,
      authorityType: r.authority_type, language: r.language, wave: r.wave_id, status: r.status,
    };
    for (const c of COLUMNS) {
      this.cols[c] = grow(this.cols[c], i + 1);
      const code = this.dict.columns[c].code(values[c]);
      this.cols[c][i] = code;
      this.codeCounts[c] = grow(this.codeCounts[c], code + 1);
      this.codeCounts[c][code]!++;
    }
    this.alive = grow(this.alive, i + 1);
    this.alive[i] = 1;
    this.foldSeq = grow(this.foldSeq, i + 1);
    this.foldSeq[i] = r.fold_seq;
    this.ids = grow(this.ids, (i + 1) * 16);
    this.ids.set(uuidBytes(r.id), i * 16);
    const start = this.offsets[i]!;
    this.offsets = grow(this.offsets, i + 2);
    this.ents = grow(this.ents, start + this.scratch.length);
    for (let j = 0; j < this.scratch.length; j++) {
      const d = this.scratch[j]!;
      const id = this.dict.entries.id(d);
      if (id > 0xffff && this.ents instanceof Uint16Array) this.ents = Uint32Array.from(this.ents);
      this.ents[start + j] = id;
      if (d.kind === 's' || d.kind === 'n' || d.kind === 'e') {
        const key = this.dict.entries.keyCode[id]!;
        let col = this.scalars.get(key) ?? new Uint16Array(0);
        col = grow(col, i + 1);
        if (id + 1 > 0xffff && col instanceof Uint16Array) col = Uint32Array.from(col);
        col[i] = id + 1;
        this.scalars.set(key, col);
      }
    }
    this.offsets[i + 1] = start + this.scratch.length;
    this.n = i + 1;
  }

  /** Counts the responses appended since the last commit in `totals` (synchronously with the view's `n`). */
  commit(upto: number = this.n): void {
    if (this.totals.length < this.dict.entries.defs.length) {
      const t = new Float64Array(this.dict.entries.defs.length + 1024);
      t.set(this.totals);
      this.totals = t;
    }
    const { offsets, ents, totals, alive } = this;
    for (let i = this.committed; i < upto; i++) {
      if (alive[i] === 0) continue;
      this.living++;
      for (let j = offsets[i]!, end = offsets[i + 1]!; j < end; j++) totals[ents[j]!]!++;
    }
    this.committed = upto;
    this.version++;
  }

  /** Lets go of a response (deleted or purged), keeping `totals` equal to the living ones. */
  kill(i: number): void {
    if (this.alive[i] === 0) return;
    this.alive[i] = 0;
    this.version++;
    if (i >= this.committed) return;
    this.living--;
    for (let j = this.offsets[i]!, end = this.offsets[i + 1]!; j < end; j++) this.totals[this.ents[j]!]!--;
  }

  /** The ordinal of a response by id, or -1 (a scan: deletions are rare). */
  find(id: string): number {
    const b = uuidBytes(id);
    outer: for (let i = 0; i < this.n; i++) {
      const o = i * 16;
      for (let j = 0; j < 16; j++) if (this.ids[o + j] !== b[j]) continue outer;
      return i;
    }
    return -1;
  }

  /** The id of the response at ordinal i. */
  idOf(i: number): string {
    let hex = '';
    for (let j = 0; j < 16; j++) hex += this.ids[i * 16 + j]!.toString(16).padStart(2, '0');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  }

  /** Bytes held by the typed arrays (what one server copy pays per response). */
  bytes(): number {
    return COLUMNS.reduce((a, c) => a + this.cols[c].byteLength, 0) + this.alive.byteLength + this.foldSeq.byteLength + this.ids.byteLength
      + this.offsets.byteLength + this.ents.byteLength + this.totals.byteLength + [...this.scalars.values()].reduce((a, c) => a + c.byteLength, 0);
  }
}

function uuidBytes(id: string): Uint8Array {
  const hex = id.replace(/-/g, '');
  const out = new Uint8Array(16);
  for (let i = 0; i < 16; i++) out[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}
