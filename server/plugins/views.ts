/**
 * Server-rendered pages with Handlebars. `{{ }}` escapes; templates never use `{{{ }}}` on data.
 * Helpers are named functions registered once (views/helpers in server/view-helpers.ts).
 */
import { join } from 'node:path';
import fastifyView from '@fastify/view';
import fp from 'fastify-plugin';
import handlebars from 'handlebars';
import { readdirSync } from 'node:fs';
import { registerViewHelpers } from '../view-helpers.ts';
import { projectRoot } from '../project-root.ts';

const root = join(projectRoot, 'views');

/** Every file under views/partials/<group>/ becomes the partial "<group>/<name>". */
function partialsMap(): Record<string, string> {
  const map: Record<string, string> = {};
  const dir = join(root, 'partials');
  for (const group of readdirSync(dir, { withFileTypes: true })) {
    if (!group.isDirectory()) continue;
    for (const file of readdirSync(join(dir, group.name))) {
      if (file.endsWith('.hbs')) map[`${group.name}/${file.replace(/\.hbs$/, '')}`] = `partials/${group.name}/${file}`;
    }
  }
  return map;
}

export default fp(
  async (fastify) => {
    const engine = handlebars.create();
    registerViewHelpers(engine);
    // {{asset "/assets/css/app.css"}}: the asset's hashed, long-cached URL.
    engine.registerHelper('asset', (name: unknown) => fastify.assets.url(String(name)));
    await fastify.register(fastifyView, {
      engine: { handlebars: engine },
      root,
      layout: 'layouts/main.hbs',
      viewExt: 'hbs',
      options: { partials: partialsMap() },
      production: fastify.config.NODE_ENV === 'production',
    });
  },
  { name: 'views', dependencies: ['config', 'static-assets'] },
);
