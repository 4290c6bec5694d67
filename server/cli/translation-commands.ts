/** translations:export, translations:import and editions:draft: translating an edition through XLIFF or XLSX files. */
import { readFile, stat, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { ValidationError } from '../errors.ts';
import { applyImport, exportTranslation, planImport, type ImportPlan } from '../translations/translation-service.ts';
import { MAX_TRANSLATION_FILE_BYTES } from '../translations/translation-files.ts';
import { draftEdition } from '../translations/edition-draft.ts';
import type { CliCommand } from './cli-context.ts';

export const translationsExport: CliCommand = {
  name: 'translations:export',
  usage: 'translations:export --survey jpp-experience --edition 2022 --language sk --format xlsx|xliff --out FILE [--only-new]',
  run: async ({ db, config, print }, argv) => {
    const { values } = parseArgs({
      args: argv,
      options: { survey: { type: 'string' }, edition: { type: 'string' }, language: { type: 'string' }, format: { type: 'string' }, out: { type: 'string' }, 'only-new': { type: 'boolean' } },
    });
    const format = values.format ?? 'xliff';
    if (!values.survey || !values.edition || !values.language || !values.out || (format !== 'xliff' && format !== 'xlsx')) {
      throw new ValidationError('Missing or wrong arguments.', { usage: [translationsExport.usage] });
    }
    const file = await exportTranslation({ db, surveysDir: config.SURVEYS_DIR }, {
      surveyId: values.survey, edition: values.edition, language: values.language, format, onlyNew: values['only-new'] ?? false,
    });
    await writeFile(values.out, file.body);
    print(`${file.units} strings of ${values.survey}/${values.edition} in ${values.language} written to ${values.out}`);
  },
};

function printPlan(plan: ImportPlan, print: (line: string) => void): void {
  print(`${plan.surveyId}/${plan.edition} in ${plan.language} (${plan.format}, ${plan.units} units)`);
  for (const c of plan.changes) {
    print('');
    print(`${c.id}   ${c.where}`);
    print(`  - ${c.before ? c.before.replace(/\n/g, '\n    ') : '(no translation)'}`);
    print(`  + ${c.after.replace(/\n/g, '\n    ')}`);
  }
  for (const w of plan.warnings) print(`warning: ${w}`);
}

export const translationsImport: CliCommand = {
  name: 'translations:import',
  usage: 'translations:import --file FILE [--dry-run]   (the file names its edition and language)',
  run: async ({ db, config, print }, argv) => {
    const { values } = parseArgs({ args: argv, options: { file: { type: 'string' }, 'dry-run': { type: 'boolean' } } });
    if (!values.file) throw new ValidationError('Missing arguments.', { usage: [translationsImport.usage] });
    if ((await stat(values.file)).size > MAX_TRANSLATION_FILE_BYTES) {
      throw new ValidationError('The file is refused; nothing was changed.', { file: [`The file is larger than ${MAX_TRANSLATION_FILE_BYTES / 1024 / 1024} MB.`] });
    }
    const bytes = await readFile(values.file);
    const ctx = { db, surveysDir: config.SURVEYS_DIR };
    if (values['dry-run']) {
      const { plan } = await planImport(ctx, bytes);
      printPlan(plan, print);
      if (Object.keys(plan.problems).length > 0) throw new ValidationError('The file is refused; nothing was changed.', plan.problems);
      print(`${plan.changes.length} strings would change (dry run: nothing was changed)`);
      return;
    }
    const { plan, changed } = await applyImport(ctx, bytes, 'cli');
    printPlan(plan, print);
    print(`${changed} strings changed`);
  },
};

export const editionsDraft: CliCommand = {
  name: 'editions:draft',
  usage: 'editions:draft --from jpp-experience/2022 --edition 2025   (writes or refills surveys/<survey>/<edition>.json from the translation memory)',
  run: async ({ db, config, print }, argv) => {
    const { values } = parseArgs({ args: argv, options: { from: { type: 'string' }, edition: { type: 'string' } } });
    if (!values.from || !values.edition) throw new ValidationError('Missing arguments.', { usage: [editionsDraft.usage] });
    const outcome = await draftEdition(db, config.SURVEYS_DIR, values.from, values.edition);
    print(`${outcome.created ? 'Wrote' : 'Refilled'} ${outcome.path}: ${outcome.filled} of ${outcome.strings} strings translated from earlier editions`);
    print(`${outcome.strings - outcome.filled} strings to translate`);
  },
};
