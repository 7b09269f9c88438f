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
import type { Stores } from '../../server/storage/stores.js';

/** A signed-in account on a test server. */
export interface TestUser {
  id: string;
  email: string;
  password: string;
  name: string;
  /** `susun_session=...`, for a `Cookie` header. */
  cookie: string;
  /** An API token (stock socket clients: `params: { token }`). */
  token: string;
}

export interface CreateUserOptions {
  name?: string;
  email?: string;
  password?: string;
  title?: string;
  nip?: string;
  isAdmin?: boolean;
  isApprover?: boolean;
  approverUnits?: string[];
}

export interface TestServer {
  /** http://127.0.0.1:port */
  url: string;
  /** ws://127.0.0.1:port/collab (serverUrl for WebsocketProvider) */
  wsUrl: string;
  port: number;
  dataDir: string;
  config: Config;
  /** The administrator created at start (throws when started with `adminEmail: ''`). */
  readonly admin: TestUser;
  /**
   * `fetch(url + path)` as the admin (or `as`; `as: null` = anonymous) with the same
   * `Origin` a browser page would send; `json` becomes the body.
   */
  api(
    path: string,
    init?: RequestInit & { as?: TestUser | null; json?: unknown },
  ): Promise<Response>;
  /** A new account (created by the admin), signed in, with a token. */
  createUser(opts?: CreateUserOptions): Promise<TestUser>;
  /** Signs in and returns the session cookie (`susun_session=...`). */
  login(email: string, password: string): Promise<string>;
  close(): Promise<void>;
}

export const TEST_ADMIN = { email: 'admin@susun.test', password: 'admin-pass-123' };

/** A fresh temp directory (caller removes it, or `startTestServer` does when it made it). */
export function makeTempDir(prefix = 'susun-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/**
 * Start a server. Defaults: port 0, host 127.0.0.1, temp dataDir, no sample seeding,
 * short unload delay. Pass `dataDir` to reuse one (e.g. restart tests). `deps.stores`
 * replaces the SQLite stores (e.g. `createMemoryStores()` to inject write failures).
 */
export async function startTestServer(
  overrides: Partial<Config> = {},
  deps: { stores?: Stores } = {},
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
    adminEmail: TEST_ADMIN.email,
    adminPassword: TEST_ADMIN.password,
    adminName: 'Admin Susun',
    adminTitle: 'Kepala Dinas',
    ...overrides,
    dataDir,
  };
  const server = await createSusunServer(config, {
    logger: silentLogger(),
    ...(deps.stores ? { stores: deps.stores } : {}),
  });
  const base = `127.0.0.1:${server.port}`;
  const url = `http://${base}`;
  let admin: TestUser | null = null;
  let seq = 0;

  const api: TestServer['api'] = (p, init = {}) => {
    const { as, json, ...rest } = init;
    const who = as === undefined ? admin : as;
    const headers = new Headers(rest.headers);
    if (who) headers.set('Cookie', who.cookie);
    if (!headers.has('Origin')) headers.set('Origin', url);
    if (json !== undefined) {
      headers.set('Content-Type', 'application/json');
      rest.body = JSON.stringify(json);
      rest.method ??= 'POST';
    }
    return fetch(`${url}${p}`, { ...rest, headers });
  };

  async function login(email: string, password: string): Promise<string> {
    const res = await api('/api/auth/login', { as: null, json: { email, password } });
    if (res.status !== 200)
      throw new Error(`login ${email} failed: ${res.status} ${await res.text()}`);
    const cookie = /susun_session=[^;]+/.exec(res.headers.get('set-cookie') ?? '')?.[0];
    if (!cookie) throw new Error('login set no session cookie');
    return cookie;
  }

  async function signIn(
    id: string,
    email: string,
    password: string,
    name: string,
  ): Promise<TestUser> {
    const cookie = await login(email, password);
    const t = await fetch(`${url}/api/tokens`, {
      method: 'POST',
      headers: { Cookie: cookie, 'Content-Type': 'application/json', Origin: url },
      body: JSON.stringify({ name: 'test' }),
    });
    if (t.status !== 201) throw new Error(`token for ${email} failed: ${t.status}`);
    const { token } = (await t.json()) as { token: string };
    return { id, email, password, name, cookie, token };
  }

  if (config.adminEmail) {
    const cookie = await login(config.adminEmail, config.adminPassword);
    const me = (await (
      await fetch(`${url}/api/auth/me`, { headers: { Cookie: cookie } })
    ).json()) as { user: { id: string } };
    admin = await signIn(me.user.id, config.adminEmail, config.adminPassword, config.adminName);
  }

  return {
    url,
    wsUrl: `ws://${base}/collab`,
    port: server.port,
    dataDir,
    config,
    get admin(): TestUser {
      if (!admin) throw new Error('this test server was started without an administrator');
      return admin;
    },
    api,
    login,
    async createUser(opts = {}) {
      seq++;
      const name = opts.name ?? `Pengguna ${seq}`;
      const email =
        opts.email ?? `${name.toLowerCase().replace(/[^a-z0-9]+/g, '.')}.${seq}@susun.test`;
      const password = opts.password ?? `sandi-${seq}-rahasia`;
      const res = await api('/api/users', {
        json: {
          email,
          name,
          password,
          ...(opts.title !== undefined ? { title: opts.title } : {}),
          ...(opts.nip !== undefined ? { nip: opts.nip } : {}),
          ...(opts.isAdmin !== undefined ? { isAdmin: opts.isAdmin } : {}),
          ...(opts.isApprover !== undefined ? { isApprover: opts.isApprover } : {}),
          ...(opts.approverUnits !== undefined ? { approverUnits: opts.approverUnits } : {}),
        },
      });
      if (res.status !== 201)
        throw new Error(`create user failed: ${res.status} ${await res.text()}`);
      const { id } = (await res.json()) as { id: string };
      return signIn(id, email, password, name);
    },
    async close() {
      await server.close();
      if (ownDir) fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
