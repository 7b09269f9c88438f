#!/usr/bin/env node
/**
 * Build the client (`vite build`) when dist/client/index.html is missing or older than
 * any source it depends on (client/, shared/, vite.config.ts, package.json), and the
 * server bundle (scripts/build-server.mjs) when dist/server/main.mjs is missing or older
 * than server/, shared/ or package.json. Used by `npm start` so a fresh clone just works;
 * `--client` builds the client only (the e2e suites, which run the server's sources).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const output = path.join(root, 'dist/client/index.html');
const sources = ['client', 'shared', 'vite.config.ts', 'package.json'];
const serverOutput = path.join(root, 'dist/server/main.mjs');
const serverSources = ['server', 'shared', 'package.json', 'scripts/build-server.mjs'];

/** Newest mtime (ms) under `p`, skipping node_modules and dot-directories. */
function newest(p) {
  let st;
  try {
    st = fs.statSync(p);
  } catch {
    return 0;
  }
  if (!st.isDirectory()) return st.mtimeMs;
  let max = 0;
  for (const entry of fs.readdirSync(p)) {
    if (entry === 'node_modules' || entry.startsWith('.')) continue;
    max = Math.max(max, newest(path.join(p, entry)));
  }
  return max;
}

function reason(output, sources) {
  if (!fs.existsSync(output)) return 'no build found';
  const built = fs.statSync(output).mtimeMs;
  for (const s of sources) {
    if (newest(path.join(root, s)) > built) return `${s} changed since the last build`;
  }
  return null;
}

const why = reason(output, sources);
if (why === null) {
  process.stdout.write('Client build is up to date.\n');
} else {
  process.stdout.write(`Building the client (${why})...\n`);
  const vite = path.join(root, 'node_modules/vite/bin/vite.js');
  // NODE_ENV is forced: under vitest it is 'test', which would build React's development bundle.
  const r = spawnSync(process.execPath, [vite, 'build'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production' },
  });
  if (r.status !== 0) {
    process.stderr.write('Client build failed (see above).\n');
    process.exit(r.status ?? 1);
  }
  // vite keeps the mtime of unchanged outputs in some cases: mark the build as fresh.
  const now = new Date();
  fs.utimesSync(output, now, now);
}

if (!process.argv.includes('--client')) {
  const serverWhy = reason(serverOutput, serverSources);
  if (serverWhy === null) {
    process.stdout.write('Server bundle is up to date.\n');
  } else {
    process.stdout.write(`Building the server (${serverWhy})...\n`);
    const { buildServer } = await import('./build-server.mjs');
    try {
      await buildServer();
    } catch (err) {
      process.stderr.write(`Server build failed: ${err instanceof Error ? err.message : err}\n`);
      process.exit(1);
    }
  }
}
