/**
 * Browser end-to-end helpers: the system Chromium through playwright-core, a
 * fresh built client, and pages opened as named, signed-in users.
 *
 * Chromium: `/usr/bin/chromium` (Debian package). When it is missing the
 * suites fail under `CI=true` and are skipped locally with a loud message.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { startTestServer, type TestServer, type TestUser } from '../helpers/server';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Launch flags known to work in containers (see stack.md). */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export function hasChromium(): boolean {
  return fs.existsSync(CHROMIUM_PATH);
}

/**
 * Whether browser suites can run. Missing Chromium fails under CI=true (a suite
 * that silently skips in CI could never fail) and skips locally, loudly.
 */
export function browserAvailable(): boolean {
  if (hasChromium()) return true;
  const msg = `Chromium not found at ${CHROMIUM_PATH}: install it with \`apt-get install -y chromium\``;
  if (process.env.CI === 'true') throw new Error(`${msg} (required under CI=true)`);
  process.stderr.write(`\n!!! SKIPPING browser end-to-end tests. ${msg}\n\n`);
  return false;
}

/**
 * Build dist/client when missing or stale (same rule as `npm start`).
 * NODE_ENV is forced to production: vitest sets it to `test`, and Vite then
 * builds React's development bundle with `import.meta.env.PROD` false.
 */
export function ensureClientBuilt(): void {
  const script = path.join(root, 'scripts/ensure-build.mjs');
  const env = { ...process.env, NODE_ENV: 'production' };
  const r = fs.existsSync(script)
    ? spawnSync(process.execPath, [script, '--client'], { cwd: root, stdio: 'inherit', env })
    : spawnSync(process.execPath, [path.join(root, 'node_modules/vite/bin/vite.js'), 'build'], {
        cwd: root,
        stdio: 'inherit',
        env,
      });
  if (r.status !== 0) throw new Error('client build failed');
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}

/** Session cookie name (see notes/api-spec.md, "Auth"). */
export const SESSION_COOKIE = 'susun_session';

// Per server: the e2e users by display name, and the one unit they all belong to.
const usersByServer = new WeakMap<TestServer, Map<string, Promise<TestUser>>>();
const unitByServer = new WeakMap<TestServer, Promise<string>>();

async function expectOk(res: Response, what: string): Promise<Response> {
  if (!res.ok) throw new Error(`${what} failed: ${res.status} ${await res.text()}`);
  return res;
}

/**
 * The unit every e2e user is a member of, created once per server. SOPs made by
 * {@link createSop} belong to it, so each e2e user is an editor of each e2e SOP
 * (the unit's default role) whatever the order in which users and SOPs are made.
 */
export function e2eUnit(srv: TestServer): Promise<string> {
  let unit = unitByServer.get(srv);
  if (!unit) {
    unit = srv
      .api('/api/units', { method: 'POST', json: { name: 'Bagian Uji' } })
      .then((res) => expectOk(res, 'create unit'))
      .then(async (res) => ((await res.json()) as { id: string }).id);
    unitByServer.set(srv, unit);
  }
  return unit;
}

/** The e2e user called `name` on `srv` (created once, then reused), member of {@link e2eUnit}. */
export function e2eUser(srv: TestServer, name: string): Promise<TestUser> {
  let users = usersByServer.get(srv);
  if (!users) {
    users = new Map();
    usersByServer.set(srv, users);
  }
  let user = users.get(name);
  if (!user) {
    user = (async () => {
      const u = await srv.createUser({ name });
      const unit = await e2eUnit(srv);
      const path = `/api/units/${encodeURIComponent(unit)}/members/${encodeURIComponent(u.id)}`;
      await expectOk(await srv.api(path, { method: 'PUT' }), 'add unit member');
      return u;
    })();
    users.set(name, user);
  }
  return user;
}

/** A fresh session of `user`: the value of its own session cookie. */
export async function loginSession(srv: TestServer, user: TestUser): Promise<string> {
  const cookie = await srv.login(user.email, user.password);
  return cookie.slice(cookie.indexOf('=') + 1);
}

/**
 * A browser context signed in as the e2e user `name` (see {@link e2eUser}; pass
 * `opts.user` to sign in as another, e.g. `srv.admin`). Each context has its own
 * storage (no BroadcastChannel or IndexedDB shared with another user) and its
 * own session.
 */
