/**
 * Number questions count things (procurements, partners, staff) unless their definition says
 * otherwise: as in a browser's own number input, whose default step is 1, a number question without
 * a `step`, or with a whole-number step, accepts whole numbers only. The rule is the server's, so
 * that editions with answers keep their definitions (and content hashes) unchanged.
 */
import type { Question } from 'survey-core';

/** The message in every language of the network; English fills any other. */
const WHOLE_NUMBER: Record<string, string> = {
  en: 'Enter a whole number.',
  fr: 'Saisissez un nombre entier.',
  sk: 'Zadajte celé číslo.',
  lt: 'Įveskite sveikąjį skaičių.',
  bg: 'Въведете цяло число.',
  et: 'Sisestage täisarv.',
  el: 'Εισαγάγετε έναν ακέραιο αριθμό.',
  pt: 'Introduza um número inteiro.',
  es: 'Introduzca un número entero.',
  ro: 'Introduceți un număr întreg.',
};

export function wholeNumberMessage(locale: string): string {
  return WHOLE_NUMBER[locale] ?? WHOLE_NUMBER.en!;
}

export function languagesOfWholeNumberMessage(): string[] {
  return Object.keys(WHOLE_NUMBER);
}

/** Whether the number question takes whole numbers only. */
export function takesWholeNumbers(q: Question): boolean {
  const step = (q as unknown as { step?: unknown }).step;
  if (step === 'any') return false;
  if (step === undefined || step === null || step === '') return true;
  const n = Number(step);
  return Number.isFinite(n) && Number.isInteger(n);
}
