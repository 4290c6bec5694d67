/**
 * Translating an edition without touching its JSON: export one language as XLIFF or XLSX, and import
 * the file back. An import is planned first (every unit checked, a diff per string) and applied only
 * on confirmation; applying writes the edition's file (and the shared lists it changed) and publishes
 * through the same sync as at start-up, so the same checks and the same immutability rules hold.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { recordAudit } from '../audit/audit-service.ts';
import type { StaffPrincipal } from '../auth/principal.ts';
import { ConflictError, NotFoundError, ValidationError } from '../errors.ts';
import { prepareDefinition } from '../surveys/edition-files.ts';
import { listLatestEditions } from '../surveys/edition-repository.ts';
import { publishEditionVersion, syncEditionFiles } from '../surveys/edition-sync.ts';
import { checkConsistency, NETWORK_LANGUAGES } from '../surveys/translation-check.ts';
import { loadReferenceLists, type ReferenceLists } from '../surveys/reference-lists.ts';
import { loadEditionSource, referenceListPath, writeJsonFile, writeTextFile, type EditionSource } from './edition-source.ts';
import { buildCatalogue, setTranslation, type Catalogue, type CatalogueEntry } from './string-catalogue.ts';
import { UnreadableFileError, type TranslationDocument } from './translation-document.ts';
import { FORMAT_FILES, readTranslationFile, writeTranslationFile, type TranslationFormat } from './translation-files.ts';
import { checkUnit, mayKeepEnglish } from './unit-checks.ts';

export interface TranslationContext {
  db: Kysely<Database>;
  surveysDir: string;
  /** The server's live reference lists, refreshed in place when an import changes one. */
  liveLists?: ReferenceLists;
}

export const TRANSLATABLE_LANGUAGES: readonly string[] = NETWORK_LANGUAGES.filter((l) => l !== 'en');

export function checkLanguage(language: string): void {
  if (!TRANSLATABLE_LANGUAGES.includes(language)) {
    throw new ValidationError('Unknown language.', { language: [`Use one of ${TRANSLATABLE_LANGUAGES.join(', ')} (English is the source).`] });
  }
}

/** A string still to translate: no translation, or the English text itself. */
export function needsTranslation(entry: CatalogueEntry, language: string, exceptions: readonly string[] = []): boolean {
  const text = entry.texts[language];
  if (!text || !text.trim()) return true;
  return text === entry.source && !mayKeepEnglish(entry, exceptions);
}

