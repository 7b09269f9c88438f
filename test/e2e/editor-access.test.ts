/**
 * Issue 11, browser end-to-end: the editor mirrors the server's rights.
 * - A viewer sees every input read-only, no structural buttons, TipTap not
 *   editable, no "new comment" buttons, and a "Pembaca" badge.
 * - A commenter cannot edit the content but can comment (the command goes to
 *   the server, which writes the thread); offline, a comment is not sent and
 *   the user is told (nothing is half-applied).
 * - An editor whose role is lowered while the SOP is open becomes read-only
 *   within a second or two (the socket's `access` message).
 * - Edits made offline before the role was lowered are refused by the server:
 *   the browser drops its local copy, says so, and shows the server's state.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer, type TestUser } from '../helpers/server';
import {
  browserAvailable,
  clickHeaderAction,
  createSop,
  ensureClientBuilt,
  launchBrowser,
  openEditor,
  userContext,
} from './helpers';

const run = browserAvailable();
const WAIT = { timeout: 15_000 };

describe.skipIf(!run)('editor: rights from the server', () => {
  let srv: TestServer;
  let browser: Browser;
  let sopId: string;

  /** A user outside the e2e unit, shared on the SOP with exactly `role`. */
  async function sharedAs(
    name: string,
    role: 'viewer' | 'commenter' | 'editor',
  ): Promise<TestUser> {
    const user = await srv.createUser({ name });
    await setRole(user, role);
    return user;
  }
  async function setRole(user: TestUser, role: 'viewer' | 'commenter' | 'editor'): Promise<void> {
    const res = await srv.api(`/api/sops/${sopId}/members/${user.id}`, {
      method: 'PUT',
      json: { role },
    });
    if (!res.ok) throw new Error(`share as ${role}: ${res.status} ${await res.text()}`);
  }
  async function open(name: string, user: TestUser): Promise<Page> {
    const ctx = await userContext(browser, srv, name, { user });
    return openEditor(ctx, srv.url, sopId);
  }
  const readOnly = (page: Page, testId: string) =>
    page
      .getByTestId(testId)
      .first()
      .evaluate((el) => (el as HTMLTextAreaElement).readOnly);

  beforeAll(async () => {
    ensureClientBuilt();
    srv = await startTestServer();
    browser = await launchBrowser();
    sopId = await createSop(srv, 'sample', 'SOP Hak Akses');
  });

  afterAll(async () => {
    await browser?.close();
    await srv?.close();
  });

  it('a viewer reads only: no input, no structural button, no new comment', async () => {
    const page = await open('Vina Pembaca', await sharedAs('Vina Pembaca', 'viewer'));
    const badge = page.getByTestId('role-badge');
    expect(await badge.getAttribute('data-role')).toBe('viewer');
    expect(await badge.textContent()).toContain('Pembaca');
    expect(await readOnly(page, 'sop-name')).toBe(true);
    expect(await readOnly(page, 'step-activity')).toBe(true);
    expect(await page.getByTestId('add-step').isVisible()).toBe(false);
    expect(await page.getByTestId('step-delete').first().isVisible()).toBe(false);
    expect(await page.getByTestId('comment-button').count()).toBe(0);
    expect(await page.getByTestId('review-start').count()).toBe(0);
    expect(await page.getByTestId('approve-button').count()).toBe(0);
    await page.locator('#narrative').scrollIntoViewIfNeeded();
    await page.locator('.ProseMirror[contenteditable="false"]').first().waitFor(WAIT);
    expect(await page.locator('.ProseMirror[contenteditable="true"]').count()).toBe(0);
    // The comments panel opens for reading, without a writing box.
    await clickHeaderAction(page, 'comments-toggle');
    await page.getByTestId('comment-panel').waitFor(WAIT);
    expect(await page.getByTestId('comment-input').count()).toBe(0);
    await page.context().close();
  });

  it('a commenter cannot edit but comments through the server', async () => {
    const page = await open('Citra Komentar', await sharedAs('Citra Komentar', 'commenter'));
    expect(await page.getByTestId('role-badge').getAttribute('data-role')).toBe('commenter');
    expect(await readOnly(page, 'step-activity')).toBe(true);
    expect(await page.getByTestId('add-step').isVisible()).toBe(false);
    const third = page.getByTestId('step-row').nth(2);
    await third.getByTestId('comment-button').click();
    const draft = page.getByTestId('comment-new');
    await draft.getByTestId('comment-input').fill('Apakah perlu paraf Kabid?');
    await draft.getByTestId('comment-submit').click();
    const thread = page.getByTestId('comment-panel').getByTestId('comment-thread').first();
    await thread.waitFor(WAIT);
    expect(await thread.textContent()).toContain('Apakah perlu paraf Kabid?');
    expect(await thread.textContent()).toContain('Citra Komentar'); // the server's author

    // Offline, a reply cannot be sent: the user is told, and the text stays in the box.
    await page.context().setOffline(true);
    const box = thread.getByTestId('comment-input');
    await box.fill('Balasan luring');
    await thread.getByTestId('comment-submit').click();
    const notice = page.getByTestId('editor-notice');
    await notice.waitFor(WAIT);
    expect(await notice.textContent()).toContain('Tidak tersambung ke server');
    expect(await box.inputValue()).toBe('Balasan luring');
    expect(await thread.getByTestId('comment-message').count()).toBe(1);
    await page.context().setOffline(false);
    await page.context().close();
  });

  it('a lowered role makes the open editor read-only at once', async () => {
    const eka = await sharedAs('Eka Editor', 'editor');
    const page = await open('Eka Editor', eka);
    expect(await page.getByTestId('role-badge').count()).toBe(0);
    expect(await readOnly(page, 'step-activity')).toBe(false);
    const before = Date.now();
    await setRole(eka, 'viewer');
    await page.waitForFunction(
      () =>
        (document.querySelector('[data-testid="step-activity"]') as HTMLTextAreaElement | null)
          ?.readOnly === true,
      undefined,
      { polling: 'raf', ...WAIT },
    );
    expect(Date.now() - before).toBeLessThan(5_000);
    await page.getByTestId('role-badge').waitFor(WAIT);
    expect(await page.getByTestId('add-step').isVisible()).toBe(false);
    await page.context().close();
  });

  it('offline edits made before the role was lowered are dropped, and the user is told', async () => {
    const fajar = await sharedAs('Fajar Luring', 'editor');
    const page = await open('Fajar Luring', fajar);
    const cell = page.getByTestId('step-activity').first();
    const original = await cell.inputValue();
    await page.context().setOffline(true);
    await page.locator('[data-testid="connection-status"][data-status="offline"]').waitFor(WAIT);
    await cell.click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type(' (luring)');
    expect(await cell.inputValue()).toBe(`${original} (luring)`);

    await setRole(fajar, 'viewer');
    await page.context().setOffline(false);
    const notice = page.getByTestId('editor-notice');
    await notice.waitFor(WAIT);
    expect(await notice.textContent()).toContain('Perubahan Anda tidak disimpan');
    // The fresh session shows the server's state, read-only.
    await page.getByTestId('role-badge').waitFor(WAIT);
    await page.waitForFunction(
      (text) =>
        (document.querySelector('[data-testid="step-activity"]') as HTMLTextAreaElement | null)
          ?.value === text,
      original,
      { polling: 'raf', ...WAIT },
    );
    const onServer = (await (await srv.api(`/api/sops/${sopId}`)).json()) as {
      steps: Array<{ activity: string }>;
    };
    expect(onServer.steps[0]?.activity).toBe(original);
    // The dropped copy stays dropped after a reload.
    await page.reload();
    await page.getByTestId('step-activity').first().waitFor(WAIT);
    expect(await page.getByTestId('step-activity').first().inputValue()).toBe(original);
    await page.context().close();
  });
});
