/**
 * The string catalogue of an edition: every text a respondent can see, with a stable id built from
 * names and values (never from positions that a reordering would shift), its English source, its
 * translations and a note of where it appears. Each entry also points at the object that holds the
 * text, so that applying a translation is one assignment on a copy of the definition.
 */
import type { ReferenceLists } from '../surveys/reference-lists.ts';

/** Properties SurveyJS shows to respondents and that can hold a { default, fr, … } text. */
export const TEXT_KEYS = new Set([
  'title', 'description', 'text', 'html', 'otherText', 'noneText', 'placeholder', 'otherPlaceholder', 'commentText',
  'commentPlaceholder', 'minRateDescription', 'maxRateDescription', 'labelTrue', 'labelFalse', 'requiredErrorText',
  'otherErrorText', 'completedHtml', 'completedBeforeHtml', 'loadingHtml', 'pageNextText', 'pagePrevText',
  'completeText', 'startSurveyText', 'selectAllText', 'navigationTitle', 'navigationDescription',
  'templateTitle', 'panelAddText', 'panelRemoveText', 'noEntriesText', 'addRowText', 'removeRowText',
]);
/**
 * Arrays whose items are identified by their value (choices, matrix rows, rating values) or, where
 * SurveyJS names them instead (matrixdropdown / matrixdynamic columns, multipletext items), by name.
 */
const ITEM_ARRAYS = new Set(['choices', 'rows', 'columns', 'rateValues', 'items']);
/** Item arrays inside an item: a matrix column's own cell choices and rating values. */
const CELL_ARRAYS = new Set(['choices', 'rateValues']);
const ELEMENT_ARRAYS = new Set(['elements', 'templateElements']);

export interface CatalogueEntry {
  /** Stable id, e.g. `q.country.title`, `q.role.choices.procurer`, `page.privacy.title`, `list.countries.AT`. */
  id: string;
  /** The English text (`default`, or `en`). */
  source: string;
  /** Every language's text, `default` included. */
  texts: Record<string, string>;
  /** Where the respondent sees it, for the translator. */
  where: string;
  /** True where SurveyJS renders the text as HTML. */
  html: boolean;
  /** The object holding the text and its key: applying a translation assigns holder[key]. */
  holder: Record<string, unknown>;
  key: string;
}

export interface Catalogue {
  entries: CatalogueEntry[];
  byId: Map<string, CatalogueEntry>;
  /** Reference lists the edition uses (their entries are the `list.*` ids). */
  listsUsed: string[];
}

type Node = Record<string, unknown>;
const isNode = (v: unknown): v is Node => v !== null && typeof v === 'object' && !Array.isArray(v);

/** A text value as { default, … }: plain strings count as English only. */
export function textsOf(value: unknown): Record<string, string> | undefined {
  if (typeof value === 'string') return { default: value };
  if (!isNode(value) || !('default' in value || 'en' in value)) return undefined;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(value)) if (typeof v === 'string') out[k] = v;
  return out;
}

export const englishOf = (texts: Record<string, string>): string => texts.default ?? texts.en ?? '';

const ITEM_LABELS: Record<string, string> = { choices: 'choice', rows: 'row', columns: 'column', rateValues: 'rating value', items: 'item' };

/** An item's stable key: its value, else its name (columns, items), else its position as a last resort. */
const itemKey = (item: Node, i: number): string => {
  for (const k of ['value', 'name'] as const) if (item[k] !== undefined && !isNode(item[k])) return String(item[k]);
  return `#${i}`;
};

