/**
 * Which module a question is of. Adding a kind of question: one module file in this folder, one
 * line in KINDS below (and its summary type in aggregate-types.ts's SummaryByKind).
 */
import type { Question } from 'survey-core';
import type { QuestionSummary, SummaryByKind } from '../aggregate-types.ts';
import type { QuestionKind } from '../question-catalogue.ts';
import type { KindModule } from './kind-module.ts';
import { dateKind } from './date-kind.ts';
import { computedKind } from './computed-kind.ts';
import { matrixKind } from './matrix-kind.ts';
import { multiKind } from './multi-kind.ts';
import { numberKind } from './number-kind.ts';
import { otherKind } from './other-kind.ts';
import { rankingKind } from './ranking-kind.ts';
import { ratingKind } from './rating-kind.ts';
import { singleKind } from './single-kind.ts';
import { textKind } from './text-kind.ts';

type Registry = { [K in QuestionKind]: KindModule<K> };

let kinds: Registry | undefined;
/**
 * Built on first use, not at load: the modules use the surfaces (charts, reports) that ask this
 * registry, so the import cycle must not read a module before it is defined.
 */
function registry(): Registry {
  // In the order a question is matched: numbers and dates are text questions, so they come before text.
  kinds ??= {
    single: singleKind,
    multi: multiKind,
    rating: ratingKind,
    ranking: rankingKind,
    matrix: matrixKind,
    number: numberKind,
    date: dateKind,
    text: textKind,
    computed: computedKind,
    other: otherKind,
  };
  return kinds;
}

/** Every kind module, in matching order ("other", the fallback, last). */
export function kindModules(): KindModule<QuestionKind>[] {
  const all = Object.values(registry()) as KindModule<QuestionKind>[];
  return [...all.filter((m) => m.kind !== 'other'), registry().other];
}

/** The module of a kind (a catalogue entry's or a summary's `kind`). */
export function kindModule<K extends QuestionKind>(kind: K): KindModule<K> {
  return registry()[kind];
}

/** The module of a survey-core question. */
export function moduleOfQuestion(q: Question): KindModule<QuestionKind> {
  return kindModules().find((m) => m.hosts(q)) ?? registry().other;
}

/** A shown summary with its own module, typed together so that the module takes that summary. */
export type ShownSummary = SummaryByKind[QuestionKind];

/** Calls `use` with the module of a shown summary. */
export function withModule<R>(s: ShownSummary, use: <K extends QuestionKind>(m: KindModule<K>, s: SummaryByKind[K]) => R): R {
  return use(kindModule(s.kind), s as never);
}

export const isShown = (s: QuestionSummary): s is ShownSummary => !s.suppressed;
