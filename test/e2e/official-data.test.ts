/**
 * Issue 14 in the browser: Susun's own date field (typed dd/mm/yyyy, shown "3 Februari
 * 2026", impossible dates refused at the field, a calendar driven by the keyboard), the
 * SOP number as the server's (read-only; an administrator changes it through a dialog,
 * a duplicate is refused), and the agency tab (letterhead lines, logo upload).
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserAvailable, createSop, oneUserSuite, openEditor, userContext } from './helpers';

const PNG_1X1 = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

const stored = (page: Page, testId: string) => page.getByTestId(testId).getAttribute('data-value');

describe.skipIf(!browserAvailable())('official data: dates, numbers, agency', () => {
  const suite = oneUserSuite('Ani Lestari');

  it('a date typed as dd/mm/yyyy is stored as ISO and shown with the month name', async () => {
    const id = await createSop(suite.srv, 'sop-ap', 'Tanggal');
    const page = await openEditor(suite.ctx, suite.srv.url, id);
    const field = page.getByTestId('identity-createdDate');
    await field.click();
    await field.fill('03/02/2026');
    await page.keyboard.press('Tab');
    await page.waitForFunction(
      () =>
        document
          .querySelector('[data-testid="identity-createdDate"]')
          ?.getAttribute('data-value') === '2026-02-03',
    );
    expect(await field.inputValue()).toBe('3 Februari 2026');
    // An impossible date is refused at the field: the stored value stays.
    await field.click();
    expect(await field.inputValue()).toBe('03/02/2026');
    await field.fill('31/02/2026');
    await page.keyboard.press('Tab');
    await page.getByTestId('identity-createdDate-error').waitFor();
    expect(await field.getAttribute('aria-invalid')).toBe('true');
    expect(await stored(page, 'identity-createdDate')).toBe('2026-02-03');
    await page.close();
  });

  it('the calendar opens on the stored day and is driven by the keyboard', async () => {
    const id = await createSop(suite.srv, 'sop-ap', 'Kalender');
    const page = await openEditor(suite.ctx, suite.srv.url, id);
    const field = page.getByTestId('identity-revisedDate');
    await field.click();
    await field.fill('30/11/2026');
    await page.keyboard.press('Enter');
    await page.getByTestId('identity-revisedDate-open').click();
    const calendar = page.getByTestId('identity-revisedDate-calendar');
    await calendar.waitFor();
    // Focus is on the stored day; one week on, then one month on: 7 January 2027.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-iso'))).toBe(
      '2026-11-30',
    );
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('PageDown');
    expect(await calendar.locator('h2').textContent()).toBe('Januari 2027');
    await page.keyboard.press('Enter');
    await calendar.waitFor({ state: 'detached' });
    expect(await stored(page, 'identity-revisedDate')).toBe('2027-01-07');
    expect(await field.inputValue()).toBe('7 Januari 2027');
    await page.close();
  });

  it('the SOP number is read-only; an administrator changes it, a duplicate is refused', async () => {
    const first = await createSop(suite.srv, 'sop-ap', 'Pertama');
    const id = await createSop(suite.srv, 'sop-ap', 'Kedua');
    const taken = (
      (await (await suite.srv.api(`/api/sops/${first}`)).json()) as { identity: { number: string } }
    ).identity.number;
    // A member sees the number, cannot type in it, and has no edit button.
    const member = await openEditor(suite.ctx, suite.srv.url, id);
    expect(await member.getByTestId('sop-number').inputValue()).toMatch(/^SOP\/.+\/\d{3}$/);
    expect(
      await member.getByTestId('sop-number').evaluate((el) => (el as HTMLInputElement).readOnly),
    ).toBe(true);
    expect(await member.getByTestId('sop-number-edit').count()).toBe(0);
    const adminCtx = await userContext(suite.browser, suite.srv, 'admin', {
      user: suite.srv.admin,
    });
    const admin = await openEditor(adminCtx, suite.srv.url, id);
    await admin.getByTestId('sop-number-edit').click();
    const input = admin.getByTestId('sop-number-input');
    await input.fill(taken);
    await admin.getByTestId('sop-number-save').click();
    await admin.getByRole('alert').filter({ hasText: 'sudah dipakai' }).waitFor();
    await input.fill('SOP/KHUSUS/2026/777');
    await admin.getByTestId('sop-number-save').click();
    await admin.getByTestId('sop-number-dialog').waitFor({ state: 'detached' });
    // Written by the server into the document: every editor sees it.
    await member.waitForFunction(
      () =>
        document.querySelector<HTMLInputElement>('[data-testid="sop-number"]')?.value ===
        'SOP/KHUSUS/2026/777',
    );
    await adminCtx.close();
    await member.close();
  });

  it('the agency tab saves the letterhead and uploads a logo', async () => {
    const ctx = await userContext(suite.browser, suite.srv, 'admin', { user: suite.srv.admin });
    const page = await ctx.newPage();
    await page.goto(`${suite.srv.url}/admin/agency`);
    const lines = page.getByTestId('agency-lines');
    await lines.waitFor();
    await page.getByTestId('agency-name').fill('Dinas Uji Coba');
    await lines.fill('PEMERINTAH PROVINSI UJI\nDINAS UJI COBA');
    await page.getByTestId('agency-save').click();
    await page.getByText('Profil instansi disimpan.').waitFor();
    expect(await page.getByTestId('agency-kop-preview').textContent()).toContain(
      'PEMERINTAH PROVINSI UJI',
    );
    await page.getByTestId('agency-logo-file').setInputFiles({
      name: 'logo.png',
      mimeType: 'image/png',
      buffer: PNG_1X1,
    });
    await page.locator('[data-testid="agency-logo-preview"] img').waitFor();
    expect(await page.getByTestId('agency-logo-info').textContent()).toContain('PNG');
    const agency = (await (await suite.srv.api('/api/agency')).json()) as {
      lines: string[];
      logo: { mime: string } | null;
    };
    expect(agency.lines).toEqual(['PEMERINTAH PROVINSI UJI', 'DINAS UJI COBA']);
    expect(agency.logo?.mime).toBe('image/png');
    await ctx.close();
  });
});
