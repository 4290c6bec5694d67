/**
 * Loads a server copy's response index (response-index.ts) from PostgreSQL and keeps it equal to
 * it: at start every folded response, in one repeatable-read snapshot with the last tally_event;
 * then, before each view (and on a timer), the events since: fold batches are read by their number
 * (response.fold_seq), deletions and purges let go of their responses; a copy that finds events
 * it never read shuffled or pruned away loads again. The responses the index does
 * not hold are read for each view. Events are written under the tally lock, so the committed ones
 * are always a prefix of the sequence and no batch is ever skipped.
 */
import { setImmediate as nextTurn } from 'node:timers/promises';
import { sql, type RawBuilder } from 'kysely';
import type { AnyDb } from './answer-queries.ts';
import type { ResultFilters } from './filters.ts';
import { answerFiltersIndexable, editionInfo, IndexView, type EditionInfo } from './response-index.ts';
import { newDictionaries, ResponseSet, UnindexableAnswer, type Dictionaries, type StoredResponse } from './response-set.ts';

const COLUMNS_READ = sql`r.id::text as id, r.edition_id::text as edition_id, r.campaign_id::text as campaign_id, r.link_id::text as link_id,
  r.link_country, r.country, r.authority_type, r.language, r.wave_id::text as wave_id, r.status, r.answers::text as answers,
  coalesce(r.fold_seq, 0)::float8 as fold_seq`;

/** Responses read per statement while loading. */
const PAGE = 20_000;
/**
 * Responses taken into the index between two turns of the event loop (some 80 ms of parsing at
 * most): a copy loading a million responses goes on answering submissions and pages meanwhile.
 */
export const LOAD_SLICE = 1_000;
/** The keys of an edition the index does not know (none counted, none derived). */
const NO_KEYS = { counted: new Set<string>(), derived: [] };

class ResponseIndexState {
  dict: Dictionaries = newDictionaries();
  main: ResponseSet;
  /** The last tally_event the index has applied. */
  seq = 0;
  editions = new Map<string, EditionInfo>();
  campaignEdition = new Map<string, string>();
  channels = new Map<string, string | null>();
  ready = false;
  /** Why the index is off (an answer it cannot reproduce), if it is. */
  broken: string | null = null;
  private catching: Promise<void> | null = null;

  constructor(private readonly db: AnyDb) {
    this.main = this.newSet();
  }

  /** Responses of `main` the index holds up to `seq` (an unfinished catch-up appends beyond). */
  committed = 0;
  /**
   * The last selections of `main` (see IndexView.select), by filters: the several passes of one view
   * (the set check, the differencing probes, the entries, the texts) each ask for the same selection.
   * Emptied whenever the index changes.
   */
  readonly selections = new Map<string, Uint8Array>();

  private newSet(dict: Dictionaries = this.dict): ResponseSet {
    return new ResponseSet(dict, (id) => this.editions.get(id) ?? NO_KEYS);
  }

  private async knowEditions(db: AnyDb): Promise<void> {
    // Definitions are large: only those of editions not seen yet are read.
    const known = [...this.editions.keys()];
    const { rows } = await sql<{ id: string; definition: Record<string, unknown> }>`select id::text as id, definition from edition
      where not (id::text = any(${known}::text[]))`.execute(db);
    for (const r of rows) this.editions.set(r.id, editionInfo(r.definition));
    const links = await sql<{ id: string; channel: string | null; campaign_id: string }>`select id::text as id, channel, campaign_id::text as campaign_id from link`.execute(db);
    this.channels = new Map(links.rows.map((l) => [l.id, l.channel]));
    const campaigns = await sql<{ id: string; edition_id: string }>`select id::text as id, edition_id::text as edition_id from campaign`.execute(db);
    this.campaignEdition = new Map(campaigns.rows.map((c) => [c.id, c.edition_id]));
  }

