/**
 * Issue 16, browser end-to-end: A saves a version, changes step 3 and adds a step after
 * step 5; the compare view between that version and now marks exactly those two rows
 * (`diff-step` changed + added, word diff inline, flowchart markers) and steps through
 * them; the printable list of changes lists them; A restores the version and B, in a
 * second browser, sees the restore arrive. Screenshots: test-output/issue16/.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../helpers/server';
import { activities, browserAvailable, clickHeaderAction, startTwoUsers } from './helpers';

const run = browserAvailable();
const OUT = path.resolve('test-output/issue16');

describe.skipIf(!run)('compare versions and restore, in two browsers', () => {
  let srv: TestServer;
  let browser: Browser;
  let pageA: Page;
  let pageB: Page;
  let sopId: string;
  let ids: string[] = [];
  let original: string[] = [];
  let addedId = '';

  const activity = (page: Page, id: string) =>
    page.locator(`[data-testid="step-row"][data-step-id="${id}"] [data-testid="step-activity"]`);
  const marks = (page: Page) =>
    page.$$eval('.step-table [data-testid="diff-step"]', (els) =>
      els.map((e) => `${e.getAttribute('data-change')}:${e.getAttribute('data-step-id')}`),
    );

  beforeAll(async () => {
    fs.mkdirSync(OUT, { recursive: true });
    ({ srv, browser, sopId, pageA, pageB } = await startTwoUsers('sample', {
      name: 'SOP Perlindungan Arsip (uji banding)',
    }));
    ids = await pageA.$$eval('[data-testid="step-row"]', (rows) =>
      rows.map((r) => r.getAttribute('data-step-id') ?? ''),
    );
    original = await activities(pageA);
  });

  afterAll(async () => {
    await browser?.close();
    await srv?.close();
  });

  it('A saves a named version from the versions panel', async () => {
    await clickHeaderAction(pageA, 'versions-open');
    const dialog = pageA.getByTestId('versions-dialog');
    await dialog.getByLabel('Nama versi').fill('Sebelum reviu');
    await dialog.getByRole('button', { name: 'Simpan versi' }).click();
    const item = dialog.getByTestId('version-list-item');
    await item.first().waitFor();
    expect(await item.count()).toBe(1);
    expect(await item.first().textContent()).toContain('Sebelum reviu');
    expect(await dialog.getByTestId('version-changes').first().textContent()).toBe('versi pertama');
    await pageA.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
  });

  it('the compare view with now shows exactly the change in step 3 and the added step', async () => {
    const third = ids[2] as string;
    await activity(pageA, third).click();
    await pageA.keyboard.press('Control+End');
    await pageA.keyboard.type(' dengan teliti');
    await activity(pageA, ids[4] as string).click();
    await pageA.getByTestId('add-step').click();
    const focused = pageA.locator('[data-testid="step-activity"]:focus');
    await focused.waitFor();
    await focused.pressSequentially('Mencatat hasil pemeriksaan');
    addedId =
      (await pageA
        .locator('[data-testid="step-row"]:has([data-testid="step-activity"]:focus)')
        .getAttribute('data-step-id')) ?? '';
    expect(addedId).not.toBe('');
    expect((await activities(pageA))[5]).toBe('Mencatat hasil pemeriksaan');

    await clickHeaderAction(pageA, 'versions-open');
    const dialog = pageA.getByTestId('versions-dialog');
    await dialog.getByTestId('versions-compare').click();
    expect(await dialog.getByTestId('compare-to').inputValue()).toBe('current');
    await dialog.getByTestId('compare-start').click();
    await dialog.waitFor({ state: 'detached' });
    await pageA.getByTestId('compare-bar').waitFor();

    await pageA.waitForFunction(
      () => document.querySelectorAll('.step-table [data-testid="diff-step"]').length === 2,
      undefined,
      { polling: 'raf', timeout: 15_000 },
    );
    expect((await marks(pageA)).sort()).toEqual([`added:${addedId}`, `changed:${third}`].sort());
    // the word-level diff of the changed field, under its row
    const detail = pageA.locator(`tr.diff-detail[data-detail-step-id="${third}"]`);
    expect(await detail.locator('.diff-field[data-field="activity"] ins').textContent()).toContain(
      'dengan teliti',
    );
    expect(await detail.locator('del').count()).toBe(0);
    // markers on the flowchart (drawn once the chart is scrolled into view)
    await pageA.locator('#flowchart').scrollIntoViewIfNeeded();
    await pageA.waitForFunction(
      () => document.querySelectorAll('[data-testid="diff-flow-mark"]').length === 2,
      undefined,
      { polling: 'raf', timeout: 15_000 },
    );
    await pageA.locator('#flowchart').screenshot({ path: path.join(OUT, 'compare-flowchart.png') });
    const flow = await pageA.$$eval('[data-testid="diff-flow-mark"]', (els) =>
      els.map((e) => `${e.getAttribute('data-change')}:${e.getAttribute('data-step-id')}`),
    );
    expect(flow.sort()).toEqual([`added:${addedId}`, `changed:${third}`].sort());
    expect(await pageA.getByTestId('compare-summary').textContent()).toContain(
      '+1 langkah, 1 diubah',
    );

    // step through the changes: step 3 first, then the new step
    await pageA.getByTestId('compare-next').click();
    await pageA
      .locator(`.step-table [data-testid="diff-step"][data-step-id="${third}"][data-focused]`)
      .waitFor();
    await pageA.getByTestId('compare-next').click();
    await pageA
      .locator(`.step-table [data-testid="diff-step"][data-step-id="${addedId}"][data-focused]`)
      .waitFor();
    expect(await pageA.getByTestId('compare-position').textContent()).toBe('2 dari 2');
    await pageA.getByTestId('compare-prev').click();
    await pageA
      .locator(`.step-table [data-testid="diff-step"][data-step-id="${third}"][data-focused]`)
      .waitFor();
    await pageA.waitForTimeout(300); // (the row is scrolled into the middle of the view)
    await pageA.screenshot({ path: path.join(OUT, 'compare-view.png') });
    await pageA.getByTestId('compare-list-toggle').click();
    expect(await pageA.getByTestId('change-item').count()).toBe(2);
    await pageA.screenshot({ path: path.join(OUT, 'compare-list.png') });
    await pageA.getByTestId('compare-list-toggle').click();
  });

  it('the printable list of changes lists the same two changes', async () => {
    const href = await pageA.getByTestId('compare-print').getAttribute('href');
    expect(href).toMatch(/^\/sop\/[^/]+\/changes\?from=[\w-]+&to=current$/);
    // the live edits are stored by now (the print view reads the server)
    await pageA
      .locator('[data-testid="connection-status"][data-status="online"]')
      .waitFor({ timeout: 15_000 });
    const print = await pageA.context().newPage();
    await print.setViewportSize({ width: 900, height: 1200 });
    for (let i = 0; i < 50; i++) {
      await print.goto(`${srv.url}${href}`);
      await print.getByTestId('changes-print').waitFor();
      if ((await print.getByTestId('change-item').count()) === 2) break;
      await print.waitForTimeout(200);
    }
    const items = await print.$$eval('[data-testid="change-item"]', (els) =>
      els.map((e) => `${e.getAttribute('data-change')}:${e.getAttribute('data-item-key')}`),
    );
    expect(items).toEqual([`changed:step:${ids[2]}`, `added:step:${addedId}`]);
    expect(await print.getByTestId('changes-summary').textContent()).toBe('+1 langkah, 1 diubah');
    await print.screenshot({ path: path.join(OUT, 'change-list-print.png'), fullPage: true });
    await print.close();
  });

  it('A restores the version (confirmed); B sees the restore arrive', async () => {
    expect((await activities(pageB)).length).toBe(original.length + 1);
    await pageA.getByTestId('compare-restore').click();
    const confirm = pageA.getByTestId('confirm-dialog');
    await confirm.waitFor();
    expect(await confirm.textContent()).toContain('perubahan baru');
    await confirm.getByTestId('confirm-ok').click();
    await pageA.getByTestId('restore-notice').waitFor();
    // compare mode left; the content is the version's again, for both
    expect(await pageA.getByTestId('compare-bar').count()).toBe(0);
    for (const page of [pageA, pageB])
      await page.waitForFunction(
        (want) => {
          const now = [
            ...document.querySelectorAll<HTMLTextAreaElement>(
              '[data-testid="step-row"] [data-testid="step-activity"]',
            ),
          ].map((e) => e.value);
          return JSON.stringify(now) === JSON.stringify(want);
        },
        original,
        { polling: 'raf', timeout: 15_000 },
      );
    expect(await activities(pageB)).toEqual(original);
    expect(await pageB.locator(`[data-step-id="${addedId}"]`).count()).toBe(0);
    // the state before the restore is a version of its own
    const list = (await (await srv.api(`/api/sops/${sopId}/versions`)).json()) as Array<{
      kind: string;
    }>;
    expect(list.map((v) => v.kind)).toEqual(['pre-restore', 'manual']);
  });

  it('two versions compare in the editor: the named version and the one kept before the restore', async () => {
    await pageA.getByTestId('restore-notice').getByRole('button').last().click();
    await clickHeaderAction(pageA, 'versions-open');
    const dialog = pageA.getByTestId('versions-dialog');
    await dialog.getByTestId('version-list-item').nth(1).waitFor();
    expect(
      await dialog
        .locator('[data-testid="version-list-item"]')
        .evaluateAll((els) => els.map((e) => e.getAttribute('data-kind'))),
    ).toEqual(['pre-restore', 'manual']);
    expect(await dialog.getByTestId('version-changes').first().textContent()).toBe(
      '+1 langkah, 1 diubah',
    );
    await dialog.getByTestId('versions-compare').click();
    const [pre, named] = await dialog
      .locator('[data-testid="version-list-item"]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-version-id') ?? ''));
    await dialog.getByTestId('compare-from').selectOption(named as string);
    await dialog.getByTestId('compare-to').selectOption(pre as string);
    await pageA.screenshot({ path: path.join(OUT, 'versions-panel.png') });
    await dialog.getByTestId('compare-start').click();
    const view = pageA.getByTestId('compare-view');
    await view.waitFor();
    const got = await view
      .locator('.diff-table [data-testid="diff-step"]')
      .evaluateAll((els) =>
        els.map((e) => `${e.getAttribute('data-change')}:${e.getAttribute('data-step-id')}`),
      );
    expect(got.sort()).toEqual([`added:${addedId}`, `changed:${ids[2]}`].sort());
    // the live table is not marked when two versions are compared
    expect(await pageA.locator('.step-table [data-testid="diff-step"]').count()).toBe(0);
    await view.scrollIntoViewIfNeeded();
    await pageA.screenshot({ path: path.join(OUT, 'compare-two-versions.png') });
    await pageA.getByTestId('compare-exit').click();
    await view.waitFor({ state: 'detached' });
  });
});
