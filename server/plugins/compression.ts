/**
 * Compression and caching of responses. HTML and JSON are compressed on the fly (brotli or gzip,
 * above 1 KB); the large static files come compressed already (server/assets/asset-build.ts) and
 * are passed through. HTML is never stored by a browser or proxy: a respondent's page carries the
 * link's language and resume state, a staff page a CSRF token.
 */
import compress from '@fastify/compress';
import fp from 'fastify-plugin';
import zlib from 'node:zlib';

export default fp(
  async (fastify) => {
    await fastify.register(compress, {
      encodings: ['br', 'gzip'],
      threshold: 1024,
      // Quality 4 compresses a page in well under a millisecond; the static files use 11, once.
      brotliOptions: { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 4 } },
    });
    fastify.addHook('onSend', async (_request, reply, payload) => {
      const type = String(reply.getHeader('content-type') ?? '');
      if (type.startsWith('text/html') && !reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
      return payload;
    });
  },
  { name: 'compression' },
);
