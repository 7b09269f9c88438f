/**
 * First run and sign-in, in the browser (issue 11, notes/api-spec.md "Auth").
 *
 * A fresh server with no administrator shows "Siapkan Susun" at `/`; filling it
 * creates the agency and the first administrator, signs them in and lands on the
 * list, which shows the sample SOP (seeded before the first administrator, so
 * it becomes theirs). Signing out shows the login page; a private page visited
 * while signed out comes back after login (`next`); a wrong password shows the
 * error and signs nobody in.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/server';
import { browserAvailable, ensureClientBuilt, launchBrowser, SESSION_COOKIE } from './helpers';

const run = browserAvailable();

const ADMIN = {
  agency: 'Dinas Perpustakaan dan Kearsipan',
  name: 'Sari Wulandari',
  title: 'Kepala Dinas',
  email: 'sari.wulandari@arsip.example.go.id',
  password: 'arsip-aman-2026',
};
const SAMPLE_NAME = 'Perlindungan dan Penyelamatan Arsip';

describe.skipIf(!run)('first run: setup, logout, login', () => {
  let srv: TestServer;
  let browser: Browser;
  let ctx: BrowserContext;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    ensureClientBuilt();
    // No administrator from the config: the server waits for /setup.
    srv = await startTestServer({ adminEmail: '', adminPassword: '', seedSample: true });
    browser = await launchBrowser();
    ctx = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    page = await ctx.newPage();
    page.on('pageerror', (e) => pageErrors.push(e.message));
  });

  afterAll(async () => {
    await browser?.close();
    await srv?.close();
  });

  async function sessionCookie(): Promise<string | undefined> {
    return (await ctx.cookies(srv.url)).find((c) => c.name === SESSION_COOKIE)?.value;
  }

  it('a fresh server sends every page to the setup form', async () => {
    await page.goto(`${srv.url}/`);
    await page.waitForURL(`${srv.url}/setup`);
    await page.getByRole('heading', { name: 'Siapkan Susun' }).waitFor();
    // Another private page too (the meeting-link page stays public).
    await page.goto(`${srv.url}/account`);
    await page.waitForURL(`${srv.url}/setup`);
  });

  it('setup checks the form before sending it', async () => {
    await page.getByTestId('setup-submit').click();
    await expect(page.getByTestId('setup-agency').getAttribute('aria-invalid')).resolves.toBe(
      'true',
    );
    await page.getByTestId('setup-password').fill('pendek');
    await page.getByTestId('setup-submit').click();
    await page.getByText('Kata sandi minimal 8 karakter.').waitFor();
    expect(await sessionCookie()).toBeUndefined();
  });

  it('setup signs the administrator in and lands on the list with the sample SOP', async () => {
    await page.getByTestId('setup-agency').fill(ADMIN.agency);
    await page.getByTestId('setup-name').fill(ADMIN.name);
    await page.getByTestId('setup-title').fill(ADMIN.title);
    await page.getByTestId('setup-email').fill(ADMIN.email);
    await page.getByTestId('setup-password').fill(ADMIN.password);
    await page.getByTestId('setup-password2').fill(ADMIN.password);
    await page.getByTestId('setup-submit').click();

    await page.waitForURL(`${srv.url}/`);
    await page.getByTestId('sop-list-item').filter({ hasText: SAMPLE_NAME }).waitFor();
    expect(await sessionCookie()).toBeTruthy();
    expect(await page.getByTestId('user-menu').textContent()).toContain(ADMIN.name);

    // The menu shows the agency role and the administration link.
    await page.getByTestId('user-menu').click();
    await page.getByRole('menu').getByText('Administrator', { exact: true }).waitFor();
    expect(await page.getByTestId('user-menu-admin').isVisible()).toBe(true);
    await page.keyboard.press('Escape');

    // Setup is over: the form is gone for good.
    await page.goto(`${srv.url}/setup`);
    await page.waitForURL(`${srv.url}/`);
    const status = (await (await fetch(`${srv.url}/api/setup`)).json()) as { needed: boolean };
    expect(status.needed).toBe(false);
  });

  it('logout ends the session and shows the login page', async () => {
    await page.getByTestId('user-menu').click();
    await page.getByTestId('user-menu-logout').click();
    await page.waitForURL(/\/login/);
    await page.getByTestId('login-email').waitFor();
    // The agency is named on the login page.
    await page.getByText(ADMIN.agency).first().waitFor();
    // Private pages now send to the login page, remembering where the user was going.
    await page.goto(`${srv.url}/account`);
    await page.waitForURL(`${srv.url}/login?next=%2Faccount`);
  });

  it('a wrong password shows the error and signs nobody in', async () => {
    await page.getByTestId('login-email').fill(ADMIN.email);
    await page.getByTestId('login-password').fill('bukan-kata-sandinya');
    await page.getByTestId('login-submit').click();
    const error = page.getByTestId('login-error');
    await error.waitFor();
    expect(await error.textContent()).toContain('kata sandi salah');
    expect(new URL(page.url()).pathname).toBe('/login');
    const me = await ctx.request.get(`${srv.url}/api/auth/me`);
    expect(me.status()).toBe(401);
  });

  it('the right password signs in and goes on to `next`, then the list', async () => {
    await page.getByTestId('login-password').fill(ADMIN.password);
    await page.getByTestId('login-submit').click();
    await page.waitForURL(`${srv.url}/account`);
    await page.getByRole('heading', { name: 'Akun saya' }).waitFor();
    expect(await page.getByTestId('profile-name').inputValue()).toBe(ADMIN.name);

    await page.goto(`${srv.url}/`);
    await page.getByTestId('sop-list-item').filter({ hasText: SAMPLE_NAME }).waitFor();
    expect(pageErrors).toEqual([]);
  });
});