  private async readInto(db: AnyDb, set: ResponseSet, where: RawBuilder<unknown>): Promise<void> {
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const { rows } = await sql<StoredResponse>`select ${COLUMNS_READ} from response r
        where ${where} and r.id > ${after}::uuid order by r.id limit ${PAGE}::int`.execute(db);
      for (let i = 0; i < rows.length; i++) {
        set.add(rows[i]!);
        if ((i + 1) % LOAD_SLICE === 0) await nextTurn();
      }
      if (rows.length < PAGE) return;
      after = rows[rows.length - 1]!.id;
    }
  }

  private loading = false;
  /** The last events, links, campaigns and editions seen (see applyEvents). */
  private mark: string | null = null;

  /** Every folded response, and the event they come up to, in one snapshot. */
  async load(): Promise<void> {
    this.loading = true;
    try {
      await this.db.transaction().setIsolationLevel('repeatable read').execute(async (trx) => {
        const { rows } = await sql<{ seq: number }>`select coalesce(max(seq), 0)::float8 as seq from tally_event`.execute(trx);
        await this.knowEditions(trx);
        // Built aside and swapped in at once: views under way keep the dictionary and set they took.
        const dict = newDictionaries();
        const set = this.newSet(dict);
        await this.readInto(trx, set, sql`r.tallied`);
        set.commit();
        this.dict = dict;
        this.main = set;
        this.seq = rows[0]!.seq;
        this.committed = set.n;
        this.selections.clear();
      });
      this.ready = true;
    } catch (err) {
      if (!(err instanceof UnindexableAnswer)) throw err;
      this.broken = err.message;
      this.ready = false;
    } finally {
      this.loading = false;
    }
  }

  /** Applies the events since the last catch-up (one at a time: a second caller waits for the first). */
  catchUp(): Promise<void> {
    this.catching ??= this.applyEvents().finally(() => { this.catching = null; });
    return this.catching;
  }

  private async applyEvents(): Promise<void> {
    // A load that failed (the database away at start) is tried again; one that found an answer it
    // cannot reproduce is not.
    if (!this.ready) {
      if (this.broken === null && !this.loading) await this.load();
      return;
    }
    let reload = false;
    // Most of the time nothing happened: one short statement says so.
    const { rows: [mark] } = await sql<{ mark: string }>`select concat_ws(':', (select max(seq) from tally_event), (select count(*) from link),
      (select count(*) from campaign), (select count(*) from edition)) as mark`.execute(this.db);
    if (mark?.mark === this.mark) return;
    try {
      await this.db.transaction().setIsolationLevel('repeatable read').execute(async (trx) => {
        const { rows: events } = await sql<{ seq: number; kind: string; response_id: string | null; campaign_id: string | null; upto: number | null }>`
          select seq::float8 as seq, kind, response_id::text as response_id, campaign_id::text as campaign_id, upto::float8 as upto
          from tally_event where seq > ${this.seq}::bigint order by seq`.execute(trx);
        await this.knowEditions(trx);
        if (events.length === 0) {
          this.mark = mark?.mark ?? null;
          return;
        }
        // A shuffle erased fold numbers this copy had not read yet, or the log let go of events it
        // had not read (pruned): start again from a snapshot.
        if (events.some((e) => (e.kind === 'shuffle' || e.kind === 'prune') && (e.upto ?? 0) > this.seq)) {
          reload = true;
          return;
        }
        const folds = events.filter((e) => e.kind === 'fold').map((e) => e.seq);
        if (folds.length > 0) await this.readInto(trx, this.main, sql`r.fold_seq = any(${folds}::bigint[])`);
        for (const e of events) {
          if (e.kind === 'remove' && e.response_id) {
            const i = this.main.find(e.response_id);
            if (i >= 0) this.main.kill(i);
          } else if (e.kind === 'purge' && e.campaign_id) {
            const code = this.dict.columns.campaign.byValue.get(e.campaign_id);
            if (code === undefined) continue;
            for (let i = 0; i < this.main.n; i++) if (this.main.cols.campaign[i] === code && this.main.foldSeq[i]! < e.seq) this.main.kill(i);
          }
        }
        this.seq = events[events.length - 1]!.seq;
        this.main.commit();
        this.committed = this.main.n;
        this.selections.clear();
        this.mark = mark?.mark ?? null;
      });
    } catch (err) {
      if (!(err instanceof UnindexableAnswer)) throw err;
      this.broken = err.message;
      this.ready = false;
    }
    if (reload) await this.load();
  }

  /**
   * The view of these filters: the index brought up to date, and the responses it does not hold
   * read from the database (those of the filters' edition or campaign, complete ones not folded or
   * folded since, partial ones when asked). Null when the index cannot answer these filters.
   */
  async view(f: ResultFilters): Promise<IndexView | null> {
    if (!this.ready) return null;
    await this.catchUp();
    if (!this.ready) return null;
    // Taken together, synchronously: a catch-up or reload that starts meanwhile changes none of them.
    const { dict, main, seq, committed, channels } = this;
    const editionIds = f.editionId ? [f.editionId] : f.campaignId ? [this.campaignEdition.get(f.campaignId)].filter((x): x is string => x !== undefined) : [];
    const editions = editionIds.map((id) => this.editions.get(id)).filter((e): e is EditionInfo => e !== undefined);
    if (!answerFiltersIndexable(f, editions)) return null;
    const scope: RawBuilder<unknown>[] = [];
    if (f.editionId) scope.push(sql`r.edition_id = ${f.editionId}::uuid`);
    if (f.campaignId) scope.push(sql`r.campaign_id = ${f.campaignId}::uuid`);
    const within = scope.length > 0 ? sql.join(scope, sql` and `) : sql`true`;
    const rest = this.newSet(dict);
    // Three disjoint parts, each on its own index: waiting to be folded, folded since, partial.
    const parts = [sql`r.status = 'complete' and not r.tallied`, sql`r.fold_seq > ${seq}::bigint`];
    if (f.status === 'all') parts.push(sql`r.status = 'partial'`);
    try {
      const { rows } = await sql<StoredResponse>`${sql.join(parts.map((part) => sql`(select ${COLUMNS_READ} from response r where ${within} and ${part})`), sql` union all `)}`.execute(this.db);
      for (const r of rows) rest.add(r);
    } catch (err) {
      if (err instanceof UnindexableAnswer) return null;
      throw err;
    }
    return new IndexView(dict, [{ set: main, n: committed }, { set: rest, n: rest.n }], channels, f, this.selections);
  }

  bytes(): number {
    return this.main.bytes();
  }
}