export async function loadExceptions(surveysDir: string, language: string): Promise<string[]> {
  try {
    const all = JSON.parse(await readFile(join(surveysDir, 'translation-exceptions.json'), 'utf8')) as Record<string, unknown>;
    const list = all[language];
    return Array.isArray(list) ? list.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

export async function editionCatalogue(ctx: TranslationContext, surveyId: string, edition: string): Promise<{ source: EditionSource; catalogue: Catalogue }> {
  const source = await loadEditionSource(ctx.db, ctx.surveysDir, surveyId, edition);
  return { source, catalogue: buildCatalogue(source.raw, source.lists) };
}

export interface ExportRequest {
  surveyId: string;
  edition: string;
  language: string;
  format: TranslationFormat;
  /** Only strings still to translate (new, or whose English changed since the last translation). */
  onlyNew?: boolean;
}

export async function exportTranslation(ctx: TranslationContext, req: ExportRequest) {
  checkLanguage(req.language);
  const { catalogue } = await editionCatalogue(ctx, req.surveyId, req.edition);
  const exceptions = await loadExceptions(ctx.surveysDir, req.language);
  const entries = req.onlyNew ? catalogue.entries.filter((e) => needsTranslation(e, req.language, exceptions)) : catalogue.entries;
  const doc: TranslationDocument = {
    surveyId: req.surveyId, edition: req.edition, language: req.language, scope: req.onlyNew ? 'new' : 'all',
    units: entries.map((e) => ({ id: e.id, source: e.source, target: e.texts[req.language] ?? '', note: e.where })),
  };
  const body = await writeTranslationFile(doc, req.format);
  const { extension, contentType } = FORMAT_FILES[req.format];
  return { body, contentType, filename: `${req.surveyId}-${req.edition}-${req.language}${req.onlyNew ? '-new' : ''}.${extension}`, units: doc.units.length };
}

export interface StringChange {
  id: string;
  where: string;
  source: string;
  before: string;
  after: string;
}

export interface ImportPlan {
  surveyId: string;
  edition: string;
  language: string;
  format: TranslationFormat;
  units: number;
  changes: StringChange[];
  /** Per unit id (or `file`): what stops the import. Empty when it can be applied. */
  problems: Record<string, string[]>;
  /** What the import allows but the translator should know. */
  warnings: string[];
}

const addProblem = (problems: Record<string, string[]>, key: string, message: string) => {
  (problems[key] ??= []).push(message);
};

/** Reads and checks a file; changes nothing. A file that cannot be read at all throws a ValidationError. */
export async function planImport(ctx: TranslationContext, bytes: Buffer): Promise<{ plan: ImportPlan; source: EditionSource; catalogue: Catalogue }> {
  let read: Awaited<ReturnType<typeof readTranslationFile>>;
  try {
    read = await readTranslationFile(bytes);
  } catch (err) {
    if (err instanceof UnreadableFileError) throw new ValidationError('The file is refused; nothing was changed.', { file: [err.message] });
    throw err;
  }
  const { doc, format } = read;
  checkLanguage(doc.language);
  let loaded: Awaited<ReturnType<typeof editionCatalogue>>;
  try {
    loaded = await editionCatalogue(ctx, doc.surveyId, doc.edition);
  } catch (err) {
    if (err instanceof NotFoundError) throw new ValidationError('The file is refused; nothing was changed.', { file: [`The file names the edition ${doc.surveyId}/${doc.edition}, which does not exist.`] });
    throw err;
  }
  const { catalogue } = loaded;
  const exceptions = await loadExceptions(ctx.surveysDir, doc.language);
  const problems: Record<string, string[]> = {};
  const warnings: string[] = [];
  const changes: StringChange[] = [];
  const seen = new Set<string>();
  for (const unit of doc.units) {
    const entry = catalogue.byId.get(unit.id);
    if (!unit.id) {
      addProblem(problems, 'file', 'A unit has no id.');
      continue;
    }
    if (seen.has(unit.id)) {
      addProblem(problems, unit.id, 'the id appears twice in the file');
      continue;
    }
    seen.add(unit.id);
    if (!entry) {
      addProblem(problems, unit.id, 'unknown id: the edition has no such string');
      continue;
    }
    if (unit.source !== entry.source) {
      addProblem(problems, unit.id, 'the English text differs from the edition\'s: the edition changed since the export, or the source was edited; export again');
      continue;
    }
    const before = entry.texts[doc.language] ?? '';
    if (unit.target === before) continue;
    if (!unit.target.trim() && !before.trim()) continue;
    const unitProblems = checkUnit(entry, unit.target, exceptions);
    if (unitProblems.length > 0) for (const p of unitProblems) addProblem(problems, unit.id, p);
    else changes.push({ id: entry.id, where: entry.where, source: entry.source, before, after: unit.target });
  }
  const missing = catalogue.entries.filter((e) => !seen.has(e.id));
  if (doc.scope === 'all' && missing.length > 0) {
    addProblem(problems, 'file', `${missing.length} string(s) of the edition are missing from the file (${missing.slice(0, 5).map((e) => e.id).join(', ')}${missing.length > 5 ? ', …' : ''}); export again`);
  }
  const untranslated = catalogue.entries.filter((e) => needsTranslation(e, doc.language, exceptions) && !changes.some((c) => c.id === e.id));
  if (untranslated.length > 0) warnings.push(`${untranslated.length} string(s) stay untranslated in ${doc.language} after this import.`);
  const plan: ImportPlan = { surveyId: doc.surveyId, edition: doc.edition, language: doc.language, format, units: doc.units.length, changes, problems, warnings };
  if (Object.keys(problems).length === 0 && changes.length > 0) await checkWholeEdition(ctx, loaded.source, plan);
  return { plan, ...loaded };
}

/** The changed edition must still pass the checks every definition passes, and should agree with its sister editions. */
async function checkWholeEdition(ctx: TranslationContext, source: EditionSource, plan: ImportPlan): Promise<void> {
  const draft = applied(source, plan);
  const prepared = prepareDefinition(draft.raw, draft.lists);
  for (const p of prepared.problems) addProblem(plan.problems, 'file', `after the import the edition would not pass its checks: ${p}`);
  const changedEnglish = new Set(plan.changes.map((c) => c.source));
  for (const other of await listLatestEditions(ctx.db)) {
    if (other.survey_id !== source.surveyId || other.edition === source.edition) continue;
    const definition = (await ctx.db.selectFrom('edition').select('definition').where('id', '=', other.id).executeTakeFirstOrThrow()).definition;
    const clashes = checkConsistency(definition, prepared.definition, [plan.language]).filter((p) => changedEnglish.has(p.english));
    for (const c of clashes.slice(0, 10)) {
      plan.warnings.push(`"${c.english.slice(0, 60)}" is translated differently in ${other.survey_id}/${other.edition}; import the same fix there too, or \`npm run surveys:check\` will report it.`);
    }
  }
}

/** A copy of the edition's definition and lists with the plan's changes applied. */
function applied(source: EditionSource, plan: ImportPlan) {
  const raw = structuredClone(source.raw);
  const lists: ReferenceLists = new Map([...source.lists].map(([k, v]) => [k, structuredClone(v)]));
  const copy = buildCatalogue(raw, lists);
  const changedLists = new Set<string>();
  for (const c of plan.changes) {
    const entry = copy.byId.get(c.id);
    if (!entry) continue;
    setTranslation(entry, plan.language, c.after);
    if (c.id.startsWith('list.')) changedLists.add(c.id.split('.')[1]!);
  }
  return { raw, lists, changedLists };
}

export interface ImportOutcome {
  plan: ImportPlan;
  changed: number;
}

/** Plans again (the edition may have changed since the preview) and applies the plan when it has no problem. */
export async function applyImport(ctx: TranslationContext, bytes: Buffer, actor: StaffPrincipal | 'cli'): Promise<ImportOutcome> {
  const { plan, source } = await planImport(ctx, bytes);
  if (Object.keys(plan.problems).length > 0) {
    throw new ValidationError('The file is refused; nothing was changed.', plan.problems);
  }
  if (plan.changes.length === 0) return { plan, changed: 0 };
  const draft = applied(source, plan);
  if (source.filePath) {
    await publishThroughFiles(ctx, source, draft);
  } else {
    const prepared = prepareDefinition(draft.raw, new Map());
    const result = await publishEditionVersion(ctx.db, {
      surveyId: source.surveyId, edition: source.edition, title: prepared.title, definition: prepared.definition, contentHash: prepared.contentHash,
    }, 'upload');
    if ('refused' in result) throw new ConflictError(result.refused);
  }
  await recordAudit(ctx.db, {
    actor, action: 'translation.import', objectType: 'edition', objectId: source.latest.id,
    detail: { survey: source.surveyId, edition: source.edition, language: plan.language, format: plan.format, changed: plan.changes.length, ids: plan.changes.slice(0, 50).map((c) => c.id).join(' ') },
  });
  return { plan, changed: plan.changes.length };
}

/** Writes the edition's file and the lists it changed, then syncs; on refusal the files are put back. */
async function publishThroughFiles(ctx: TranslationContext, source: EditionSource, draft: ReturnType<typeof applied>): Promise<void> {
  const writes: { path: string; value: unknown }[] = [{ path: source.filePath!, value: draft.raw }];
  for (const list of draft.changedLists) writes.push({ path: referenceListPath(ctx.surveysDir, list), value: draft.lists.get(list) });
  const backups = await Promise.all(writes.map(async (w) => ({ path: w.path, text: await readFile(w.path, 'utf8') })));
  try {
    for (const w of writes) await writeJsonFile(w.path, w.value);
    await syncEditionFiles(ctx.db, ctx.surveysDir);
  } catch (err) {
    for (const b of backups) await writeTextFile(b.path, b.text);
    throw err;
  }
  if (ctx.liveLists && draft.changedLists.size > 0) {
    const fresh = await loadReferenceLists(ctx.surveysDir);
    for (const [k, v] of fresh) ctx.liveLists.set(k, v);
  }
}
