/**
 * The SurveyJS element types this platform hosts, and the ones it refuses with the reason why. One
 * list that the definition check, the upload page and the README speak from.
 */

/** Hosted types, with what each is for the people writing a definition. */
export const HOSTED_TYPES: Record<string, string> = {
  text: 'short text, number, e-mail, date (input masks included)',
  comment: 'long text',
  radiogroup: 'one answer',
  dropdown: 'one answer from a list',
  checkbox: 'several answers',
  tagbox: 'several answers from a list',
  boolean: 'yes or no',
  rating: 'a rating scale',
  ranking: 'items put in order',
  matrix: 'one answer per row of a grid',
  expression: 'a value computed from the answers (computed again on the server, never taken from the browser)',
  html: 'text shown, no answer',
  image: 'a picture shown, no answer (inline data: images only)',
  panel: 'a group of questions',
};

const NOT_YET = 'not hosted yet: its answers cannot yet be checked, counted, exported or compared';

/** Types survey-core knows that are refused, and why. */
export const REFUSED_TYPES: Record<string, string> = {
  file: 'a file can identify a respondent, and this platform stores no files',
  signaturepad: 'a signature identifies a respondent',
  matrixdropdown: NOT_YET,
  matrixdynamic: NOT_YET,
  paneldynamic: NOT_YET,
  multipletext: NOT_YET,
  imagepicker: NOT_YET,
  slider: NOT_YET,
};

export const isHostedType = (type: string) => Object.prototype.hasOwnProperty.call(HOSTED_TYPES, type);

/** One line for every element whose type is not hosted, naming the element and the reason. */
export function typeProblem(type: string, name: string): string | undefined {
  if (isHostedType(type)) return undefined;
  const reason = Object.prototype.hasOwnProperty.call(REFUSED_TYPES, type)
    ? REFUSED_TYPES[type]
    : `not a type this platform knows (hosted: ${Object.keys(HOSTED_TYPES).join(', ')})`;
  return `question "${name}": type "${type}" is refused: ${reason}`;
}

/** The lists as the upload page shows them. */
export function typeLists() {
  return {
    hosted: Object.entries(HOSTED_TYPES).map(([type, use]) => ({ type, use })),
    refused: Object.entries(REFUSED_TYPES).map(([type, reason]) => ({ type, reason })),
  };
}
