/**
 * Administration and sharing in the browser (issue 11, notes/api-spec.md "Agency,
 * users, units", "SOPs" and "Meeting links").
 *
 * An administrator creates a person and a unit on `/admin`; the owner of an SOP
 * shares it with that person as commenter through the "Bagikan" dialog, and the
 * server then gives them exactly that role; the owner creates a meeting link and
 * sees its QR code and short address; the person shared with gets a notification.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/server';
import {
  browserAvailable,
  clickHeaderAction,
  createSop,
  e2eUser,
  ensureClientBuilt,
  launchBrowser,
  openEditor,
  SESSION_COOKIE,
  userContext,
} from './helpers';

const run = browserAvailable();

const PERSON = {
  name: 'Citra Dewi Anggraini',
  email: 'citra.dewi@arsip.example.go.id',
  password: 'arsip-citra-2026',
  title: 'Pengelola Arsip',
  nip: '199204152019032011',
};
const UNIT = 'Seksi Preservasi dan Konservasi';

describe.skipIf(!run)('administration and sharing', () => {
  let srv: TestServer;
  let browser: Browser;
  let adminCtx: BrowserContext;
  let ownerCtx: BrowserContext;
  let admin: Page;
  let owner: Page;
  let sopId: string;
  let personId: string;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    ensureClientBuilt();
    srv = await startTestServer();
    browser = await launchBrowser();
    const ani = await e2eUser(srv, 'Ani Lestari');
    sopId = await createSop(srv, 'sop-ap', 'Peminjaman Arsip Statis', { as: ani });
    adminCtx = await userContext(browser, srv, 'admin', { user: srv.admin });
    ownerCtx = await userContext(browser, srv, 'Ani Lestari');
    admin = await adminCtx.newPage();
    admin.on('pageerror', (e) => pageErrors.push(e.message));
  });

  afterAll(async () => {
    await browser?.close();
    await srv?.close();
  });

  it('an administrator creates a user with jabatan and NIP', async () => {
    await admin.goto(`${srv.url}/admin`);
    await admin.getByTestId('admin-users').waitFor();
    await admin.getByTestId('user-create').click();
    const dialog = admin.getByTestId('user-dialog');
    await dialog.getByTestId('user-name').fill(PERSON.name);
    await dialog.getByTestId('user-email').fill(PERSON.email);
    await dialog.getByTestId('user-title').fill(PERSON.title);
    await dialog.getByTestId('user-nip').fill(PERSON.nip);
    await dialog.getByTestId('user-password').fill(PERSON.password);
    await dialog.getByTestId('user-save').click();
    await dialog.waitFor({ state: 'detached' });

    const row = admin.locator(`[data-testid="user-row"][data-email="${PERSON.email}"]`);
    await row.waitFor();
    expect(await row.textContent()).toContain(PERSON.nip);
    personId = (await row.getAttribute('data-user-id')) ?? '';
    const users = (await (await srv.api('/api/users')).json()) as Array<{
      id: string;
      email: string;
      title: string;
      nip: string | null;
    }>;
    const saved = users.find((u) => u.id === personId);
    expect(saved).toMatchObject({ email: PERSON.email, title: PERSON.title, nip: PERSON.nip });
  });

  it('an administrator creates a unit and adds the new user to it', async () => {
    await admin.getByTestId('admin-tab-units').click();
    await admin.getByTestId('admin-units').waitFor();
    await admin.getByTestId('unit-new-name').fill(UNIT);
    await admin.getByTestId('unit-create').click();
    const unitRow = admin.locator('[data-testid="unit-row"]', { hasText: UNIT });
    await unitRow.waitFor();
    // The new unit is selected: add the person through the member picker.
    await admin.getByTestId('unit-add-member').fill('Citra');
    await admin.getByTestId('person-option').filter({ hasText: PERSON.name }).click();
    await admin.getByTestId('unit-member').filter({ hasText: PERSON.name }).waitFor();

    const units = (await (await srv.api('/api/units')).json()) as Array<{
      name: string;
      memberIds: string[];
    }>;
    expect(units.find((u) => u.name === UNIT)?.memberIds).toEqual([personId]);
  });

  it('the owner shares the SOP with that user as commenter through the dialog', async () => {
    owner = await openEditor(ownerCtx, srv.url, sopId);
    owner.on('pageerror', (e) => pageErrors.push(e.message));
    await clickHeaderAction(owner, 'share-button');
    const dialog = owner.getByTestId('share-dialog');
    await dialog.getByTestId('member-row').first().waitFor();
    await dialog.getByTestId('share-add-user').fill('Citra');
    await dialog.getByTestId('person-option').filter({ hasText: PERSON.name }).click();
    await dialog.getByTestId('share-role-select').selectOption('commenter');
    await dialog.getByTestId('share-add-submit').click();

    const row = dialog.locator(`[data-testid="member-row"][data-user-id="${personId}"]`);
    await row.waitFor();
    expect(await row.getAttribute('data-role')).toBe('commenter');
    expect(await row.getAttribute('data-source')).toBe('member');

    // The server now gives that person exactly the commenter role on this SOP.
    const login = await srv.api('/api/auth/login', {
      method: 'POST',
      json: { email: PERSON.email, password: PERSON.password },
      as: null,
    });
    expect(login.status).toBe(200);
    const cookie = login.headers
      .getSetCookie()
      .map((c) => c.split(';')[0] ?? '')
      .find((c) => c.startsWith(`${SESSION_COOKIE}=`));
    expect(cookie).toBeTruthy();
    const access = await fetch(`${srv.url}/api/sops/${sopId}/access`, {
      headers: { Cookie: cookie ?? '' },
    });
    expect(((await access.json()) as { role: string }).role).toBe('commenter');

    // The owner can change that role in the person's row; the server follows.
    const roleOf = async () =>
      (
        (await (
          await fetch(`${srv.url}/api/sops/${sopId}/access`, { headers: { Cookie: cookie ?? '' } })
        ).json()) as { role: string }
      ).role;
    await row.getByTestId('member-role-select').selectOption('viewer');
    await dialog
      .locator(`[data-testid="member-row"][data-user-id="${personId}"][data-role="viewer"]`)
      .waitFor();
    expect(await roleOf()).toBe('viewer');
    await row.getByTestId('member-role-select').selectOption('commenter');
    await dialog
      .locator(`[data-testid="member-row"][data-user-id="${personId}"][data-role="commenter"]`)
      .waitFor();
    expect(await roleOf()).toBe('commenter');
  });

  it('the owner creates a meeting link and sees its QR code and short address', async () => {
    const dialog = owner.getByTestId('share-dialog');
    await dialog.getByTestId('link-create').click();
    const qr = dialog.getByTestId('link-qr');
    await qr.waitFor();
    expect(await qr.getAttribute('src')).toMatch(/^data:image\/svg\+xml/);
    const box = await qr.boundingBox();
    expect(box?.width ?? 0).toBeGreaterThan(150);

    const links = (await (await srv.api(`/api/sops/${sopId}/links`)).json()) as Array<{
      url: string;
      role: string;
      code: string;
    }>;
    expect(links).toHaveLength(1);
    expect(links[0]?.role).toBe('commenter');
    const shown = await dialog.getByTestId('link-url').textContent();
    expect(shown).toBe(links[0]?.url.replace(/^https?:\/\//, ''));
    expect(await qr.getAttribute('data-url')).toBe(links[0]?.url);

    // The projector view shows the same address, large.
    await dialog.getByTestId('link-projector').click();
    const projector = owner.getByTestId('projector-view');
    await projector.waitFor();
    expect(await projector.getByTestId('projector-url').textContent()).toBe(shown);
    await owner.keyboard.press('Escape');
    await projector.waitFor({ state: 'detached' });
  });

  it('the person shared with sees a notification in the bell', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const login = await srv.api('/api/auth/login', {
      method: 'POST',
      json: { email: PERSON.email, password: PERSON.password },
      as: null,
    });
    const value = login.headers
      .getSetCookie()
      .map((c) => c.split(';')[0] ?? '')
      .find((c) => c.startsWith(`${SESSION_COOKIE}=`))
      ?.slice(SESSION_COOKIE.length + 1);
    await ctx.addCookies([{ name: SESSION_COOKIE, value: value ?? '', url: srv.url }]);
    const page = await ctx.newPage();
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(`${srv.url}/`);
    const bell = page.getByTestId('notifications-bell');
    await page.locator('[data-testid="notifications-bell"]:not([data-unread="0"])').waitFor();
    await bell.click();
    const item = page.getByTestId('notification-item').first();
    await item.waitFor();
    expect(await item.textContent()).toContain('Peminjaman Arsip Statis');
    await ctx.close();
    expect(pageErrors).toEqual([]);
  });
});
