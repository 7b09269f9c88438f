/**
 * Start a real Susun server for integration tests: port 0, a temporary DATA_DIR,
 * a silent logger. `close()` shuts it down and removes the temp dir (unless a
 * dataDir was passed in, which is kept so a test can restart on it).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Config, loadConfig } from '../../server/config.js';
import { silentLogger } from '../../server/logger.js';
import { createSusunServer } from '../../server/server.js';
import type { Storage } from '../../server/storage/types.js';

export interface TestServer {
  /** http://127.0.0.1:port */
  url: string;
  /** ws://127.0.0.1:port/collab (serverUrl for WebsocketProvider) */
  wsUrl: string;
  port: number;
  dataDir: string;
  config: Config;
  close(): Promise<void>;
}

/** A fresh temp directory (caller removes it, or `startTestServer` does when it made it). */
export function makeTempDir(prefix = 'susun-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/**
 * Start a server. Defaults: port 0, host 127.0.0.1, temp dataDir, no sample seeding,
 * short unload delay. Pass `dataDir` to reuse one (e.g. restart tests). `deps.storage`
 * replaces the SQLite store (e.g. `createMemoryStore()` to inject write failures).
 */
export async function startTestServer(
  overrides: Partial<Config> = {},
  deps: { storage?: Storage } = {},
): Promise<TestServer> {
  const ownDir = overrides.dataDir === undefined;
  const dataDir = overrides.dataDir ?? makeTempDir();
  const config: Config = {
    ...loadConfig({}),
    clientDir: path.resolve(import.meta.dirname, '../../dist/client'),
    port: 0,
    host: '127.0.0.1',
    seedSample: false,
    unloadDelayMs: 200,
    metaDebounceMs: 20,
    heartbeatMs: 10_000,
    ...overrides,
    dataDir,
  };
  const server = await createSusunServer(config, {
    logger: silentLogger(),
    ...(deps.storage ? { storage: deps.storage } : {}),
  });
  const base = `127.0.0.1:${server.port}`;
  return {
    url: `http://${base}`,
    wsUrl: `ws://${base}/collab`,
    port: server.port,
    dataDir,
    config,
    async close() {
      await server.close();
      if (ownDir) fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
