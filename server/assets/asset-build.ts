/**
 * Builds the pages' assets once: each file is copied under a name carrying its content hash
 * (so that browsers may keep it for a year), with a brotli (.br) and a gzip (.gz) copy beside it.
 * A file whose hashed copies already exist is not touched again, so only the first start after a
 * change pays for compressing (a few seconds for the largest vendor files); requests never do.
 */
import { createHash } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import type { AssetSource } from './asset-sources.ts';

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

/** Logical name (e.g. /assets/css/app.css) -> path under the built folder (css/app.3f9a0c1d2e.css). */
export type AssetManifest = ReadonlyMap<string, string>;

/** Text types worth compressing; images such as PNG are compressed already. */
const COMPRESSIBLE = /\.(js|css|svg|json|html|txt)$/;

async function hashOfFile(file: string): Promise<string> {
  const hash = createHash('sha256');
  // Streamed, so that hashing Plotly's 4.5 MB at every start leaves no large buffer behind.
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('base64url').slice(0, 12);
}

function hashedPath(name: string, hash: string): string {
  const path = name.replace(/^\/(assets|vendor)\//, (_, top: string) => (top === 'vendor' ? 'vendor/' : ''));
  const dot = path.lastIndexOf('.');
  return dot > path.lastIndexOf('/') ? `${path.slice(0, dot)}.${hash}${path.slice(dot)}` : `${path}.${hash}`;
}

/** Written under a temporary name then renamed: a copy starting at the same time never reads half a file. */
async function writeAtomic(file: string, data: Buffer | string): Promise<void> {
  const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  await writeFile(tmp, data);
  await rename(tmp, file);
}

async function buildOne(source: AssetSource, outDir: string): Promise<[string, string]> {
  // A transformed file is hashed on its result (the source's hash would not change with the transform).
  const text = source.transform ? source.transform(await readFile(source.file, 'utf8')) : null;
  const hash = text === null ? await hashOfFile(source.file) : createHash('sha256').update(text).digest('base64url').slice(0, 12);
  const rel = hashedPath(source.name, hash);
  const target = join(outDir, rel);
  const compressible = COMPRESSIBLE.test(source.file);
  const done = existsSync(target) && (!compressible || (existsSync(`${target}.br`) && existsSync(`${target}.gz`)));
  if (!done) {
    const body = text === null ? await readFile(source.file) : Buffer.from(text);
    await mkdir(dirname(target), { recursive: true });
    if (compressible) {
      const [br, gz] = await Promise.all([
        brotli(body, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length } }),
        gzip(body, { level: zlib.constants.Z_BEST_COMPRESSION }),
      ]);
      await writeAtomic(`${target}.br`, br);
      await writeAtomic(`${target}.gz`, gz);
    }
    // The plain file last: its presence says the compressed copies are there too.
    await writeAtomic(target, body);
  }
  return [source.name, rel];
}

/** Builds what is missing and returns the manifest of every asset. */
export async function buildAssets(sources: AssetSource[], outDir: string): Promise<AssetManifest> {
  const entries = await Promise.all(sources.map((s) => buildOne(s, outDir)));
  return new Map(entries);
}