const indexes = new WeakMap<object, ResponseIndexState>();

export interface ResponseIndexHandle {
  /** Resolves once the folded responses are loaded (views read the database until then). */
  loaded: Promise<void>;
  catchUp: () => Promise<void>;
  bytes: () => number;
  responses: () => number;
  broken: () => string | null;
  /** Forgets the selections kept between views (a benchmark's rounds are each cold). */
  forgetSelections: () => void;
}

/** Gives this database a response index, loading it in the background; every view of `db` then uses it. */
export function attachResponseIndex(db: AnyDb): ResponseIndexHandle {
  const state = new ResponseIndexState(db);
  indexes.set(db, state);
  return {
    loaded: state.load(),
    catchUp: () => state.catchUp(),
    bytes: () => state.bytes(),
    responses: () => state.main.n,
    broken: () => state.broken,
    forgetSelections: () => state.selections.clear(),
  };
}

export function detachResponseIndex(db: AnyDb): void {
  indexes.delete(db);
}

/** Sets this database's index aside (views read the database) until the function returned is called. */
export function suspendResponseIndex(db: AnyDb): () => void {
  const state = indexes.get(db);
  indexes.delete(db);
  return () => {
    if (state) indexes.set(db, state);
  };
}

/** The index view of these filters on this database, or null (no index, not loaded, or not answerable). */
export async function indexView(db: AnyDb, f: ResultFilters): Promise<IndexView | null> {
  const state = indexes.get(db);
  return state ? state.view(f) : null;
}
