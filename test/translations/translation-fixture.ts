/** A copy of surveys/ per test (imports write the edition files) and a CLI context on the test app. */
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { CliContext } from '../../server/cli/cli-context.ts';
import { buildTestApp, type Teardown } from '../helper.ts';
import { findLatestVersion } from '../../server/surveys/edition-repository.ts';
import { buildCatalogue } from '../../server/translations/string-catalogue.ts';

const repoSurveys = new URL('../../surveys/', import.meta.url).pathname;

export async function copyOfSurveys(t: Teardown): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'jpp-translations-'));
  await cp(repoSurveys, dir, { recursive: true });
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

/** The app on a fresh database, syncing its own copy of surveys/. */
export async function translationApp(t: Teardown) {
  const surveysDir = await copyOfSurveys(t);
  const { app } = await buildTestApp(t, { SURVEYS_DIR: surveysDir });
  return { app, surveysDir, ctx: { db: app.db, surveysDir } };
}

export function cliContext(app: FastifyInstance) {
  const lines: string[] = [];
  const ctx: CliContext = { config: app.config, db: app.db, print: (l) => lines.push(l), readStdin: async () => '' };
  return { ctx, lines };
}

/** Every text of the stored newest version, by id and language: what respondents see. */
export async function storedTexts(app: FastifyInstance, edition = '2022'): Promise<Map<string, string>> {
  const latest = await findLatestVersion(app.db, 'jpp-experience', edition);
  const out = new Map<string, string>();
  for (const e of buildCatalogue(latest!.definition).entries) for (const [lang, text] of Object.entries(e.texts)) out.set(`${e.id} ${lang}`, text);
  return out;
}

/** The keys whose text differs between two snapshots. */
export function differences(a: Map<string, string>, b: Map<string, string>): string[] {
  const keys = new Set([...a.keys(), ...b.keys()]);
  return [...keys].filter((k) => a.get(k) !== b.get(k)).sort();
}
