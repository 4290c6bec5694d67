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
  matrixdropdown: 'a grid of fixed rows with several columns per row, each column its own kind of answer (list, checkboxes, text, number, rating, yes or no)',
  matrixdynamic: 'a grid whose rows the respondent adds, within minRowCount and maxRowCount',
  paneldynamic: 'a group of questions the respondent repeats, one panel each (for example one per joint procurement), within minPanelCount and maxPanelCount',
  multipletext: 'several short text or number boxes under one question',
  imagepicker: 'one or several answers shown as pictures (inline data: images or this server\'s own /assets/img/ pictures)',
  slider: 'a number, or a range of two, picked on a slider',
};

/** Kinds of answer a matrix cell may take (`cellType`); "default" is the matrix's own cellType. */
export const HOSTED_CELL_TYPES = new Set(['default', 'dropdown', 'checkbox', 'radiogroup', 'tagbox', 'text', 'comment', 'boolean', 'rating']);

/** Types survey-core knows that are refused, and why. */
export const REFUSED_TYPES: Record<string, string> = {
  file: 'a file can identify a respondent, and this platform stores no files',
  signaturepad: 'a signature identifies a respondent, and this platform stores no files',
};

/** Why a matrix cell type is refused (file and signature as above; computed cells are not yet computed again on the server). */
export function cellTypeProblem(cellType: string, where: string): string | undefined {
  if (HOSTED_CELL_TYPES.has(cellType)) return undefined;
  const reason = Object.prototype.hasOwnProperty.call(REFUSED_TYPES, cellType)
    ? REFUSED_TYPES[cellType]
    : cellType === 'expression'
      ? 'a computed cell is not yet computed again on the server, and values from the browser are never trusted'
      : `not a cell type this platform hosts (hosted: ${[...HOSTED_CELL_TYPES].join(', ')})`;
  return `${where}: cell type "${cellType}" is refused: ${reason}`;
}

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
