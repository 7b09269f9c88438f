#!/usr/bin/env node
/**
 * Bundles the server for `npm start` (esbuild): dist/server/main.mjs, and the entries of
 * its worker threads beside it. Packages stay external (loaded from node_modules as
 * usual); only Susun's own TypeScript is compiled, once, instead of by tsx at every
 * start. Why: under tsx every module is transpiled at load and kept with its source map,
 * which made an idle server ~40 MB heavier and its start slower (issue 19).
 *
 * `node scripts/build-server.mjs` builds; `ensure-build.mjs` calls it when the sources
 * are newer than the bundle. Tests and `npm run dev` run the sources directly.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Bundle outputs (under dist/server) and their sources. */
export const SERVER_ENTRIES = {
  main: 'server/main.ts',
  'export-worker': 'server/export/workerEntry.ts',
  'import-worker': 'server/import/workerEntry.ts',
  'png-worker': 'server/export/pngWorker.ts',
};

export async function buildServer() {
  await build({
    absWorkingDir: root,
    entryPoints: Object.fromEntries(
      Object.entries(SERVER_ENTRIES).map(([out, src]) => [out, path.join(root, src)]),
    ),
    outdir: path.join(root, 'dist/server'),
    outExtension: { '.js': '.mjs' },
    bundle: true,
    // Code shared by the entries (the model, the flowchart) is one chunk, not three copies.
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
  });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await buildServer();
  process.stdout.write('Server bundle built in dist/server.\n');
}
