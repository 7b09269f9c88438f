/**
 * Issue 11, browser end-to-end: a guest joins a review through the meeting link shown
 * on the projector, can comment but not edit, is stamped with the name they gave, sees
 * only that SOP, and is let go when the link is revoked.
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
  userContext,
} from './helpers';

const run = browserAvailable();
const WAIT = { timeout: 15_000 };

describe.skipIf(!run)('meeting link: a guest joins a review', () => {
  let srv: TestServer;
  let browser: Browser;
  let sopId: string;
  let owner: BrowserContext;
  let ownerPage: Page;

  beforeAll(async () => {
    ensureClientBuilt();
    srv = await startTestServer();
    browser = await launchBrowser();
    sopId = await createSop(srv, 'sample', 'SOP Rapat Penyusunan');
    owner = await userContext(browser, srv, 'Ani Lestari');
    const ani = await e2eUser(srv, 'Ani Lestari');
    await srv.api(`/api/sops/${sopId}/members/${ani.id}`, {
      method: 'PUT',
      json: { role: 'owner' },
    });
    ownerPage = await openEditor(owner, srv.url, sopId);
  });
  afterAll(async () => {
    await browser?.close();
    await srv?.close();
  });

  it('the owner makes a link; a guest joins by name, comments, and cannot edit', async () => {
    // The owner opens the sharing dialog and makes a meeting link (commenter by default).
    await clickHeaderAction(ownerPage, 'share-button');
    const dialog = ownerPage.getByTestId('share-dialog');
    await dialog.getByTestId('member-row').first().waitFor(WAIT);
    await dialog.getByTestId('link-create').click(WAIT);
    await dialog.getByTestId('link-url').first().waitFor(WAIT);
    const url = (await ownerPage.getByTestId('link-url').first().textContent())?.trim() ?? '';
    // Shown without the scheme, as it is read aloud or typed from the projector.
    const code = /\/j\/([0-9A-Z]{10})$/.exec(url)?.[1];
    expect(code, url).toBeTruthy();
    expect(await ownerPage.getByTestId('link-qr').first().isVisible()).toBe(true);
    await ownerPage.keyboard.press('Escape');

    // A guest with no account opens it.
    const guestCtx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const guest = await guestCtx.newPage();
    guest.on('pageerror', (e) => process.stderr.write(`[guest page error] ${e.message}\n`));
    await guest.goto(`${srv.url}/j/${code}`);
    await guest.getByTestId('join-name').fill('Rina Tamu');
    await guest.getByTestId('join-submit').click();
    await guest.waitForURL(`${srv.url}/sop/${sopId}`, WAIT);
    await guest.getByTestId('sop-name').waitFor(WAIT);
    await guest.locator('[data-testid="connection-status"][data-status="online"]').waitFor(WAIT);

    // Cannot edit: every field read-only, no structural buttons.
    for (const id of ['sop-name', 'step-activity'])
      expect(
        await guest
          .getByTestId(id)
          .first()
          .evaluate((el) => (el as HTMLTextAreaElement).readOnly),
      ).toBe(true);
    expect(await guest.getByTestId('add-step').isVisible()).toBe(false);

    // Can comment: on step 2; the owner sees it under the guest's name.
    await guest.getByTestId('step-row').nth(1).getByTestId('comment-button').click();
    const draft = guest.getByTestId('comment-new');
    await draft.getByTestId('comment-input').fill('Dari tamu rapat: mohon tambah waktu');
    await draft.getByTestId('comment-submit').click();
    const count = ownerPage.getByTestId('step-row').nth(1).getByTestId('comment-count');
    await count.waitFor(WAIT);
    await ownerPage.getByTestId('step-row').nth(1).getByTestId('comment-button').click();
    const thread = ownerPage.getByTestId('comment-panel').getByTestId('comment-thread').first();
    await thread.waitFor(WAIT);
    expect(await thread.textContent()).toContain('Rina Tamu');
    expect(await thread.textContent()).toContain('mohon tambah waktu');

    // The guest reaches nothing else: the list sends them back to their SOP, the API refuses.
    const other = await createSop(srv, 'sop-ap', 'SOP Lain');
    await guest.goto(`${srv.url}/`);
    await guest.waitForURL(`${srv.url}/sop/${sopId}`, WAIT);
    const res = await guest.evaluate(async (id) => (await fetch(`/api/sops/${id}`)).status, other);
    expect(res).toBe(403);

    // Revoking the link lets the guest go: their socket closes, their next call is 401.
    const links = (await (await srv.api(`/api/sops/${sopId}/links`)).json()) as Array<{
      id: string;
    }>;
    for (const l of links) await srv.api(`/api/sops/${sopId}/links/${l.id}`, { method: 'DELETE' });
    await expect
      .poll(() => guest.evaluate(async (id) => (await fetch(`/api/sops/${id}`)).status, sopId))
      .toBe(401);
    await guestCtx.close();
  });
});
