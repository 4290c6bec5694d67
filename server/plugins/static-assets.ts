/**
 * Serves the pages' assets, all from this server (no page loads anything from a third-party host).
 * Pages refer to them through `fastify.assets.url()` (the `asset` view helper), which gives the
 * content-hashed URL under /static/: kept by browsers for a year and served from the brotli or
 * gzip copy built once at start (server/assets/asset-build.ts). The plain /assets/ and /vendor/
 * paths still answer, revalidated at each use, for anything that links to them by name.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import fp from 'fastify-plugin';
import { buildAssets, type AssetManifest } from '../assets/asset-build.ts';
import { assetSources, packageDir, VENDOR_FILES, withoutFontFaces } from '../assets/asset-sources.ts';
import { projectRoot } from '../project-root.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** The pages' assets by logical name (e.g. /assets/css/app.css). */
    assets: {
      /** The hashed, long-cached URL of an asset; an unknown name is returned unchanged. */
      url: (name: string) => string;
      manifest: AssetManifest;
    };
  }
}

/** Where the hashed and compressed copies are written (ignored by git, rebuilt when missing). */
export const BUILT_ASSETS_DIR = join(projectRoot, 'dist', 'assets');
export const HASHED_PREFIX = '/static/';

const fontless = new Map<string, string>();

export default fp(
  async (fastify) => {
    const manifest = await buildAssets(assetSources(), BUILT_ASSETS_DIR);
    fastify.decorate('assets', {
      url: (name: string) => {
        const rel = manifest.get(name);
        return rel === undefined ? name : `${HASHED_PREFIX}${rel}`;
      },
      manifest,
    });

    await fastify.register(fastifyStatic, {
      root: BUILT_ASSETS_DIR,
      prefix: HASHED_PREFIX,
      decorateReply: false,
      preCompressed: true,
      // A hashed URL never changes content: no revalidation, not even on reload.
      immutable: true,
      maxAge: 365 * 24 * 60 * 60 * 1000,
      lastModified: false,
      // The same URL answers in brotli, gzip or plain: shared caches must keep them apart.
      setHeaders: (res) => res.setHeader('vary', 'accept-encoding'),
    });

    const cache = fastify.config.NODE_ENV === 'production' ? 'public, max-age=86400' : 'no-cache';
    await fastify.register(fastifyStatic, {
      root: join(projectRoot, 'public'),
      prefix: '/assets/',
      decorateReply: true,
      cacheControl: false,
      setHeaders: (res) => res.setHeader('cache-control', cache),
    });
    for (const [prefix, { pkg, files }] of Object.entries(VENDOR_FILES)) {
      const dir = packageDir(pkg);
      const allowed = new Set(files);
      fastify.get(`/vendor/${prefix}/*`, { schema: { hide: true } }, async (request, reply) => {
        const file = (request.params as { '*': string })['*'];
        if (!allowed.has(file)) return reply.callNotFound();
        reply.header('cache-control', cache);
        if (file.endsWith('survey.analytics.min.css')) {
          let css = fontless.get(file);
          if (css === undefined) fontless.set(file, (css = withoutFontFaces(await readFile(join(dir, file), 'utf8'))));
          return reply.type('text/css; charset=utf-8').send(css);
        }
        return reply.sendFile(file, dir);
      });
    }
  },
  { name: 'static-assets', dependencies: ['config'] },
);
