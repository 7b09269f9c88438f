/**
 * Issue 2 §2 — configuration parsed once, validated, typed; no module state (two
 * servers in one process are independent).
 */
import { describe, expect, it } from 'vitest';
import { ConfigError, DEFAULT_CONFIG, loadConfig } from '../../server/config.js';
import { CloseCodes } from '../../shared/protocol.js';
import { openRaw, waitForSynced } from '../helpers/collab.js';
import { startTestServer } from '../helpers/server.js';
import { adminClient, freeText, newSop } from '../helpers/sops.js';

describe('loadConfig', () => {
  it('uses documented defaults', () => {
    const c = loadConfig({});
    expect(c.port).toBe(8080);
    expect(c.host).toBe('127.0.0.1');
    expect(c.dataDir.endsWith('/data')).toBe(true);
    expect(c.logLevel).toBe('info');
    expect(c.maxMessageBytes).toBe(4 * 1024 * 1024);
    expect(c).toMatchObject({ ...DEFAULT_CONFIG, dataDir: c.dataDir, clientDir: c.clientDir });
  });

  it('parses values from the environment', () => {
    const c = loadConfig({
      PORT: '9000',
      HOST: '0.0.0.0',
      DATA_DIR: '/tmp/x',
      LOG_LEVEL: 'debug',
      MAX_MESSAGE_BYTES: '2048',
      MAX_CONNECTIONS_PER_IP: '5',
      SYNC_MODE: 'full',
      SEED_SAMPLE: '0',
      UNLOAD_DELAY_MS: '',
    });
    expect(c).toMatchObject({
      port: 9000,
      host: '0.0.0.0',
      dataDir: '/tmp/x',
      logLevel: 'debug',
      maxMessageBytes: 2048,
      maxConnectionsPerIp: 5,
      syncMode: 'full',
      seedSample: false,
      unloadDelayMs: DEFAULT_CONFIG.unloadDelayMs,
    });
  });

  it('reports every bad value clearly', () => {
    let err: unknown;
    try {
      loadConfig({
        PORT: 'eighty',
        MAX_MESSAGE_BYTES: '-1',
        LOG_LEVEL: 'loud',
        SYNC_MODE: 'sometimes',
      });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    const msg = (err as ConfigError).message;
    expect(msg).toContain('PORT="eighty"');
    expect(msg).toContain('MAX_MESSAGE_BYTES');
    expect(msg).toContain('LOG_LEVEL');
    expect(msg).toContain('SYNC_MODE');
    expect((err as ConfigError).problems).toHaveLength(4);
    expect(() => loadConfig({ PORT: '70000' })).toThrow(/PORT/);
  });
});

describe('storage configuration', () => {
  it('DATABASE_URL means PostgreSQL; STORAGE must agree; the URL is never echoed', () => {
    expect(loadConfig({})).toMatchObject({ storage: 'sqlite', databaseUrl: '' });
    const url = 'postgres://susun:secret@db.internal:5432/susun';
    expect(loadConfig({ DATABASE_URL: url })).toMatchObject({
      storage: 'postgres',
      databaseUrl: url,
    });
    expect(loadConfig({ DATABASE_URL: url, STORAGE: 'postgres' }).storage).toBe('postgres');
    expect(loadConfig({ STORAGE: 'memory' }).storage).toBe('memory');
    expect(() => loadConfig({ DATABASE_URL: url, STORAGE: 'sqlite' })).toThrow(/contradicts/);
    expect(() => loadConfig({ STORAGE: 'postgres' })).toThrow(/set DATABASE_URL/);
    let msg = '';
    try {
      loadConfig({ DATABASE_URL: 'mysql://root:hunter2@x/db' });
    } catch (e) {
      msg = (e as Error).message;
    }
    expect(msg).toContain('DATABASE_URL');
    expect(msg).not.toContain('hunter2');
  });
});

describe('two servers in one process', () => {
  it('are independent (no shared module state)', async () => {
    const [a, b] = await Promise.all([startTestServer(), startTestServer()]);
    try {
      expect(a.port).not.toBe(b.port);
      // Each has its own accounts and its own documents: a's SOP and token mean nothing to b.
      const [onA, onB] = [await newSop(a, 'Di A'), await newSop(b, 'Di B')];
      const ca = adminClient(a, onA);
      const cb = adminClient(b, onB);
      await Promise.all([waitForSynced(ca.provider), waitForSynced(cb.provider)]);
      freeText(ca.doc).insert(0, 'only on a');
      const ca2 = adminClient(a, onA);
      await waitForSynced(ca2.provider);
      expect(freeText(ca2.doc).toString()).toBe('only on a');
      expect(freeText(cb.doc).toString()).toBe('');
      const unknownOnB = openRaw(`${b.wsUrl}/${onA}?token=${b.admin.token}`);
      expect((await unknownOnB.closed).code).toBe(CloseCodes.notFound.code);
      const foreignToken = openRaw(`${b.wsUrl}/${onB}?token=${a.admin.token}`);
      expect((await foreignToken.closed).code).toBe(CloseCodes.unauthorized.code);
      const health = (await (await fetch(`${b.url}/api/health`)).json()) as {
        docsOpen: number;
        connections: number;
      };
      expect(health).toMatchObject({ docsOpen: 1, connections: 1 });
      for (const c of [ca, cb, ca2]) c.destroy();
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });
});
