/**
 * Issue 15, browser end-to-end: a review meeting on a projector-sized screen
 * (1280x720), a presenter (Ani) and two reviewers who follow her (Budi, Citra).
 * - F1 the presenter's keys (J/K, PageDown/PageUp) and the jump list move
 *   everyone who follows: the step is marked and scrolled into view for them;
 * - F2 a follower who scrolls away stops following (and is not pulled back);
 *   "follow" brings them back to the presenter's step;
 * - F3 20 runs of both reviewers giving a verdict on the step in front of them
 *   just as the presenter moves on (their view is about to jump): every click
 *   counts exactly once — a click is pointer down and up on one button, as a
 *   person does, not a retried automation click — and all three screens show
 *   the same tally.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../helpers/server';
import { browserAvailable, openEditor, startTwoUsers, userContext } from './helpers';

const run = browserAvailable();
const VIEW = { width: 1280, height: 720 };

describe.skipIf(!run)('review: presenter keys, following, verdicts while the view moves', () => {
  let srv: TestServer;
  let browser: Browser;
  let ctxC: BrowserContext;
  let ani: Page;
  let budi: Page;
  let citra: Page;
  let ids: string[];

  const sel = (stepId: string) => `[data-testid="step-row"][data-step-id="${stepId}"]`;
  /** Waits until the step's row is wholly in view under the sticky header. */
  const waitInView = (page: Page, stepId: string) =>
    page.waitForFunction(
      (s) => {
        // Seen = under the sticky block and the table's header when it is stuck.
        const r = document.querySelector(s)?.getBoundingClientRect();
        const block = document.querySelector('.editor-top')?.getBoundingClientRect().bottom ?? 0;
        const head = document.querySelector('.step-table thead')?.getBoundingClientRect();
        const top = head && head.top <= block + 1 ? Math.max(block, head.bottom) : block;
        return !!r && r.top >= top - 1 && r.bottom <= window.innerHeight + 1;
      },
      sel(stepId),
      { polling: 'raf', timeout: 15_000 },
    );
  const inView = (page: Page, stepId: string) =>
    page.evaluate((s) => {
      const r = document.querySelector(s)?.getBoundingClientRect();
      const block = document.querySelector('.editor-top')?.getBoundingClientRect().bottom ?? 0;
      const head = document.querySelector('.step-table thead')?.getBoundingClientRect();
      const top = head && head.top <= block + 1 ? Math.max(block, head.bottom) : block;
      return !!r && r.top >= top - 1 && r.bottom <= window.innerHeight + 1;
    }, sel(stepId));
  const waitPresenterAt = (page: Page, stepId: string) =>
    page.waitForFunction(
      (s) => document.querySelector(s)?.hasAttribute('data-review-presenter') === true,
      sel(stepId),
      { polling: 'raf', timeout: 15_000 },
    );
  const waitAttr = (page: Page, selector: string, name: string, value: string) =>
    page.waitForFunction(
      ([s, n, v]) => document.querySelector(s)?.getAttribute(n) === v,
      [selector, name, value] as const,
      { polling: 'raf', timeout: 15_000 },
    );
  const followers = () => [budi, citra];

  beforeAll(async () => {
    ({
      srv,
      browser,
      pageA: ani,
      pageB: budi,
    } = await startTwoUsers('sample', {
      viewport: VIEW,
    }));
    const sopId = await ani.evaluate(() => location.pathname.split('/').pop() ?? '');
    ctxC = await userContext(browser, srv, 'Citra Dewi', { viewport: VIEW });
    citra = await openEditor(ctxC, srv.url, sopId);
    ids = await ani
      .getByTestId('step-row')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-step-id') ?? ''));
    await ani.getByTestId('review-start').click();
    for (const p of followers()) {
      await p.getByTestId('review-banner').waitFor();
      await p.getByTestId('review-follow').click();
      await waitAttr(p, '[data-testid="review-follow"]', 'aria-pressed', 'true');
    }
  });

  afterAll(async () => {
    await browser?.close();
    await srv?.close();
  });

  it('F1: presenter keys and the jump list move everyone following', async () => {
    // Nothing is focused after the start button went away: the keys go to the page.
    await ani.keyboard.press('j');
    for (const p of [ani, ...followers()]) await waitPresenterAt(p, ids[0]!);
    for (const key of ['PageDown', 'j', 'PageDown', 'J']) await ani.keyboard.press(key);
    for (const p of followers()) {
      await waitPresenterAt(p, ids[4]!);
      await waitInView(p, ids[4]!);
    }
    await waitInView(ani, ids[4]!);
    await ani.keyboard.press('k');
    await ani.keyboard.press('PageUp');
    for (const p of followers()) {
      await waitPresenterAt(p, ids[2]!);
      await waitInView(p, ids[2]!);
    }
    // Jump to step 12 from the bar's list.
    await ani.getByTestId('review-jump').selectOption(ids[11]!);
    for (const p of followers()) {
      await waitPresenterAt(p, ids[11]!);
      await waitInView(p, ids[11]!);
    }
    expect(await ani.getByTestId('review-presenter-step').getAttribute('data-step-id')).toBe(
      ids[11],
    );
  });

  it('F2: a follower who scrolls away stops following and can rejoin', async () => {
    await budi.mouse.move(640, 500);
    await budi.mouse.wheel(0, -2500);
    await waitAttr(budi, '[data-testid="review-follow"]', 'aria-pressed', 'false');
    // The presenter moves on: Budi's view stays where he scrolled; Citra's follows.
    await ani.keyboard.press('j');
    await waitPresenterAt(budi, ids[12]!);
    await waitInView(citra, ids[12]!);
    await budi.waitForTimeout(1200);
    expect(await inView(budi, ids[12]!)).toBe(false);
    await budi.getByTestId('review-follow').click();
    await waitAttr(budi, '[data-testid="review-follow"]', 'aria-pressed', 'true');
    await waitInView(budi, ids[12]!);
  });

  it('F3: 20 runs of verdicts while the presenter moves on: each click counts once, same tally everywhere', async () => {
    // Back to the first step.
    await ani.getByTestId('review-jump').selectOption(ids[0]!);
    for (const p of followers()) await waitInView(p, ids[0]!);
    const agreeBy = new Map<string, Set<string>>(); // step → followers who agree
    let at = 0;
    for (let r = 0; r < 20; r++) {
      const stepId = ids[at]!;
      for (const p of followers()) await waitInView(p, stepId);
      // Both reviewers aim at "Setuju" of the step in front of them…
      const aims = await Promise.all(
        followers().map(async (p) => {
          const box = await p
            .locator(sel(stepId))
            .getByTestId('review-verdict-agree')
            .boundingBox();
          if (!box) throw new Error(`run ${r}: no agree button for step ${at + 1}`);
          const x = box.x + box.width / 2;
          const y = box.y + box.height / 2;
          await p.mouse.move(x, y);
          return { p, x, y };
        }),
      );
      // …the presenter moves on (14 steps forward, then back), so their views are
      // due to jump to the next step…
      const forward = r < 14;
      at += forward ? 1 : -1;
      await ani.keyboard.press(forward ? 'j' : 'k');
      await Promise.all(followers().map((p) => waitPresenterAt(p, ids[at]!)));
      // …and they press and release where they aimed, as people do.
      await Promise.all(
        aims.map(async ({ p }) => {
          await p.mouse.down();
          await p.waitForTimeout(60);
          await p.mouse.up();
        }),
      );
      const who = agreeBy.get(stepId) ?? new Set<string>();
      for (const name of ['budi', 'citra']) {
        if (who.has(name)) who.delete(name);
        else who.add(name);
      }
      agreeBy.set(stepId, who);
      const expected = String(who.size);
      const tally = `${sel(stepId)} [data-testid="review-step-tally"]`;
      for (const p of [ani, ...followers()])
        await waitAttr(p, tally, 'data-agree', expected).catch(async (e) => {
          const now = await Promise.all(
            [ani, ...followers()].map((q) => q.locator(tally).getAttribute('data-agree')),
          );
          throw new Error(
            `run ${r + 1}, step ${ids.indexOf(stepId) + 1}: agree ${now} ≠ ${expected} (${e})`,
          );
        });
    }
    // Every screen shows the same tally, the one the clicks add up to.
    const total = [...agreeBy.values()].reduce((n, s) => n + s.size, 0);
    const agreed = [...agreeBy.values()].filter((s) => s.size > 0).length;
    for (const p of [ani, ...followers()]) {
      await waitAttr(p, '[data-testid="review-tally"]', 'data-verdicts', String(total));
      expect(await p.getByTestId('review-tally').getAttribute('data-agreed')).toBe(String(agreed));
      const perStep = await p
        .getByTestId('review-step-tally')
        .evaluateAll((els) => els.map((e) => e.getAttribute('data-agree')));
      expect(perStep).toEqual(ids.map((id) => String(agreeBy.get(id)?.size ?? 0)));
    }
  }, 180_000);
});
