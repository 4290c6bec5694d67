/**
 * Every kind of results view under filters, at the stored size, asked cold (the analysis modules
 * directly, not the results cache), through this process's response index (analysis/
 * response-index.ts) as a server copy holds it: latency (median and worst of several rounds) against
 * the 300 ms / 1 s targets, the index's load time and its memory. A few views are also timed once
 * without the index (the tallies and the responses, as before) for comparison.
 *
 * `npx tsx bench/views.ts -- --sizes=100000,1000000` runs it alone (DATABASE_URL: a PostgreSQL
 * server where it may create and drop a throwaway database); `npm run bench` runs it after each fold.
 */
import os from 'node:os';
import type { Kysely } from 'kysely';
import { crossTabulate } from '../analysis/cross-tab.ts';
import { compareEditions } from '../analysis/edition-comparison.ts';
import { resultFiltersSchema, type ResultFiltersInput } from '../analysis/filters.ts';
import { groupCounts } from '../analysis/group-counts.ts';
import { questionCatalogue } from '../analysis/question-catalogue.ts';
import { summarizeEdition, summarizeQuestion } from '../analysis/question-aggregates.ts';
import { attachResponseIndex, detachResponseIndex, suspendResponseIndex } from '../analysis/response-index-source.ts';
import type { Database } from '../server/db/schema.ts';
import type { BenchCampaign } from './bench-data.ts';
import { median, round } from './stats.ts';

export interface ViewResult {
  responses: number;
  view: string;
  p50Ms: number;
  maxMs: number;
  /** Once, without the index (null when not measured at this size). */
  withoutIndexMs: number | null;
  shown: boolean;
}

export interface IndexCost {
  responses: number;
  loadSeconds: number;
  /** Typed arrays of the index. */
  arraysMb: number;
  /** Growth of the process's heap and array buffers while loading (dictionaries and maps included). */
  heapMb: number;
  /** The process's resident memory once loaded (the runtime, the modules and the index). */
  rssMb: number;
}

interface ViewSpec {
  name: string;
  run: (db: Kysely<Database>) => Promise<unknown>;
}

function specs(c: BenchCampaign): ViewSpec[] {
  const catalogue = questionCatalogue(c.definition);
  const rating = catalogue.find((q) => q.kind === 'rating') ?? catalogue.find((q) => q.kind === 'single' && q.name !== 'country')!;
  const f = (input: Omit<ResultFiltersInput, 'editionId'>) => resultFiltersSchema.parse({ editionId: c.editionId, ...input });
  const opts = { k: 5, viewerMaySeeTexts: true };
  const answer = { question: 'jpp_experience', values: ['yes'] };
  const summary = (input: Omit<ResultFiltersInput, 'editionId'>) => (db: Kysely<Database>) => summarizeEdition(db, c.definition, f(input), opts);
  return [
    { name: 'summary, no filter', run: summary({}) },
    { name: 'summary, country=FR', run: summary({ country: ['FR'] }) },
    { name: 'summary, language=fr', run: summary({ language: ['fr'] }) },
    { name: 'summary, channel=ipnc_email', run: summary({ channel: ['ipnc_email'] }) },
    { name: 'summary, status=all', run: summary({ status: 'all' }) },
    { name: 'summary, q.jpp_experience=yes', run: summary({ questions: [answer] }) },
    { name: 'summary, q.jpp_experience=yes, country=FR', run: summary({ questions: [answer], country: ['FR'] }) },
    { name: 'summary, link_country=FR,ES, language=en, authority_type', run: summary({ linkCountry: ['FR', 'ES'], language: ['en'], authorityType: ['police', 'border_guard'] }) },
    { name: 'group page by country, q.jpp_experience=yes', run: (db) => groupCounts(db, c.definition, 'country', f({ questions: [answer] }), { k: 5 }) },
    { name: 'group page by authority type, language=en', run: (db) => groupCounts(db, c.definition, 'authorityType', f({ language: ['en'] }), { k: 5 }) },
    { name: `cross-tab q.${rating.name} x authority type`, run: (db) => crossTabulate(db, c.definition, { kind: 'question', name: rating.name }, { kind: 'authorityType' }, f({}), { k: 5 }) },
    { name: 'cross-tab country x link country, channel', run: (db) => crossTabulate(db, c.definition, { kind: 'country' }, { kind: 'linkCountry' }, f({ channel: ['ipnc_email'] }), { k: 5 }) },
    {
      name: 'comparison (2022 against itself, language=fr)',
      run: (db) => compareEditions(db,
        { label: 'a', definition: c.definition, filters: f({ language: ['fr'] }) },
        { label: 'b', definition: c.definition, filters: f({}) },
        { k: 5, viewerMaySeeTexts: false }),
    },
    { name: `dashboard click-filter: ${rating.name} where q.jpp_experience=yes`, run: (db) => summarizeQuestion(db, c.definition, rating.name, f({ questions: [answer] }), { k: 5, viewerMaySeeTexts: false }) },
  ];
}

