/**
 * Serves the project's own assets (public/) and an allow-list of files from the SurveyJS and
 * chart.js packages, so that no page loads anything from a third-party host.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join, sep } from 'node:path';
import fastifyStatic from '@fastify/static';
import fp from 'fastify-plugin';

const require = createRequire(import.meta.url);
/** The package's folder, found from its entry point (some packages do not export package.json). */
function packageDir(name: string): string {
  const entry = require.resolve(name);
  const marker = `node_modules${sep}${name.replace('/', sep)}`;
  return entry.slice(0, entry.lastIndexOf(marker) + marker.length);
}

/** Public path prefix -> package folder, and the files (relative) that may be served from it. */
const VENDOR: Record<string, { pkg: string; files: RegExp }> = {
  'survey-core': { pkg: 'survey-core', files: /^(survey-core\.fontless\.min\.css|survey\.core\.min\.js|i18n\/[a-z]+\.min\.js)$/ },
  'survey-js-ui': { pkg: 'survey-js-ui', files: /^survey-js-ui\.min\.js$/ },
  'survey-analytics': { pkg: 'survey-analytics', files: /^survey\.analytics\.min\.(js|css)$/ },
  'chart.js': { pkg: 'chart.js', files: /^dist\/chart\.umd\.min\.js$/ },
  // The SurveyJS Dashboard draws with Plotly, which must load before survey-analytics.
  'plotly.js-dist-min': { pkg: 'plotly.js-dist-min', files: /^plotly\.min\.js$/ },
};

/**
 * survey-analytics' stylesheet declares the Raleway font on fonts.gstatic.com. Chromium fetches
 * declared fonts even when nothing uses them, so the file is served without its @font-face rules:
 * no page even tries another host (the CSP would block it; the pages use system fonts).
 */
const WITHOUT_FONT_FACES = new Set(['survey-analytics/survey.analytics.min.css']);
const withoutFontFaces = new Map<string, string>();

async function fontlessCss(path: string): Promise<string> {
  let css = withoutFontFaces.get(path);
  if (css === undefined) {
    css = (await readFile(path, 'utf8')).replace(/@font-face\s*\{[^}]*\}/g, '');
    withoutFontFaces.set(path, css);
  }
  return css;
}

export default fp(
  async (fastify) => {
    const cache = fastify.config.NODE_ENV === 'production' ? 'public, max-age=86400' : 'no-cache';
    await fastify.register(fastifyStatic, {
      root: join(import.meta.dirname, '..', '..', 'public'),
      prefix: '/assets/',
      decorateReply: true,
      cacheControl: false,
      setHeaders: (res) => res.setHeader('cache-control', cache),
    });
    for (const [prefix, { pkg, files }] of Object.entries(VENDOR)) {
      const dir = packageDir(pkg);
      fastify.get(`/vendor/${prefix}/*`, { schema: { hide: true } }, async (request, reply) => {
        const file = (request.params as { '*': string })['*'];
        if (!files.test(file)) return reply.callNotFound();
        reply.header('cache-control', cache);
        if (WITHOUT_FONT_FACES.has(`${prefix}/${file}`)) return reply.type('text/css; charset=utf-8').send(await fontlessCss(join(dir, file)));
        return reply.sendFile(file, dir);
      });
    }
  },
  { name: 'static-assets', dependencies: ['config'] },
);
