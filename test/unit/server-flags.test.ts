/**
 * `npm start` runs the server with the flags the benchmark runs it with
 * (scripts/server-flags.mjs): the two lists cannot drift apart.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SERVER_NODE_FLAGS } from '../../scripts/server-flags.mjs';

describe('server flags', () => {
  it('npm start passes exactly SERVER_NODE_FLAGS to the server bundle', () => {
    const pkg = JSON.parse(
      readFileSync(path.resolve(import.meta.dirname, '../../package.json'), 'utf8'),
    ) as { scripts: Record<string, string> };
    const run = /&& node (.*?)\s*dist\/server\/main\.mjs$/.exec(pkg.scripts.start ?? '');
    expect(run).not.toBeNull();
    const flags = run![1]!.split(/\s+/).filter(Boolean);
    expect(flags).toEqual(SERVER_NODE_FLAGS);
  });
});
