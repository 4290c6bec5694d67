/**
 * reports:create on the 2022 demo data: the .docx is read back, with a section, a picture and a
 * table for every question that has figures, and the comparison with 2019; bad options change nothing.
 */
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { questionChart } from '../../analysis/chart-configs.ts';
import { resultFilters } from '../../analysis/filters.ts';
import { summarizeEdition } from '../../analysis/question-aggregates.ts';
import type { CliContext } from '../../server/cli/cli-context.ts';
import { demoResponses } from '../../server/cli/demo-commands.ts';
import { reportsCreate } from '../../server/cli/report-commands.ts';
import { findLatestVersion } from '../../server/surveys/edition-repository.ts';
import type { AppError } from '../../server/errors.ts';
import { buildTestApp } from '../helper.ts';
import { readDocx } from '../support/docx-reader.ts';

// Demo data, every chart drawn: generous on a busy machine.
t.setTimeout(600_000);

const { app } = await buildTestApp(t, { SUPPRESSION_K: '3' });
const lines: string[] = [];
const ctx: CliContext = { config: app.config, db: app.db, print: (l) => lines.push(l), readStdin: async () => '' };
await demoResponses.run(ctx, ['--edition', '2022', '--count', '40']);
await demoResponses.run(ctx, ['--edition', '2019', '--count', '20']);
const dir = mkdtempSync(join(tmpdir(), 'report-'));

t.test('a report of the 2022 demo data', async (t) => {
  const out = join(dir, 'report.docx');
  await reportsCreate.run(ctx, ['--edition', '2022', '--format', 'docx', '--out', out]);
  t.equal(lines.at(-1), out, 'the last line is the file');
  t.match(lines.join('\n'), /100 % Done/);
  const doc = await readDocx(readFileSync(out));

  const edition = await findLatestVersion(app.db, 'jpp-experience', '2022');
  const summary = await summarizeEdition(app.db, edition!.definition, resultFilters({ editionId: edition!.id }), { k: 3, viewerMaySeeTexts: true });
  if (summary.suppressed) throw new Error('the demo data should be shown');
  t.match(doc.text, new RegExp(`Responses counted: ${summary.responses} responses`));
  const h2 = doc.headings.filter(([s]) => s === 'Heading2').map(([, x]) => x);
  const charted = summary.questions.filter((q) => questionChart(q) !== null);
  for (const q of charted) t.ok(h2.includes(q.title), `a section for ${q.name}`);
  t.ok(doc.media.length >= charted.length, `${doc.media.length} pictures for ${charted.length} charts`);
  t.ok(doc.tables >= charted.length, `${doc.tables} tables`);
  t.ok(doc.headings.some(([s, x]) => s === 'Heading1' && x === 'Comparison of 2019 and 2022'));
  t.match(doc.text, /Campaign: /, 'the fieldwork from the data');
});

t.test('texts in French, with a filter', async (t) => {
  const out = join(dir, 'fr.docx');
  await reportsCreate.run(ctx, ['--edition', '2022', '--out', out, '--language', 'fr', '--status', 'all']);
  const doc = await readDocx(readFileSync(out));
  t.match(doc.text, /Question texts in: fr/);
  t.match(doc.text, /Complete and partial responses/);
});

t.test('bad options say what is wrong and write nothing', async (t) => {
  const out = join(dir, 'bad.docx');
  const failure = async (args: string[]) => {
    try {
      await reportsCreate.run(ctx, args);
      return null;
    } catch (err) {
      return err as AppError;
    }
  };
  t.same((await failure(['--edition', '2022', '--out', out, '--format', 'pdf']))?.details, { format: ['must be docx'] });
  t.same((await failure(['--edition', '2022', '--out', out, '--colour', 'red']))?.details, { colour: ['is not a results filter'] });
  t.equal((await failure(['--edition', '1999', '--out', out]))?.statusCode, 404);
  t.match((await failure(['--edition', '2022', '--out', out, '--language', 'xx']))?.details, { report_language: [/must be one of/] });
  t.notOk(existsSync(out));
});
