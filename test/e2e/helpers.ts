/**
 * Browser end-to-end helpers: the system Chromium through playwright-core, a
 * fresh built client, and pages opened as named users.
 *
 * Chromium: `/usr/bin/chromium` (Debian package). When it is missing the
 * suites fail under `CI=true` and are skipped locally with a loud message.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { startTestServer, type TestServer } from '../helpers/server';

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
    ? spawnSync(process.execPath, [script], { cwd: root, stdio: 'inherit', env })
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

/**
 * A browser context for one user: its own storage (so no BroadcastChannel or
 * IndexedDB shared with the other user) with the display name preset, so the
 * "what is your name" dialog does not appear.
 */
export async function userContext(
  browser: Browser,
  name: string,
  opts: { viewport?: { width: number; height: number }; zoom?: number; lang?: 'id' | 'en' } = {},
): Promise<BrowserContext> {
  const context = await browser.newContext({
    viewport: opts.viewport ?? { width: 1440, height: 900 },
  });
  const prefs: Record<string, string> = { 'susun.userName': name };
  if (opts.zoom) prefs['susun.zoom'] = String(opts.zoom);
  if (opts.lang) prefs['susun.lang'] = opts.lang;
  await context.addInitScript((p: Record<string, string>) => {
    for (const [k, v] of Object.entries(p))
      if (localStorage.getItem(k) === null) localStorage.setItem(k, v);
  }, prefs);
  return context;
}

/** Create an SOP through the REST API; returns its id. */
export async function createSop(
  baseUrl: string,
  template: 'sop-ap' | 'international' | 'sample',
  name?: string,
): Promise<string> {
  const res = await fetch(`${baseUrl}/api/sops`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(name ? { template, name } : { template }),
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
  const sopId = await createSop(srv.url, template, opts.name);
  const view = opts.viewport ? { viewport: opts.viewport } : {};
  const ctxA = await userContext(browser, 'Ani Lestari', view);
  const ctxB = await userContext(browser, 'Budi Santoso', view);
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
