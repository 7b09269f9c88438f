/**
 * Issue 16, browser end-to-end (suggestion mode): B, a commenter, suggests new wording
 * for step 3 and a new step after step 5; A, an editor, sees both inline — the word-level
 * change on row 3, a ghost row after row 5, a badge on the flowchart — accepts the first
 * and rejects the second; B sees the result arrive. Two browser contexts on a real
 * server (port 0), everything through the server. Screenshots: test-output/issue16/.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/server';
import {
  activities,
  browserAvailable,
  createSop,
  e2eUser,
  ensureClientBuilt,
  launchBrowser,
  openEditor,
  userContext,
} from './helpers';

const run = browserAvailable();
const WAIT = { timeout: 15_000 };
const OUT = path.resolve('test-output/issue16');

describe.skipIf(!run)('suggestions: a commenter proposes, an editor decides', () => {
  let srv: TestServer;
  let browser: Browser;
  let pageA: Page;
  let pageB: Page;
  let step3: string;
  let step5: string;
  let before: string[];
  const wording = 'Menugaskan tim penyelamatan arsip melalui surat tugas Kepala Dinas';
  const newStep = 'Mendokumentasikan kondisi arsip dengan foto sebelum evakuasi';

  const rows = (page: Page) => page.getByTestId('step-row');
  const cards = (page: Page) => page.getByTestId('suggestion');
  const card = (page: Page, kind: string) =>
    page.locator(`[data-testid="suggestion"][data-kind="${kind}"]`);
  /** Resolves once the Kegiatan textarea of `stepId` holds `text`. */
  const waitActivity = (page: Page, stepId: string, text: string) =>
    page.waitForFunction(
      ([id, t]) =>
        (
          document.querySelector(
            `[data-testid="step-row"][data-step-id="${id}"] [data-testid="step-activity"]`,
          ) as HTMLTextAreaElement | null
        )?.value === t,
      [stepId, text] as const,
      WAIT,
    );
  /** A screenshot of the page area covering `locs` (scrolled to the middle, clear of the sticky header). */
  async function shot(page: Page, locs: Locator[], name: string, pad = 0): Promise<void> {
    fs.mkdirSync(OUT, { recursive: true });
    await locs[0]?.evaluate((el) => el.scrollIntoView({ block: 'center' }));
    const boxes = [];
    for (const l of locs) {
      const b = await l.boundingBox();
      if (b) boxes.push(b);
    }
    const x = Math.max(0, Math.min(...boxes.map((b) => b.x)) - pad);
    const y = Math.max(0, Math.min(...boxes.map((b) => b.y)) - pad - 4);
    const right = Math.max(...boxes.map((b) => b.x + b.width)) + pad;
    const bottom = Math.max(...boxes.map((b) => b.y + b.height)) + pad + 4;
    await page.screenshot({
      path: path.join(OUT, name),
      clip: { x, y, width: right - x, height: bottom - y },
    });
  }

  beforeAll(async () => {
    ensureClientBuilt();
    srv = await startTestServer();
    browser = await launchBrowser();
    const sopId = await createSop(srv, 'sample', 'SOP Usulan E2E');
    // B is a commenter on this SOP (an explicit share is lower than the unit's default).
    const budi = await e2eUser(srv, 'Budi Santoso');
    const share = await srv.api(`/api/sops/${sopId}/members/${budi.id}`, {
      method: 'PUT',
      json: { role: 'commenter' },
    });
    expect(share.status).toBe(200);
    const ctxA = await userContext(browser, srv, 'Ani Lestari');
    const ctxB = await userContext(browser, srv, 'Budi Santoso');
    pageA = await openEditor(ctxA, srv.url, sopId);
    pageB = await openEditor(ctxB, srv.url, sopId);
    step3 = (await rows(pageA).nth(2).getAttribute('data-step-id')) ?? '';
    step5 = (await rows(pageA).nth(4).getAttribute('data-step-id')) ?? '';
    before = await activities(pageA);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await srv?.close();
  });

  it('B (commenter) is in suggest mode: no editing, a suggest button per row', async () => {
    await pageB.getByTestId('suggest-mode-fixed').waitFor(WAIT);
    expect(await pageB.getByTestId('suggest-mode').count()).toBe(0);
    expect(
      await rows(pageB).nth(2).getByTestId('step-activity').getAttribute('readonly'),
    ).not.toBeNull();
    // A (editor) has the switch, off.
    expect(await pageA.getByTestId('suggest-mode').getAttribute('aria-pressed')).toBe('false');
    expect(await rows(pageA).nth(2).getByTestId('suggest-step').count()).toBe(0);
    // Switched on, A proposes instead of editing too; switched off, A edits again.
    await pageA.getByTestId('suggest-mode').click();
    await rows(pageA).nth(2).getByTestId('suggest-step').waitFor(WAIT);
    expect(
      await rows(pageA).nth(2).getByTestId('step-activity').getAttribute('readonly'),
    ).not.toBeNull();
    expect(await pageA.getByTestId('add-step').isDisabled()).toBe(true);
    await pageA.getByTestId('suggest-mode').click();
    await rows(pageA)
      .nth(2)
      .getByTestId('suggest-step')
      .waitFor({ state: 'detached', ...WAIT });
    expect(
      await rows(pageA).nth(2).getByTestId('step-activity').getAttribute('readonly'),
    ).toBeNull();
  });

  it('B suggests new wording for step 3 and a new step after step 5', async () => {
    await rows(pageB).nth(2).getByTestId('suggest-step').click();
    const dialog = pageB.getByTestId('suggest-dialog');
    await dialog.waitFor(WAIT);
    await dialog.getByTestId('suggest-text').fill(wording);
    await dialog.getByTestId('suggest-comment').fill('Sebut siapa yang menugaskan');
    await dialog.getByTestId('suggest-submit').click();
    await dialog.waitFor({ state: 'detached', ...WAIT });

    await rows(pageB).nth(4).getByTestId('suggest-step').click();
    await dialog.waitFor(WAIT);
    await dialog.getByTestId('suggest-what').selectOption('insert');
    await dialog.getByTestId('suggest-insert-activity').fill(newStep);
    fs.mkdirSync(OUT, { recursive: true });
    await dialog.screenshot({ path: path.join(OUT, 'suggest-dialog-insert.png') });
    // Every control of the dialog is named by its label (one Field component).
    for (const control of await dialog.locator('select, textarea, input').all())
      expect(await control.evaluate((el) => (el as HTMLInputElement).labels?.length ?? 0)).toBe(1);
    await dialog.getByTestId('suggest-submit').click();
    await dialog.waitFor({ state: 'detached', ...WAIT });

    // B sees its own suggestions inline too, without accept buttons (a commenter).
    await cards(pageB).nth(1).waitFor(WAIT);
    expect(await pageB.getByTestId('suggestion-accept').count()).toBe(0);
    // Nothing changed in the content.
    expect(await activities(pageB)).toEqual(before);
  });

  it('A sees both inline: the word-level change on row 3, a ghost row after row 5', async () => {
    await cards(pageA).nth(1).waitFor(WAIT);
    expect(await cards(pageA).count()).toBe(2);
    const wordingCard = card(pageA, 'stepText');
    // On the row right under step 3, with author and the marked words.
    const host = pageA.locator(`tr.sg-row[data-for-step="${step3}"]`);
    expect(await host.getByTestId('suggestion').count()).toBe(1);
    expect(await wordingCard.textContent()).toContain('Budi Santoso');
    expect(await wordingCard.locator('ins.sg-ins').count()).toBeGreaterThan(0);
    expect(await wordingCard.locator('del.sg-del').count()).toBeGreaterThan(0);
    expect(await wordingCard.getByTestId('suggestion-discuss').textContent()).toBeTruthy();
    // The ghost row stands right after step 5 (its suggestion rows follow step 5's).
    const ghost = pageA.getByTestId('ghost-row');
    expect(await ghost.count()).toBe(1);
    expect(await ghost.textContent()).toContain(newStep);
    const order = await pageA.$$eval('.step-table tbody > tr', (trs) =>
      trs.map((tr) => {
        const id = tr.getAttribute('data-testid');
        if (id === 'step-row') return `step:${tr.getAttribute('data-step-id')}`;
        return id === 'ghost-row' ? 'ghost' : 'other';
      }),
    );
    const next = order.slice(order.indexOf(`step:${step5}`) + 1).find((x) => x !== 'other');
    expect(next).toBe('ghost');
    // The rows themselves are unchanged: still the same steps.
    expect(await rows(pageA).count()).toBe(before.length);
    // A small marker on the flowchart on the two steps.
    await pageA.locator('#flowchart').scrollIntoViewIfNeeded();
    await pageA.locator(`[data-testid="flowchart-suggestion"][data-step-id="${step3}"]`).waitFor({
      state: 'attached',
      ...WAIT,
    });
    expect(
      await pageA.locator(`[data-testid="flowchart-suggestion"][data-step-id="${step5}"]`).count(),
    ).toBe(1);

    const row3 = pageA.locator(`[data-testid="step-row"][data-step-id="${step3}"]`);
    const row5 = pageA.locator(`[data-testid="step-row"][data-step-id="${step5}"]`);
    const ghostCard = pageA.locator('tr.sg-row-ghost');
    await shot(pageA, [row3, host], 'suggestion-row-step3.png');
    await shot(pageA, [row5, ghost, ghostCard], 'suggestion-ghost-row.png');
    await shot(
      pageA,
      [
        pageA.locator(`[data-testid="flowchart-suggestion"][data-step-id="${step3}"]`),
        pageA.locator(`[data-testid="flowchart-suggestion"][data-step-id="${step5}"]`),
      ],
      'suggestion-flowchart.png',
      90,
    );
    await shot(pageA, [pageA.locator('.section-nav')], 'suggestion-toolbar-A.png');
    await shot(pageB, [pageB.locator('.section-nav')], 'suggestion-toolbar-B.png');
  });

  it('A accepts the first and rejects the second; B sees the result', async () => {
    await card(pageA, 'stepText').getByTestId('suggestion-accept').click();
    await waitActivity(pageA, step3, wording);
    await card(pageA, 'stepText').waitFor({ state: 'detached', ...WAIT });
    await card(pageA, 'insertStep').getByTestId('suggestion-reject').click();
    await pageA.getByTestId('ghost-row').waitFor({ state: 'detached', ...WAIT });
    expect(await cards(pageA).count()).toBe(0);

    // B: the accepted wording arrived as an ordinary change; the ghost row is gone.
    await waitActivity(pageB, step3, wording);
    await pageB.getByTestId('ghost-row').waitFor({ state: 'detached', ...WAIT });
    expect(await cards(pageB).count()).toBe(0);
    const now = await activities(pageB);
    expect(now).toHaveLength(before.length);
    expect(now[2]).toBe(wording);
    expect(now.filter((_, i) => i !== 2)).toEqual(before.filter((_, i) => i !== 2));
    expect(now).not.toContain(newStep);
    await shot(pageB, [rows(pageB).nth(2)], 'suggestion-accepted-row-B.png');
  });

  it('B suggests narrative wording: A sees it inline as a tracked change and accepts it', async () => {
    const proposed = 'Narasi usulan Budi';
    await pageB.locator('#narrative').scrollIntoViewIfNeeded();
    const pmB = pageB.locator('[data-testid="narrative-editor"] .ProseMirror').first();
    // B cannot edit (a commenter): the editor is read-only, so select as a reader does.
    await pmB.evaluate((el) => {
      const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      const text = walker.nextNode() as Text;
      const range = document.createRange();
      range.setStart(text, 0);
      range.setEnd(text, 12);
      const sel = window.getSelection();
      sel?.removeAllRanges();
      sel?.addRange(range);
    });
    const suggestOnSelection = pageB.getByTestId('suggest-on-selection').first();
    await expect.poll(() => suggestOnSelection.isEnabled()).toBe(true);
    await suggestOnSelection.click();
    const dialog = pageB.getByTestId('suggest-dialog');
    await dialog.waitFor(WAIT);
    const quote = await dialog.getByTestId('suggest-text').inputValue();
    expect(quote).toHaveLength(12);
    await dialog.getByTestId('suggest-text').fill(proposed);
    await dialog.getByTestId('suggest-submit').click();
    await dialog.waitFor({ state: 'detached', ...WAIT });

    // A: the span struck through, the proposal right after it, neither in the content.
    await pageA.locator('#narrative').scrollIntoViewIfNeeded();
    const pmA = pageA.locator('[data-testid="narrative-editor"] .ProseMirror').first();
    const span = pmA.locator('.sg-narrative-span').first();
    const ins = pmA.locator('ins.sg-narrative-ins').first();
    await ins.waitFor(WAIT);
    expect(await span.textContent()).toBe(quote);
    expect(await ins.textContent()).toBe(proposed);
    expect(await ins.getAttribute('title')).toBe('Budi Santoso');
    const contentA = () =>
      pmA.evaluate((el) => {
        const copy = el.cloneNode(true) as HTMLElement;
        for (const w of copy.querySelectorAll('ins.sg-narrative-ins')) w.remove();
        return copy.textContent ?? '';
      });
    expect(await contentA()).toContain(quote);
    expect(await contentA()).not.toContain(proposed);
    const narrativeCard = card(pageA, 'narrative');
    await shot(pageA, [span, narrativeCard], 'suggestion-narrative-inline.png', 8);

    await narrativeCard.getByTestId('suggestion-accept').click();
    await ins.waitFor({ state: 'detached', ...WAIT });
    await expect.poll(contentA).toContain(proposed);
    expect(await pmA.locator('.sg-narrative-span').count()).toBe(0);
    // B: the accepted text arrived as an ordinary edit.
    await expect.poll(() => pmB.textContent()).toContain(proposed);
  });

  it('during a review, "perlu perbaikan" can carry suggested wording', async () => {
    const row4 = rows(pageA).nth(3);
    const step4 = (await row4.getAttribute('data-step-id')) ?? '';
    const proposed = 'Mengidentifikasi kerusakan arsip bersama pengelola arsip';
    await pageA.getByTestId('review-start').click();
    await pageB.getByTestId('review-banner').waitFor(WAIT);
    await rows(pageB).nth(3).getByTestId('review-verdict-change').click();
    const dialog = pageB.getByTestId('review-change-dialog');
    await dialog.waitFor(WAIT);
    // prefilled with the current wording; changed, it becomes a suggestion
    const field = dialog.getByTestId('review-change-suggestion');
    expect(await field.inputValue()).toBe(before[3]);
    await dialog.getByTestId('review-change-comment').fill('Sebut siapa yang ikut');
    await field.fill(proposed);
    await dialog.getByTestId('review-change-submit').click();
    await dialog.waitFor({ state: 'detached', ...WAIT });
    const host = pageA.locator(`tr.sg-row[data-for-step="${step4}"]`);
    await host.getByTestId('suggestion').waitFor(WAIT);
    expect(await host.textContent()).toContain('Budi Santoso');
    // its thread is the verdict's "needs change" comment
    expect(await host.getByTestId('suggestion-discuss').textContent()).toContain('Lihat diskusi');
    await shot(pageA, [row4, host], 'suggestion-from-review.png');
  });
});
