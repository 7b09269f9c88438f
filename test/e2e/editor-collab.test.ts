/**
 * Issue 4, browser end-to-end: two users co-draft one SOP through a real
 * server (port 0) in two separate browser contexts (no shared storage or
 * BroadcastChannel, so everything goes through the server).
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../helpers/server';
import { browserAvailable, openEditor, startTwoUsers, userContext, waitEditable } from './helpers';

const run = browserAvailable();

describe.skipIf(!run)('editor: live co-drafting in two browsers', () => {
  let srv: TestServer;
  let browser: Browser;
  let ctxB: BrowserContext;
  let pageA: Page;
  let pageB: Page;
  let sopId: string;
  let stepId: string;

  const cell = (page: Page, id: string) =>
    page.locator(`[data-testid="step-row"][data-step-id="${id}"] [data-testid="step-activity"]`);
  const cellValue = (page: Page, id: string) => cell(page, id).inputValue();
  /** Resolves once the cell's value satisfies `pred` (checked every frame in the page). */
  const waitCell = (page: Page, id: string, includes: string[], excludes: string[] = []) =>
    page.waitForFunction(
      ([sid, inc, exc]) => {
        const el = document.querySelector<HTMLTextAreaElement>(
          `[data-testid="step-row"][data-step-id="${sid}"] [data-testid="step-activity"]`,
        );
        return (
          !!el && inc.every((s) => el.value.includes(s)) && exc.every((s) => !el.value.includes(s))
        );
      },
      [id, includes, excludes] as const,
      { polling: 'raf', timeout: 15_000 },
    );

  beforeAll(async () => {
    ({ srv, browser, sopId, ctxB, pageA, pageB } = await startTwoUsers('sop-ap', {
      name: 'SOP Uji Bersama',
    }));
  });

  afterAll(async () => {
    await browser?.close();
    await srv?.close();
  });

  it('A adds a step and types its Kegiatan; B sees it; B shows as an avatar in A', async () => {
    const before = await pageA.getByTestId('step-row').count();
    await pageA.getByTestId('add-step').click();
    const focused = pageA.locator('[data-testid="step-activity"]:focus');
    await focused.waitFor();
    await focused.pressSequentially('Memeriksa kelengkapan berkas');
    stepId =
      (await pageA
        .locator('[data-testid="step-row"]:has([data-testid="step-activity"]:focus)')
        .getAttribute('data-step-id')) ?? '';
    expect(stepId).not.toBe('');
    expect(await pageA.getByTestId('step-row').count()).toBe(before + 1);

    await waitCell(pageB, stepId, ['Memeriksa kelengkapan berkas']);
    expect(await pageB.getByTestId('step-row').count()).toBe(before + 1);

    const avatar = pageA.getByTestId('presence-avatar');
    await avatar.first().waitFor();
    expect(await avatar.count()).toBe(1);
    expect(await avatar.first().getAttribute('data-name')).toBe('Budi Santoso');
    expect(await pageB.getByTestId('presence-avatar').first().getAttribute('data-name')).toBe(
      'Ani Lestari',
    );
  });

  it('both type into the same cell at once: both texts end up in both browsers', async () => {
    for (const page of [pageA, pageB]) {
      await cell(page, stepId).click();
      await page.keyboard.press('Control+End');
    }
    await Promise.all([
      cell(pageA, stepId).pressSequentially(' [dari Ani]', { delay: 15 }),
      cell(pageB, stepId).pressSequentially(' [dari Budi]', { delay: 15 }),
    ]);
    await waitCell(pageA, stepId, ['[dari Ani]', '[dari Budi]']);
    await waitCell(pageB, stepId, ['[dari Ani]', '[dari Budi]']);
    // Same final text on both sides, each insertion intact (not interleaved).
    await pageA.waitForFunction(
      ([sid, expected]) =>
        document.querySelector<HTMLTextAreaElement>(
          `[data-step-id="${sid}"] [data-testid="step-activity"]`,
        )?.value === expected,
      [stepId, await cellValue(pageB, stepId)] as const,
      { polling: 'raf', timeout: 15_000 },
    );
    expect(await cellValue(pageA, stepId)).toBe(await cellValue(pageB, stepId));
  });

  it('B goes offline and edits; A does not receive it; back online, the edits merge', async () => {
    await ctxB.setOffline(true);
    await pageB.locator('[data-testid="connection-status"][data-status="offline"]').waitFor();
    await cell(pageB, stepId).click();
    await pageB.keyboard.press('Control+End');
    await cell(pageB, stepId).pressSequentially(' [luring]');
    expect(await cellValue(pageB, stepId)).toContain('[luring]');
    await pageB.locator('[data-testid="saved-status"][data-status="pending"]').waitFor();

    // A edits meanwhile and waits until the server has stored A's edit: B's
    // offline edit, typed before, would have reached the server by now if sent.
    await cell(pageA, stepId).click();
    await pageA.keyboard.press('Control+Home');
    await cell(pageA, stepId).pressSequentially('[awal] ');
    await pageA.locator('[data-testid="saved-status"][data-status="saved"]').waitFor();
    const onServer = (await (await srv.api(`/api/sops/${sopId}`)).json()) as {
      steps: Array<{ id: string; activity: string }>;
    };
    const serverText = onServer.steps.find((s) => s.id === stepId)?.activity ?? '';
    expect(serverText).toContain('[awal]');
    expect(serverText).not.toContain('[luring]');
    expect(await cellValue(pageA, stepId)).not.toContain('[luring]');

    await ctxB.setOffline(false);
    await pageB.locator('[data-testid="connection-status"][data-status="online"]').waitFor();
    await waitCell(pageA, stepId, ['[luring]', '[awal]']);
    await waitCell(pageB, stepId, ['[luring]', '[awal]']);
    await pageB.locator('[data-testid="saved-status"][data-status="saved"]').waitFor();
  });

  it('reload: everything is persisted and "saved" shows; a fresh browser sees it too', async () => {
    const expected = await cellValue(pageA, stepId);
    await pageA.reload();
    await waitEditable(pageA);
    await waitCell(pageA, stepId, [expected]);
    const saved = pageA.locator('[data-testid="saved-status"][data-status="saved"]');
    await saved.waitFor();
    expect(await saved.textContent()).toMatch(/\d{1,2}[.:]\d{2}/);

    // A new context has no IndexedDB copy: what it shows came from the server.
    const ctxC = await userContext(browser, srv, 'Citra');
    const pageC = await openEditor(ctxC, srv.url, sopId);
    await waitCell(pageC, stepId, [expected]);
    expect(await pageC.getByTestId('sop-name').inputValue()).toBe('SOP Uji Bersama');
    await ctxC.close();
  });

  it('the local copy: opened again while the server cannot be reached, the SOP shows what the server sent', async () => {
    // A fresh browser gets the SOP from the server only (its first sync)...
    const ctxD = await userContext(browser, srv, 'Dewi');
    const pageD = await openEditor(ctxD, srv.url, sopId);
    const expected = await cellValue(pageA, stepId);
    await waitCell(pageD, stepId, [expected]);
    // ...and writes that sync to IndexedDB once the page is idle.
    await pageD.evaluate(
      () =>
        new Promise<void>((resolve) =>
          requestIdleCallback(() => setTimeout(resolve, 0), { timeout: 5000 }),
        ),
    );
    await pageD.close();
    // The sync socket now opens to nobody: what the page shows comes from the local copy.
    await ctxD.routeWebSocket(/\/collab\//, () => {});
    const again = await ctxD.newPage();
    await again.goto(`${srv.url}/sop/${sopId}`);
    await waitCell(again, stepId, [expected]);
    expect(await again.getByTestId('sop-name').inputValue()).toBe('SOP Uji Bersama');
    await ctxD.close();
  });
});
