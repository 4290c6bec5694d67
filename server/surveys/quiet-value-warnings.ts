/**
 * survey-core 2.5.25 prints the whole value to the console when a question is handed a value of
 * the wrong JSON type (ConsoleWarnings.inCorrectQuestionValue: "An attempt to assign an incorrect
 * value…", for a matrix, matrixdynamic, multipletext or paneldynamic, at any depth). On the server
 * that value is a respondent's answer: it must never reach the logs, and a tampered request must
 * not flood them. The validator already refuses such a value with a 422 naming the question, so
 * the warning says nothing it does not.
 *
 * ConsoleWarnings is not exported, so the one message is dropped at `console.warn` for the time of
 * a synchronous call only; every other warning passes through unchanged.
 */

const INCORRECT_VALUE = 'An attempt to assign an incorrect value';

/** Runs `fn` (synchronous) with survey-core's wrong-value warning silenced; restores console.warn after. */
export function withoutValueWarnings<T>(fn: () => T): T {
  const warn = console.warn;
  console.warn = (...args: unknown[]) => {
    if (typeof args[0] === 'string' && args[0].startsWith(INCORRECT_VALUE)) return;
    warn.apply(console, args);
  };
  try {
    return fn();
  } finally {
    console.warn = warn;
  }
}