export async function userContext(
  browser: Browser,
  srv: TestServer,
  name: string,
  opts: {
    viewport?: { width: number; height: number };
    zoom?: number;
    lang?: 'id' | 'en';
    user?: TestUser;
  } = {},
): Promise<BrowserContext> {
  const user = opts.user ?? (await e2eUser(srv, name));
  const context = await browser.newContext({
    viewport: opts.viewport ?? { width: 1440, height: 900 },
  });
  await context.addCookies([
    { name: SESSION_COOKIE, value: await loginSession(srv, user), url: srv.url },
  ]);
  const prefs: Record<string, string> = {};
  if (opts.zoom) prefs['susun.zoom'] = String(opts.zoom);
  if (opts.lang) prefs['susun.lang'] = opts.lang;
  await context.addInitScript((p: Record<string, string>) => {
    for (const [k, v] of Object.entries(p))
      if (localStorage.getItem(k) === null) localStorage.setItem(k, v);
  }, prefs);
  return context;
}

/**
 * Create an SOP through the REST API (as the admin, or `opts.as`); returns its id.
 * It belongs to {@link e2eUnit}, so every e2e user can edit it.
 */
export async function createSop(
  srv: TestServer,
  template: 'sop-ap' | 'international' | 'sample',
  name?: string,
  opts: { as?: TestUser } = {},
): Promise<string> {
  const unitId = await e2eUnit(srv);
  const res = await srv.api('/api/sops', {
    method: 'POST',
    json: { template, unitId, ...(name ? { name } : {}) },
    ...(opts.as ? { as: opts.as } : {}),
  });
  if (res.status !== 201) throw new Error(`create failed: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { id: string }).id;
}

/** Open the editor for `id` and wait until it is editable and online. */
export async function openEditor(
  context: BrowserContext,
  baseUrl: string,
  id: string,
): Promise<Page> {
  const page = await context.newPage();
  page.on('pageerror', (e) => process.stderr.write(`[page error] ${e.message}\n`));
  await page.goto(`${baseUrl}/sop/${encodeURIComponent(id)}`);
  await waitEditable(page);
  return page;
}

/** Two users (Ani and Budi) with the editor open on one new SOP, on a fresh server. */
export interface TwoUsers {
  srv: TestServer;
  browser: Browser;
  sopId: string;
  ctxA: BrowserContext;
  ctxB: BrowserContext;
  pageA: Page;
  pageB: Page;
}

export async function startTwoUsers(
  template: 'sop-ap' | 'international' | 'sample',
  opts: { name?: string; viewport?: { width: number; height: number } } = {},
): Promise<TwoUsers> {
  ensureClientBuilt();
  const srv = await startTestServer();
  const browser = await launchBrowser();
  const sopId = await createSop(srv, template, opts.name);
  const view = opts.viewport ? { viewport: opts.viewport } : {};
  const ctxA = await userContext(browser, srv, 'Ani Lestari', view);
  const ctxB = await userContext(browser, srv, 'Budi Santoso', view);
  const pageA = await openEditor(ctxA, srv.url, sopId);
  const pageB = await openEditor(ctxB, srv.url, sopId);
  return { srv, browser, sopId, ctxA, ctxB, pageA, pageB };
}

export async function waitEditable(page: Page): Promise<void> {
  await page.getByTestId('sop-name').waitFor({ state: 'visible' });
  await page.locator('[data-testid="connection-status"][data-status="online"]').waitFor();
}

/** The Kegiatan texts of all rows, in order. */
export function activities(page: Page): Promise<string[]> {
  return page.$$eval('[data-testid="step-row"] [data-testid="step-activity"]', (els) =>
    els.map((e) => (e as HTMLTextAreaElement).value),
  );
}

/**
 * Clicks a header action by test id (`share-button`, `versions-open`,
 * `comments-toggle`, …) — through the "⋯" menu (`header-more`) when the window
 * is too narrow for it in the bar.
 */
export async function clickHeaderAction(page: Page, testId: string): Promise<void> {
  if ((await page.locator(`.app-header [data-testid="${testId}"]`).count()) === 0)
    await page.getByTestId('header-more').click();
  await page.getByTestId(testId).click();
}

/** What {@link oneUserSuite} provides its tests, once its `beforeAll` has run. */
export interface OneUserSuite {
  srv: TestServer;
  browser: Browser;
  /** The signed-in person's browser context. */
  ctx: BrowserContext;
}

/**
 * Registers the `beforeAll`/`afterAll` of a suite with one signed-in person: a built
 * client, a test server, a browser and `name`'s context. Read the fields inside tests.
 */
export function oneUserSuite(name: string): OneUserSuite {
  const suite = {} as OneUserSuite;
  beforeAll(async () => {
    ensureClientBuilt();
    suite.srv = await startTestServer();
    suite.browser = await launchBrowser();
    suite.ctx = await userContext(suite.browser, suite.srv, name);
  });
  afterAll(async () => {
    await suite.browser?.close();
    await suite.srv?.close();
  });
  return suite;
}
