/**
 * The first half of `npm start`: compiles the server (tsc into dist/) when the build is missing or
 * older than any source file, so that the server then runs as plain JavaScript under node, with no
 * compiler in memory. Tests and the command-line tools run the TypeScript through tsx.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const entry = join(root, 'dist', 'server', 'server.js');

function newestSource(dir) {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (e.isFile() && e.name.endsWith('.ts')) newest = Math.max(newest, statSync(join(e.parentPath, e.name)).mtimeMs);
  }
  return newest;
}

const sources = Math.max(...['server', 'analysis', 'migrations'].map((d) => newestSource(join(root, d))), statSync(join(root, 'tsconfig.build.json')).mtimeMs);
if (!existsSync(entry) || statSync(entry).mtimeMs < sources) {
  console.log('Compiling the server (once, until the sources change)...');
  const tsc = spawnSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit' });
  if (tsc.status !== 0) process.exit(tsc.status ?? 1);
}