/** Builds the catalogue of a definition (as written, with `choicesFromReference`) and its reference lists. */
export function buildCatalogue(definition: Node, lists: ReferenceLists = new Map()): Catalogue {
  const entries: CatalogueEntry[] = [];
  const listUse = new Map<string, string[]>();

  const addTexts = (node: Node, id: string, where: string, itemText: boolean) => {
    for (const [key, value] of Object.entries(node)) {
      if (!TEXT_KEYS.has(key)) continue;
      const texts = textsOf(value);
      if (!texts || !englishOf(texts)) continue;
      const own = itemText && key === 'text';
      entries.push({
        id: own ? id : `${id}.${key}`, source: englishOf(texts), texts, html: /(^html$|Html$)/.test(key),
        where: own ? where : `${where}: ${key}`, holder: node, key,
      });
    }
  };

  /** Items of one array; a matrix column's cell choices are items of their own (`q.m.columns.role.choices.buyer`). */
  const walkItems = (items: unknown[], key: string, id: string, here: string, withCells: boolean) => {
    items.forEach((item, i) => {
      if (!isNode(item)) return;
      const v = itemKey(item, i);
      const itemId = `${id}.${key}.${v}`;
      const itemWhere = `${here} › ${ITEM_LABELS[key]} "${v}"`;
      addTexts(item, itemId, itemWhere, true);
      if (!withCells) return;
      for (const [cellKey, cellItems] of Object.entries(item)) {
        if (CELL_ARRAYS.has(cellKey) && Array.isArray(cellItems)) walkItems(cellItems, cellKey, itemId, itemWhere, false);
      }
    });
  };

  const walkElement = (el: Node, index: number, where: string) => {
    const name = typeof el.name === 'string' ? el.name : `#${index}`;
    const id = `q.${name}`;
    const here = `${where} › ${el.type === 'panel' ? 'panel' : 'question'} "${name}"`;
    addTexts(el, id, here, false);
    if (typeof el.choicesFromReference === 'string') {
      const uses = listUse.get(el.choicesFromReference) ?? [];
      uses.push(`question "${name}"`);
      listUse.set(el.choicesFromReference, uses);
    }
    for (const [key, value] of Object.entries(el)) {
      if (!Array.isArray(value)) continue;
      if (ITEM_ARRAYS.has(key)) walkItems(value, key, id, here, key === 'columns');
      else if (key === 'validators') {
        value.forEach((v, i) => {
          if (isNode(v)) addTexts(v, `${id}.validators.${i}`, `${here} › validator ${i + 1} (${String(v.type)}) message`, true);
        });
      } else if (ELEMENT_ARRAYS.has(key)) {
        value.forEach((child, i) => isNode(child) && walkElement(child, i, here));
      }
    }
  };

  addTexts(definition, 'survey', 'Survey', false);
  const pages = Array.isArray(definition.pages) ? definition.pages : [];
  pages.forEach((page, i) => {
    if (!isNode(page)) return;
    const name = typeof page.name === 'string' ? page.name : `#${i}`;
    const where = `Page "${name}"`;
    addTexts(page, `page.${name}`, where, false);
    if (Array.isArray(page.elements)) page.elements.forEach((el, j) => isNode(el) && walkElement(el, j, where));
  });
  if (Array.isArray(definition.elements)) definition.elements.forEach((el, j) => isNode(el) && walkElement(el, j, 'Survey'));

  for (const [list, uses] of [...listUse].sort(([a], [b]) => a.localeCompare(b))) {
    for (const item of lists.get(list) ?? []) {
      const texts = textsOf(item.text);
      if (!texts || !englishOf(texts)) continue;
      entries.push({
        id: `list.${list}.${item.value}`, source: englishOf(texts), texts, html: false,
        where: `Shared list "${list}" (used by ${uses.join(', ')}; shared with every edition using it)`,
        holder: item as unknown as Node, key: 'text',
      });
    }
  }

  // Two entries with one id (an element name used twice, two choices with one value) get a suffix,
  // so that every id still names exactly one text.
  const byId = new Map<string, CatalogueEntry>();
  for (const e of entries) {
    let id = e.id;
    for (let n = 2; byId.has(id); n++) id = `${e.id}~${n}`;
    e.id = id;
    byId.set(id, e);
  }
  return { entries, byId, listsUsed: [...listUse.keys()].sort() };
}

/** Sets one language's text of an entry, turning a plain English string into a { default, … } text. */
export function setTranslation(entry: CatalogueEntry, language: string, text: string): void {
  const current = entry.holder[entry.key];
  const texts: Record<string, string> = typeof current === 'string' ? { default: current } : { ...(current as Record<string, string>) };
  texts[language] = text;
  entry.holder[entry.key] = texts;
  entry.texts = texts;
}
