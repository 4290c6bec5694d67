/**
 * reports:create: a Word report of an edition, with the same filters as the results pages
 * (`--country FR`, `--authority-type police`, `--q.jpp_experience yes`, ...), for every country.
 */
import { writeFile } from 'node:fs/promises';
import { parseFilterQuery, type QueryInput } from '../../analysis/filter-query.ts';
import { ValidationError } from '../errors.ts';
import { createReport } from '../reports/report-service.ts';
import { findReportEdition } from '../reports/report-editions.ts';
import { loadReferenceLists } from '../surveys/reference-lists.ts';
import type { CliCommand } from './cli-context.ts';

const OWN = new Set(['edition', 'survey', 'format', 'out', 'language', 'cross-tab']);

/** `--name value` pairs; a name given twice keeps both values. */
function pairs(argv: string[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (!arg.startsWith('--')) throw new ValidationError('The options are not valid.', { [arg]: ['expected --name value'] });
    const [name, inline] = arg.slice(2).split(/=(.*)/s) as [string, string | undefined];
    const value = inline ?? argv[++i];
    if (value === undefined) throw new ValidationError('The options are not valid.', { [name]: ['needs a value'] });
    out.set(name, [...(out.get(name) ?? []), value]);
  }
  return out;
}

export const reportsCreate: CliCommand = {
  name: 'reports:create',
  usage: 'reports:create --edition 2022 [--survey jpp-experience] [--country FR ...filters] [--cross-tab q.<name>:authority_type] --format docx --out FILE [--language fr] [--response-language fr]   a Word report',
  run: async ({ db, config, print }, argv) => {
    const args = pairs(argv);
    const one = (name: string) => args.get(name)?.at(-1);
    const errors: Record<string, string[]> = {};
    if (!one('edition')) errors.edition = ['is required, e.g. --edition 2022'];
    if (!one('out')) errors.out = ['is required: the file to write'];
    const format = one('format') ?? 'docx';
    if (format !== 'docx') errors.format = ['must be docx'];
    if (Object.keys(errors).length > 0) throw new ValidationError('The options are not valid.', errors);
    if (args.has('report-language')) throw new ValidationError('The options are not valid.', { 'report-language': ['use --language'] });

    const edition = await findReportEdition(db, one('edition') as string, one('survey'));
    const query: QueryInput = {};
    // --language is the language of the texts; the responses' own language filters as --response-language.
    const param = (name: string) => (name.startsWith('q.') ? name : name === 'response-language' ? 'language' : name.replace(/-/g, '_'));
    for (const [name, values] of args) if (!OWN.has(name)) query[param(name)] = values;
    const parsed = parseFilterQuery(query, { editionId: edition.id });
    if (!parsed.ok) throw new ValidationError('The filters are not valid.', parsed.errors);

    const lists = await loadReferenceLists(config.SURVEYS_DIR);
    const countryNames = new Map((lists.get('countries') ?? []).map((i) => [i.value, i.text.default ?? i.value]));
    const started = Date.now();
    // One line per step and per tenth of the way, not one per chart.
    let said = '';
    const onProgress = (step: string, f: number) => {
      const line = `${String(Math.floor(f * 10) * 10).padStart(3)} % ${step.replace(/ \(.*\)$/, '')}`;
      if (line !== said) print((said = line));
    };
    const file = await createReport(
      { db, k: config.SUPPRESSION_K, countryNames, onProgress },
      { edition, filters: parsed.filters, country: null, viewerMaySeeTexts: true, language: one('language') ?? 'en', crossTabs: args.get('cross-tab') ?? [], format: 'docx' },
    );
    await writeFile(one('out') as string, file.body);
    print(`Report written in ${((Date.now() - started) / 1000).toFixed(1)} s (${Math.round(file.body.length / 1024)} KiB):`);
    print(one('out') as string);
  },
};
