/**
 * An edition's structure for the admin's edition page: its pages, and on each the questions with
 * their number, type in words, whether required, and the logic that shows or checks them, read from
 * the SurveyJS definition. Texts are the default language's.
 */

export interface StructureQuestion {
  number: number;
  name: string;
  title: string;
  type: string;
  required: boolean;
  /** Conditions and checks, each as "Shown if {x} = 'yes'" and the like. */
  logic: string[];
  /** Choices, rows or items, shortened when long. */
  options: string | null;
}

export interface StructurePage {
  name: string;
  title: string;
  shownIf: string | null;
  questions: StructureQuestion[];
}

type El = Record<string, unknown>;

function text(v: unknown): string {
  if (typeof v === 'string') return v;
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return String(o.default ?? o.en ?? Object.values(o)[0] ?? '');
  }
  return '';
}

function list(items: unknown, max = 6): string | null {
  if (!Array.isArray(items) || items.length === 0) return null;
  const labels = items.map((i) => (i && typeof i === 'object' ? text((i as El).text) || String((i as El).value ?? '') : String(i)));
  return labels.length > max ? `${labels.slice(0, max).join(' · ')} · and ${labels.length - max} more` : labels.join(' · ');
}

function typeInWords(q: El): string {
  const n = (k: string) => (Array.isArray(q[k]) ? (q[k] as unknown[]).length : 0);
  switch (q.type) {
    case 'radiogroup': return `One answer (${n('choices')} choices)`;
    case 'checkbox': return `Several answers (${n('choices')} choices${q.maxSelectedChoices ? `, at most ${String(q.maxSelectedChoices)}` : ''})`;
    case 'dropdown': return `One from a list${n('choices') ? ` (${n('choices')})` : ''}`;
    case 'tagbox': return `Several from a list${n('choices') ? ` (${n('choices')})` : ''}`;
    case 'rating': return `Rating ${String(q.rateMin ?? 1)} to ${String(q.rateMax ?? 5)}`;
    case 'boolean': return q.renderAs === 'checkbox' ? 'Tick box' : 'Yes or no';
    case 'matrix': return `Grid (${n('rows')} rows × ${n('columns')} columns)`;
    case 'ranking': return `Ranking (${n('choices')} items)`;
    case 'comment': return 'Long text';
    case 'text': {
      const kind = q.inputType === 'number' ? 'Number' : q.inputType === 'email' ? 'E-mail address' : 'Short text';
      return typeof q.maskType === 'string' && q.maskType !== 'none' ? `${kind} (${q.maskType} mask)` : kind;
    }
    case 'html': return 'Text shown, no answer';
    case 'expression': return 'Computed from the answers (on the server)';
    case 'image': return 'Picture shown, no answer';
    default: return String(q.type ?? 'unknown');
  }
}

function logicOf(q: El): string[] {
  const out: string[] = [];
  if (typeof q.visibleIf === 'string') out.push(`Shown if ${q.visibleIf}`);
  if (typeof q.enableIf === 'string') out.push(`Can be answered if ${q.enableIf}`);
  if (typeof q.requiredIf === 'string') out.push(`Required if ${q.requiredIf}`);
  if (q.showOtherItem || q.hasOther) out.push('"Other" with a text');
  if (q.showNoneItem || q.hasNone) out.push('"None" choice');
  if (typeof q.choicesFromQuestion === 'string') out.push(`Choices from ${q.choicesFromQuestion}`);
  for (const v of Array.isArray(q.validators) ? (q.validators as El[]) : []) {
    out.push(v.type === 'expression' ? `Checked: ${String(v.expression)}` : `Checked: ${String(v.type)}${v.minValue !== undefined ? ` from ${String(v.minValue)}` : ''}${v.maxValue !== undefined ? ` to ${String(v.maxValue)}` : ''}`);
  }
  return out;
}

export function editionStructure(definition: Record<string, unknown>): StructurePage[] {
  let number = 0;
  const pages = Array.isArray(definition.pages) ? (definition.pages as El[]) : [{ name: 'page1', elements: definition.elements }];
  return pages.map((page, i) => {
    const questions: StructureQuestion[] = [];
    const walk = (elements: unknown, panelLogic: string[]) => {
      for (const e of Array.isArray(elements) ? (elements as El[]) : []) {
        if (e.type === 'panel' || e.type === 'paneldynamic') {
          walk(e.elements ?? e.templateElements, typeof e.visibleIf === 'string' ? [...panelLogic, `In a group shown if ${e.visibleIf}`] : panelLogic);
          continue;
        }
        const answers = e.type !== 'html' && e.type !== 'expression' && e.type !== 'image';
        questions.push({
          number: answers ? ++number : 0,
          name: String(e.name ?? ''),
          title: text(e.title) || (e.type === 'html' ? text(e.html).replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 120) : String(e.name ?? '')),
          type: typeInWords(e),
          required: Boolean(e.isRequired),
          logic: [...panelLogic, ...logicOf(e)],
          options: list(e.type === 'matrix' ? e.rows : e.choices),
        });
      }
    };
    walk(page.elements, []);
    return { name: String(page.name ?? `page${i + 1}`), title: text(page.title) || String(page.name ?? `Page ${i + 1}`), shownIf: typeof page.visibleIf === 'string' ? page.visibleIf : null, questions };
  });
}
