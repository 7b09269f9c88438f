/**
 * Issue 7, browser end-to-end: two people discuss a step of the sample SOP
 * live through a real server (port 0), each in their own browser context (no
 * shared storage or BroadcastChannel, so everything goes through the server).
 * The thread survives reload, shows "step deleted" with the step's last text
 * when the step is deleted, and re-attaches when the delete is undone.
 */
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../helpers/server';
import {
  browserAvailable,
  clickHeaderAction,
  openEditor,
  startTwoUsers,
  userContext,
  waitEditable,
} from './helpers';

const run = browserAvailable();
const WAIT = { timeout: 15_000 };

describe.skipIf(!run)('comments on steps: two browsers', () => {
  let srv: TestServer;
  let browser: Browser;
  let pageA: Page;
  let pageB: Page;
  let sopId: string;
  let stepId: string;
  let reworded: string;

  const row = (page: Page, id: string) =>
    page.locator(`[data-testid="step-row"][data-step-id="${id}"]`);
  const panel = (page: Page) => page.getByTestId('comment-panel');
  const thread = (page: Page) => panel(page).getByTestId('comment-thread');
  /** Opens the panel from the header (if closed) and shows every thread. */
  async function showAllThreads(page: Page): Promise<void> {
    if (!(await panel(page).isVisible())) await clickHeaderAction(page, 'comments-toggle');
    await panel(page).waitFor(WAIT);
    await page.getByTestId('comment-filter-all').click();
  }
  /** Resolves once `loc` exists and its text contains `text` (checked every frame). */
  const waitText = (loc: Locator, text: string) =>
    loc.evaluate(
      (el, t) =>
        new Promise<void>((resolve) => {
          const check = () =>
            el.textContent?.includes(t) ? resolve() : requestAnimationFrame(check);
          check();
        }),
      text,
      WAIT,
    );

  beforeAll(async () => {
    ({ srv, browser, sopId, pageA, pageB } = await startTwoUsers('sample'));
  });

  afterAll(async () => {
    await browser?.close();
    await srv?.close();
  });

  it('A comments on step 3; B sees the count and the thread and replies', async () => {
    const third = pageA.getByTestId('step-row').nth(2);
    stepId = (await third.getAttribute('data-step-id')) ?? '';
    expect(stepId).not.toBe('');
    await third.getByTestId('comment-button').click();
    const draft = panel(pageA).getByTestId('comment-new');
    await draft.getByTestId('comment-input').fill('Apakah disposisi perlu paraf @Budi Santoso?');
    await draft.getByTestId('comment-submit').click();
    await draft.waitFor({ state: 'detached', ...WAIT });
    await thread(pageA).first().waitFor(WAIT);
    expect(await thread(pageA).count()).toBe(1);
    await expect(row(pageA, stepId).getByTestId('comment-count').textContent()).resolves.toBe('1');

    // B: the count on the same row, then the thread in the panel.
    const countB = row(pageB, stepId).getByTestId('comment-count');
    await countB.waitFor(WAIT);
    expect(await countB.textContent()).toBe('1');
    expect(await pageB.getByTestId('comments-open-count').textContent()).toBe('1');
    await clickHeaderAction(pageB, 'comments-toggle');
    const tB = thread(pageB).first();
    await waitText(tB, 'Apakah disposisi perlu paraf');
    expect(await tB.getAttribute('data-status')).toBe('open');
    expect(await tB.getByTestId('comment-mention').count()).toBe(1);
    await tB.getByTestId('comment-input').fill('Ya, paraf Kabid dulu.');
    await tB.getByTestId('comment-submit').click();

    await waitText(thread(pageA).first(), 'Ya, paraf Kabid dulu.');
    expect(await thread(pageA).first().getByTestId('comment-message').count()).toBe(2);
  });

  it('A resolves; both see it resolved and the row count goes away', async () => {
    await thread(pageA).first().getByTestId('comment-resolve').click();
    for (const page of [pageA, pageB]) {
      await row(page, stepId)
        .getByTestId('comment-count')
        .waitFor({ state: 'detached', ...WAIT });
      await showAllThreads(page);
      await panel(page)
        .locator('[data-testid="comment-thread"][data-status="resolved"]')
        .waitFor(WAIT);
      expect(
        await thread(page).first().getByTestId('comment-resolve').getAttribute('aria-pressed'),
      ).toBe('true');
    }
  });

  it('reload keeps everything, also for a third browser with no local copy', async () => {
    await Promise.all([pageA.reload(), pageB.reload()]);
    await Promise.all([waitEditable(pageA), waitEditable(pageB)]);
    const ctxC = await userContext(browser, srv, 'Citra');
    try {
      const pageC = await openEditor(ctxC, srv.url, sopId);
      for (const page of [pageA, pageB, pageC]) {
        await showAllThreads(page);
        const t = panel(page).locator('[data-testid="comment-thread"][data-status="resolved"]');
        await waitText(t, 'Ya, paraf Kabid dulu.');
        expect(await t.getByTestId('comment-message').count()).toBe(2);
        expect(await row(page, stepId).getByTestId('comment-count').count()).toBe(0);
      }
    } finally {
      await ctxC.close();
    }
  });

  it('deleting the step keeps the thread, marked deleted with its last text; undo re-attaches', async () => {
    // Reword first: the marker must show the step's LAST text, not the text at comment time.
    const cell = row(pageA, stepId).getByTestId('step-activity');
    await cell.click();
    await pageA.keyboard.press('Control+End');
    await pageA.keyboard.type(' (diparaf)');
    reworded = await cell.inputValue();
    expect(reworded).toMatch(/\(diparaf\)$/);
    await pageB.waitForFunction(
      ([sel, text]) => document.querySelector<HTMLTextAreaElement>(sel)?.value === text,
      [`[data-step-id="${stepId}"] [data-testid="step-activity"]`, reworded] as const,
      WAIT,
    );

    const before = await pageA.getByTestId('step-row').count();
    await row(pageA, stepId).getByTestId('step-delete').click();
    for (const page of [pageA, pageB]) {
      await row(page, stepId).waitFor({ state: 'detached', ...WAIT });
      const marker = panel(page).getByTestId('comment-deleted-anchor');
      await waitText(marker, reworded);
      // Still listed with its messages: never silently gone.
      expect(await thread(page).first().getByTestId('comment-message').count()).toBe(2);
    }

    // Ctrl+Z in a table cell undoes A's delete: the same step id comes back.
    await pageA.getByTestId('step-row').first().getByTestId('step-activity').click();
    await pageA.keyboard.press('Control+z');
    for (const page of [pageA, pageB]) {
      await row(page, stepId).waitFor(WAIT);
      await panel(page)
        .getByTestId('comment-deleted-anchor')
        .waitFor({ state: 'detached', ...WAIT });
      expect(await page.getByTestId('step-row').count()).toBe(before);
      expect(await thread(page).count()).toBe(1);
    }
    // It is step 3 again.
    expect(await pageA.getByTestId('step-row').nth(2).getAttribute('data-step-id')).toBe(stepId);
  });

  it('clicking the thread scrolls to and highlights its step row', async () => {
    await pageA.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await thread(pageA).first().locator('.dc-anchor-link').click();
    await row(pageA, stepId).and(pageA.locator('.dc-anchor-flash')).waitFor(WAIT);
    await pageA.waitForFunction(
      (sel) => {
        const r = document.querySelector(sel)?.getBoundingClientRect();
        return !!r && r.top >= 0 && r.bottom <= window.innerHeight;
      },
      `[data-testid="step-row"][data-step-id="${stepId}"]`,
      WAIT,
    );
  });

  it('identity fields and narrative spans: counts, highlight that follows edits', async () => {
    // Identity field: A comments on "Nama SOP", B sees the count on that field.
    await pageA.locator('[data-identity-field="name"]').getByTestId('comment-button').click();
    const draft = panel(pageA).getByTestId('comment-new');
    await draft.getByTestId('comment-input').fill('Nama terlalu panjang');
    await draft.getByTestId('comment-submit').click();
    await pageB.locator('[data-identity-field="name"] [data-testid="comment-count"]').waitFor(WAIT);

    // Narrative: A selects the start of the first section and comments on the selection.
    await pageA.locator('#narrative').scrollIntoViewIfNeeded();
    const pm = pageA.locator('[data-testid="narrative-editor"] .ProseMirror').first();
    await pm.click();
    await pageA.keyboard.press('Control+Home');
    for (let i = 0; i < 9; i++) await pageA.keyboard.press('Shift+ArrowRight');
    await pageA.getByTestId('comment-on-selection').first().click();
    const quote = await panel(pageA).getByTestId('comment-new').locator('h3').textContent();
    await draft.getByTestId('comment-input').fill('Perlu dasar hukum');
    await draft.getByTestId('comment-submit').click();
    await draft.waitFor({ state: 'detached', ...WAIT });
    const hlA = pageA.getByTestId('comment-highlight').first();
    await hlA.waitFor(WAIT);
    const text = (await hlA.textContent()) ?? '';
    expect(text).toHaveLength(9);
    expect(quote).toContain('Narasi');

    await pageB.locator('#narrative').scrollIntoViewIfNeeded();
    const hlB = pageB.getByTestId('comment-highlight').first();
    await waitText(hlB, text);
    // A types before the span: the highlight still covers the same words for B.
    await pm.click();
    await pageA.keyboard.press('Control+Home');
    await pageA.keyboard.type('Baru. ');
    await waitText(
      pageB.locator('[data-testid="narrative-editor"] .ProseMirror').first(),
      'Baru. ',
    );
    expect(await hlB.textContent()).toBe(text);

    // Clicking the narrative thread scrolls to its span and draws it active.
    await pageA.evaluate(() => window.scrollTo(0, 0));
    await panel(pageA)
      .locator('[data-testid="comment-thread"]', { hasText: 'Perlu dasar hukum' })
      .locator('.dc-anchor-link')
      .click();
    await pageA.locator('[data-testid="comment-highlight"].dc-narrative-active').waitFor(WAIT);
  });

  it('a step added and commented at once is never shown as deleted', async () => {
    // Add a step and comment on it within a few frames, well inside the editor's
    // debounced snapshot (~300 ms): the panel must know the step from the live model.
    const result = await pageA.evaluate(async () => {
      const frame = () => new Promise((r) => requestAnimationFrame(() => r(null)));
      const until = async <T>(get: () => T | null | undefined): Promise<T> => {
        for (;;) {
          const v = get();
          if (v) return v;
          await frame();
        }
      };
      const before = new Set(
        [...document.querySelectorAll<HTMLElement>('[data-testid="step-row"]')].map(
          (r) => r.dataset.stepId,
        ),
      );
      document.querySelector<HTMLElement>('[data-testid="add-step"]')?.click();
      const row = await until(() =>
        [...document.querySelectorAll<HTMLElement>('[data-testid="step-row"]')].find(
          (r) => !before.has(r.dataset.stepId),
        ),
      );
      row.querySelector<HTMLElement>('[data-testid="comment-button"]')?.click();
      const input = await until(() =>
        document.querySelector<HTMLTextAreaElement>(
          '[data-testid="comment-new"] [data-testid="comment-input"]',
        ),
      );
      const setValue = Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value')?.set;
      setValue?.call(input, 'Langkah baru');
      input.dispatchEvent(new Event('input', { bubbles: true }));
      const submit = await until(() =>
        document.querySelector<HTMLButtonElement>(
          '[data-testid="comment-new"] [data-testid="comment-submit"]:not(:disabled)',
        ),
      );
      submit.click();
      const card = await until(() =>
        [...document.querySelectorAll<HTMLElement>('[data-testid="comment-thread"]')].find((c) =>
          c.textContent?.includes('Langkah baru'),
        ),
      );
      return {
        deleted: card.querySelector('[data-testid="comment-deleted-anchor"]') !== null,
        count: row.querySelector('[data-testid="comment-count"]')?.textContent ?? null,
      };
    });
    expect(result.deleted).toBe(false);
    expect(result.count).toBe('1');
  });
});
