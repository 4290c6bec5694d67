/**
 * `npm run surveys:check`: every shipped edition, reference list and respondent page text must be
 * complete in the network's ten languages. Prints what is missing or left in English, per edition
 * and language, and exits non-zero when anything is.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loadConfig } from './config.ts';
import { NETWORK_LANGUAGES, checkConsistency, checkTranslations, type TranslationProblem } from './surveys/translation-check.ts';

async function main(): Promise<number> {
  const dir = loadConfig().SURVEYS_DIR;
  const report: { source: string; problems: TranslationProblem[] }[] = [];
  const editions: { survey: string; edition: string; definition: unknown }[] = [];

  for (const survey of (await readdir(dir, { withFileTypes: true })).filter((d) => d.isDirectory() && d.name !== 'reference')) {
    for (const file of (await readdir(join(dir, survey.name))).filter((f) => f.endsWith('.json')).sort()) {
      const definition = JSON.parse(await readFile(join(dir, survey.name, file), 'utf8')) as unknown;
      editions.push({ survey: survey.name, edition: file.replace(/\.json$/, ''), definition });
      report.push({ source: `${survey.name}/${file}`, problems: checkTranslations(definition) });
    }
  }
  for (let i = 0; i < editions.length; i++) {
    for (let j = i + 1; j < editions.length; j++) {
      const [a, b] = [editions[i]!, editions[j]!];
      if (a.survey !== b.survey) continue;
      report.push({ source: `${a.survey}/${a.edition} vs ${b.edition}`, problems: checkConsistency(a.definition, b.definition) });
    }
  }
  for (const file of (await readdir(join(dir, 'reference'))).filter((f) => f.endsWith('.json'))) {
    const items = JSON.parse(await readFile(join(dir, 'reference', file), 'utf8')) as { value: string; text: Record<string, string> }[];
    // Place names are often spelt as in English (Portugal, Malta): for reference lists only gaps count.
    const problems = checkTranslations(items.map((i) => ({ value: i.value, text: i.text })));
    report.push({ source: `reference/${file}`, problems: file === 'countries.json' ? problems.filter((p) => p.kind === 'missing') : problems });
  }
  const texts = JSON.parse(await readFile(join(dir, 'respondent-texts.json'), 'utf8')) as Record<string, Record<string, string>>;
  report.push({
    source: 'respondent-texts.json',
    problems: checkTranslations(Object.entries(texts).map(([key, t]) => ({ name: key, text: { default: t.en ?? '', ...t } }))),
  });

  const exceptions = JSON.parse(await readFile(join(dir, 'translation-exceptions.json'), 'utf8')) as Record<string, string[]>;
  for (const entry of report) {
    entry.problems = entry.problems.filter((p) => !(p.kind === 'untranslated' && (exceptions[p.language] ?? []).includes(p.english)));
  }

  let total = 0;
  for (const { source, problems } of report) {
    total += problems.length;
    const byLang = NETWORK_LANGUAGES.filter((l) => l !== 'en').map((l) => `${l}:${problems.filter((p) => p.language === l).length}`);
    console.log(`${problems.length === 0 ? 'ok  ' : 'FAIL'} ${source}  ${problems.length === 0 ? 'complete in all ten languages' : byLang.join(' ')}`);
    for (const p of problems.slice(0, 40)) console.log(`     ${p.language} ${p.kind}: ${p.path} — "${p.english.slice(0, 70)}"`);
    if (problems.length > 40) console.log(`     … and ${problems.length - 40} more`);
  }
  console.log(total === 0 ? 'All shipped texts are complete.' : `${total} problem(s).`);
  return total === 0 ? 0 : 1;
}

main().then((code) => process.exit(code), (err: unknown) => {
  console.error(err);
  process.exit(2);
});