const memory = () => {
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
};

/** Loads an index of the stored (folded) responses and times every view through it. */
export async function measureViews(db: Kysely<Database>, c: BenchCampaign, responses: number, rounds: number, withoutIndex: (view: string) => boolean): Promise<{ views: ViewResult[]; cost: IndexCost }> {
  global.gc?.();
  const before = memory();
  const t0 = performance.now();
  const index = attachResponseIndex(db);
  await index.loaded;
  const loadSeconds = (performance.now() - t0) / 1000;
  global.gc?.();
  const cost = { responses, loadSeconds, arraysMb: index.bytes() / 1e6, heapMb: (memory() - before) / 1e6, rssMb: process.memoryUsage().rss / 1e6 };
  if (index.broken()) throw new Error(`the index is off: ${index.broken()}`);
  const views: ViewResult[] = [];
  try {
    for (const spec of specs(c)) {
      const times: number[] = [];
      let shown = false;
      for (let r = 0; r < rounds; r++) {
        // Cold: the selections one view shares among its passes are not kept for the next round.
        index.forgetSelections();
        const t = performance.now();
        const out = await spec.run(db);
        times.push(performance.now() - t);
        shown = !JSON.stringify(out).startsWith('{"suppressed":true');
      }
      let without: number | null = null;
      if (withoutIndex(spec.name)) {
        const resume = suspendResponseIndex(db);
        const t = performance.now();
        await spec.run(db);
        without = performance.now() - t;
        resume();
      }
      views.push({ responses, view: spec.name, p50Ms: median(times), maxMs: Math.max(...times), withoutIndexMs: without, shown });
    }
  } finally {
    detachResponseIndex(db);
  }
  return { views, cost };
}

export function printViews(views: readonly ViewResult[], costs: readonly IndexCost[]): void {
  const sizes = [...new Set(views.map((v) => v.responses))];
  const fmt = (ms: number | null) => (ms === null ? '-' : ms >= 1000 ? `${round(ms / 1000, 1)} s` : `${round(ms, 0)} ms`);
  console.log('\nResults views through the response index (cold: not from the results cache; median / worst; target 300 ms / 1 s)');
  console.log(`| view | ${sizes.map((s) => `${s.toLocaleString('en')}: median / worst | without index`).join(' | ')} |`);
  console.log(`|---|${sizes.map(() => '---|---').join('|')}|`);
  for (const name of [...new Set(views.map((v) => v.view))]) {
    const cells = sizes.map((s) => {
      const v = views.find((x) => x.view === name && x.responses === s);
      if (!v) return '- | -';
      const ok = v.p50Ms < 300 && v.maxMs < 1000 ? '' : ' (missed)';
      return `${fmt(v.p50Ms)} / ${fmt(v.maxMs)}${ok}${v.shown ? '' : ' (suppressed)'} | ${fmt(v.withoutIndexMs)}`;
    });
    console.log(`| ${name} | ${cells.join(' | ')} |`);
  }
  console.log('\nResponse index per server copy');
  console.log(`| responses | load | typed arrays | heap growth | resident | load average at the end |`);
  console.log('|---|---|---|---|---|---|');
  const load = os.loadavg().map((x) => round(x, 1)).join(' ');
  for (const c of costs) console.log(`| ${c.responses.toLocaleString('en')} | ${round(c.loadSeconds, 1)} s | ${round(c.arraysMb, 0)} MB | ${round(c.heapMb, 0)} MB | ${round(c.rssMb, 0)} MB | ${load} |`);
}
