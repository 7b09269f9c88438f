/**
 * Issue 4, browser end-to-end: the SOP list and the editor's table, undo,
 * narrative and language features, against a real server on port 0.
 */
import { describe, expect, it } from 'vitest';
import {
  activities,
  browserAvailable,
  createSop,
  e2eUser,
  oneUserSuite,
  openEditor,
  userContext,
  waitEditable,
} from './helpers';

const run = browserAvailable();

describe.skipIf(!run)('editor features', () => {
  const suite = oneUserSuite('Ani Lestari');

  it('list: create from a template in the dialog, open it, search, archive and undo', async () => {
    const page = await suite.ctx.newPage();
    await page.goto(`${suite.srv.url}/`);
    await page.getByTestId('new-sop').click();
    await page.getByTestId('new-sop-name').fill('SOP Peminjaman Arsip');
    await page.getByLabel(/Templat internasional/).check();
    await page.getByTestId('create-sop-submit').click();
    await page.waitForURL(/\/sop\/[^/]+$/);
    await waitEditable(page);
    expect(await page.getByTestId('sop-name').inputValue()).toBe('SOP Peminjaman Arsip');

    // Ani's own SOP: archiving is for owners.
    await createSop(suite.srv, 'sop-ap', 'SOP Pemusnahan Arsip', {
      as: await e2eUser(suite.srv, 'Ani Lestari'),
    });
    await page.goto(`${suite.srv.url}/`);
    const items = page.getByTestId('sop-list-item');
    await items.filter({ hasText: 'SOP Pemusnahan Arsip' }).waitFor();
    expect(await items.count()).toBe(2);

    await page.getByTestId('sop-search').fill('Peminjaman');
    await page.waitForFunction(
      () => document.querySelectorAll('[data-testid="sop-list-item"]').length === 1,
    );
    expect(await items.first().textContent()).toContain('SOP Peminjaman Arsip');
    await page.getByTestId('sop-search').fill('');
    await page.waitForFunction(
      () => document.querySelectorAll('[data-testid="sop-list-item"]').length === 2,
    );

    const row = items.filter({ hasText: 'SOP Pemusnahan Arsip' });
    await row.getByRole('button').click();
    await page.getByRole('menuitem', { name: 'Arsipkan' }).click();
    await page.waitForFunction(
      () => document.querySelectorAll('[data-testid="sop-list-item"]').length === 1,
    );
    await page.getByRole('button', { name: 'Urungkan' }).click();
    await items.filter({ hasText: 'SOP Pemusnahan Arsip' }).waitFor();
    expect(await items.count()).toBe(2);
    await page.close();
  });

  it('table: add below the selected step, decision targets, Alt+Arrow reorder, delete', async () => {
    const id = await createSop(suite.srv, 'sample');
    const page = await openEditor(suite.ctx, suite.srv.url, id);
    const rows = page.getByTestId('step-row');
    const n = await rows.count();
    expect(n).toBeGreaterThanOrEqual(12);

    // Select row 1, add: the new step is row 2 and has the focus.
    await rows.nth(0).getByTestId('step-activity').click();
    await page.getByTestId('add-step').click();
    const focused = page.locator('[data-testid="step-activity"]:focus');
    await focused.waitFor();
    await focused.pressSequentially('Langkah sisipan');
    expect(await rows.count()).toBe(n + 1);
    expect((await activities(page))[1]).toBe('Langkah sisipan');

    // Make it a decision and point its exits at steps 4 and 5.
    const row = rows.nth(1);
    await row.getByTestId('step-kind').selectOption('decision');
    await row.getByTestId('step-yes').waitFor();
    await page.waitForFunction(() => {
      const sel = document
        .querySelectorAll('[data-testid="step-row"]')[1]
        ?.querySelector('[data-testid="step-yes"]');
      return !!sel && sel.querySelectorAll('option').length > 2;
    });
    const targetIds = await rows.evaluateAll((els) =>
      els.map((e) => e.getAttribute('data-step-id')),
    );
    await row.getByTestId('step-yes').selectOption(targetIds[3] ?? '');
    await row.getByTestId('step-no').selectOption(targetIds[4] ?? '');
    expect(await row.getByTestId('step-yes').inputValue()).toBe(targetIds[3]);
    await row.getByTestId('step-actor').selectOption({ index: 1 });

    // Alt+ArrowDown moves it below its neighbour; the caret stays in the cell.
    const cell = rows.nth(1).getByTestId('step-activity');
    await cell.click();
    await page.keyboard.press('Alt+ArrowDown');
    await page.waitForFunction(() => {
      const v = [
        ...document.querySelectorAll<HTMLTextAreaElement>(
          '[data-testid="step-row"] [data-testid="step-activity"]',
        ),
      ].map((e) => e.value);
      return v[2] === 'Langkah sisipan';
    });
    expect(
      await page.evaluate(() => (document.activeElement as HTMLTextAreaElement | null)?.value),
    ).toBe('Langkah sisipan');
    await page.keyboard.press('Alt+ArrowUp');
    await page.waitForFunction(
      () =>
        document.querySelectorAll<HTMLTextAreaElement>('[data-testid="step-activity"]')[1]
          ?.value === 'Langkah sisipan',
    );

    // Delete it.
    await rows.nth(1).getByTestId('step-delete').click();
    await page.waitForFunction(
      (count) => document.querySelectorAll('[data-testid="step-row"]').length === count,
      n,
    );
    expect(await activities(page)).not.toContain('Langkah sisipan');
    await page.close();
  });

  it('actors: removing a pelaksana in use asks where its steps go', async () => {
    const id = await createSop(suite.srv, 'sample');
    const page = await openEditor(suite.ctx, suite.srv.url, id);
    const actors = page.getByTestId('actor-item');
    const count = await actors.count();
    const firstActorId = await page.getByTestId('step-actor').first().inputValue();
    expect(firstActorId).not.toBe('');
    const names = await actors.evaluateAll((els) =>
      els.map((e) => e.querySelector('input')?.value ?? ''),
    );
    const used = await page
      .getByTestId('step-actor')
      .first()
      .evaluate((sel: HTMLSelectElement) => sel.selectedOptions[0]?.textContent ?? '');
    const index = names.indexOf(used);
    await actors
      .nth(index)
      .getByRole('button', { name: new RegExp(`Hapus ${used}`) })
      .click();
    const dialog = page.getByTestId('remove-actor-dialog');
    await dialog.waitFor();
    const target = await dialog.locator('select').inputValue();
    await dialog.getByRole('button', { name: 'Hapus pelaksana' }).click();
    await page.waitForFunction(
      (n) => document.querySelectorAll('[data-testid="actor-item"]').length === n,
      count - 1,
    );
    expect(await page.getByTestId('step-actor').first().inputValue()).toBe(target);
    await page.close();
  });

  it('undo/redo (Ctrl+Z, Ctrl+Shift+Z) reverts only this user’s edit', async () => {
    const id = await createSop(suite.srv, 'sop-ap', 'Nama Awal');
    const page = await openEditor(suite.ctx, suite.srv.url, id);
    const other = await openEditor(
      await userContext(suite.browser, suite.srv, 'Budi'),
      suite.srv.url,
      id,
    );
    const name = page.getByTestId('sop-name');
    await name.click();
    await page.keyboard.press('Control+End');
    await name.pressSequentially(' Ani');
    await other.waitForFunction(
      () =>
        document.querySelector<HTMLTextAreaElement>('[data-testid="sop-name"]')?.value ===
        'Nama Awal Ani',
    );
    // Budi's edit, after Ani's, in another field.
    // (the Unit Kerja field: the SOP number is the server's since issue 14)
    await other.getByTestId('sop-unit').fill('Seksi Arsip');
    await page.waitForFunction(
      () =>
        document.querySelector<HTMLInputElement>('[data-testid="sop-unit"]')?.value ===
        'Seksi Arsip',
    );

    await name.click();
    await page.keyboard.press('Control+z');
    await page.waitForFunction(
      () =>
        document.querySelector<HTMLTextAreaElement>('[data-testid="sop-name"]')?.value ===
        'Nama Awal',
    );
    expect(await page.getByTestId('sop-unit').inputValue()).toBe('Seksi Arsip');
    await page.keyboard.press('Control+Shift+z');
    await page.waitForFunction(
      () =>
        document.querySelector<HTMLTextAreaElement>('[data-testid="sop-name"]')?.value ===
        'Nama Awal Ani',
    );
    await other.context().close();
    await page.close();
  });

  it('narrative: typing in TipTap reaches the other user', async () => {
    const id = await createSop(suite.srv, 'sop-ap', 'SOP Uraian');
    const a = await openEditor(suite.ctx, suite.srv.url, id);
    const ctxB = await userContext(suite.browser, suite.srv, 'Budi');
    const b = await openEditor(ctxB, suite.srv.url, id);
    // Narrative editors (TipTap) load when their section comes into view.
    await a.locator('#narrative').scrollIntoViewIfNeeded();
    const editorA = a.getByTestId('narrative-editor').first().locator('.ProseMirror');
    await editorA.click();
    await a.keyboard.type('Tujuan prosedur ini adalah menjaga arsip.');
    await b.locator('#narrative').scrollIntoViewIfNeeded();
    await b.waitForFunction(() =>
      document
        .querySelector('[data-testid="narrative-editor"] .ProseMirror')
        ?.textContent?.includes('menjaga arsip'),
    );
    await ctxB.close();
    await a.close();
  });

  it('offline: reopening an SOP without network shows the last state; edits merge on reconnect', async () => {
    const id = await createSop(suite.srv, 'sop-ap', 'SOP Luring');
    const c = await userContext(suite.browser, suite.srv, 'Dewi');
    const page = await openEditor(c, suite.srv.url, id);
    await page.getByTestId('add-step').click();
    const cell = page.locator('[data-testid="step-activity"]:focus');
    await cell.waitFor();
    await cell.pressSequentially('Langkah pertama');
    // Wait for the server to hold the whole text (the status element may still show the
    // previous "saved" for a frame after the last keystroke), then for "saved" itself.
    await expect
      .poll(
        async () => {
          const s = (await (await suite.srv.api(`/api/sops/${id}`)).json()) as {
            steps: Array<{ activity: string }>;
          };
          return s.steps.map((x) => x.activity);
        },
        { timeout: 15_000 },
      )
      .toContain('Langkah pertama');
    await page.locator('[data-testid="saved-status"][data-status="saved"]').waitFor();
    // IndexedDB commits asynchronously; a reload aborts writes still in flight. A new
    // readwrite transaction on the same store completes only after all earlier ones,
    // so once it completes every keystroke is in the local copy (y-indexeddb's store).
    await page.evaluate(
      (name) =>
        new Promise<void>((resolve, reject) => {
          const open = indexedDB.open(name);
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const tx = open.result.transaction(['updates'], 'readwrite');
            tx.oncomplete = () => {
              open.result.close();
              resolve();
            };
            tx.onerror = () => reject(tx.error);
          };
        }),
      `susun:${id}`,
    );
    // The service worker controls the page and holds the app shell.
    await expect
      .poll(
        () =>
          page.evaluate(
            async () =>
              navigator.serviceWorker?.controller != null &&
              (await caches.match('/index.html')) !== undefined,
          ),
        { timeout: 15_000 },
      )
      .toBe(true);

    await c.setOffline(true);
    await page.reload();
    await page.getByTestId('sop-name').waitFor();
    await page.locator('[data-testid="connection-status"][data-status="offline"]').waitFor();
    expect(await page.getByTestId('sop-name').inputValue()).toBe('SOP Luring');
    const before = await activities(page);
    expect(before).toContain('Langkah pertama');

    const offlineCell = page.getByTestId('step-activity').nth(before.indexOf('Langkah pertama'));
    await offlineCell.click();
    await page.keyboard.press('Control+End');
    await offlineCell.pressSequentially(' (luring)');
    await c.setOffline(false);
    await page.locator('[data-testid="connection-status"][data-status="online"]').waitFor();
    await page.locator('[data-testid="saved-status"][data-status="saved"]').waitFor();
    const snap = (await (await suite.srv.api(`/api/sops/${id}`)).json()) as {
      steps: Array<{ activity: string }>;
    };
    expect(snap.steps.map((s) => s.activity)).toContain('Langkah pertama (luring)');
    await c.close();
  });

  it('language: English is selectable and remembered', async () => {
    const page = await suite.ctx.newPage();
    await page.goto(`${suite.srv.url}/`);
    await page.getByRole('button', { name: 'Bahasa' }).click();
    await page.getByRole('menuitemradio', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'SOPs', level: 1 }).waitFor();
    await page.reload();
    await page.getByRole('heading', { name: 'SOPs', level: 1 }).waitFor();
    expect(await page.getByTestId('new-sop').textContent()).toContain('New SOP');
    await page.evaluate(() => localStorage.setItem('susun.lang', 'id'));
    await page.close();
  });
});
