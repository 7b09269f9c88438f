/** The server version, read from package.json once per call site that needs it. */
import { readFileSync } from 'node:fs';

export function readVersion(): string {
  // From the sources (server/version.ts) or the bundle (dist/server/main.mjs).
  for (const rel of ['../package.json', '../../package.json']) {
    try {
      const pkg = JSON.parse(readFileSync(new URL(rel, import.meta.url), 'utf8')) as {
        name?: string;
        version?: string;
      };
      if (pkg.name === 'susun') return pkg.version ?? '0.0.0';
    } catch {
      // not there: try the next
    }
  }
  return '0.0.0';
}
