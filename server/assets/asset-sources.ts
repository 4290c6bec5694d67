/**
 * Every file a page may load: the project's own public/ folder and an allow-list of files from the
 * SurveyJS, chart.js and Plotly packages. Each has a logical name (the path the code and views use,
 * e.g. /vendor/survey-core/survey.core.min.js) and the file it is built from.
 */
import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative, sep } from 'node:path';
import { projectRoot } from '../project-root.ts';
import { SURVEY_CORE_LOCALE_FILES } from '../surveys/survey-core-locales.ts';

export interface AssetSource {
  /** The path pages refer to it by. */
  name: string;
  /** The file on disk. */
  file: string;
  /** A change made once when the asset is built (e.g. removing third-party font declarations). */
  transform?: (text: string) => string;
}

const require = createRequire(import.meta.url);
/** The package's folder, found from its entry point (some packages do not export package.json). */
export function packageDir(name: string): string {
  const entry = require.resolve(name);
  const marker = `node_modules${sep}${name.replace('/', sep)}`;
  return entry.slice(0, entry.lastIndexOf(marker) + marker.length);
}

/**
 * survey-analytics' stylesheet declares the Raleway font on a third-party font host. Chromium fetches
 * declared fonts even when nothing uses them, so the file is served without its @font-face rules:
 * no page even tries another host (the CSP would block it; the pages use system fonts).
 */
export function withoutFontFaces(css: string): string {
  return css.replace(/@font-face\s*\{[^}]*\}/g, '');
}

/** Public path prefix -> package, and the files (relative to the package) pages load from it. */
export const VENDOR_FILES: Record<string, { pkg: string; files: string[] }> = {
  'survey-core': {
    pkg: 'survey-core',
    files: ['survey-core.fontless.min.css', 'survey.core.min.js', ...Object.values(SURVEY_CORE_LOCALE_FILES).map((f) => `i18n/${f}.min.js`)],
  },
  'survey-js-ui': { pkg: 'survey-js-ui', files: ['survey-js-ui.min.js'] },
  'survey-analytics': { pkg: 'survey-analytics', files: ['survey.analytics.min.js', 'survey.analytics.min.css'] },
  'chart.js': { pkg: 'chart.js', files: ['dist/chart.umd.min.js'] },
  // The SurveyJS Dashboard draws with Plotly, which must load before survey-analytics.
  'plotly.js-dist-min': { pkg: 'plotly.js-dist-min', files: ['plotly.min.js'] },
};

function publicFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name));
}

export function assetSources(): AssetSource[] {
  const publicDir = join(projectRoot, 'public');
  const own = publicFiles(publicDir).map((file) => ({ name: `/assets/${relative(publicDir, file).split(sep).join('/')}`, file }));
  const vendor = Object.entries(VENDOR_FILES).flatMap(([prefix, { pkg, files }]) => {
    const dir = packageDir(pkg);
    return files.map((f): AssetSource => ({
      name: `/vendor/${prefix}/${f}`,
      file: join(dir, f),
      ...(f.endsWith('survey.analytics.min.css') ? { transform: withoutFontFaces } : {}),
    }));
  });
  return [...own, ...vendor];
}
