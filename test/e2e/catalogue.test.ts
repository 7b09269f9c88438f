/**
 * Issue 17, browser end-to-end: the SOP list as the agency's register — the dashboard's
 * counts per unit and status (a count filters the list), search in step text, a status
 * filter, server-side pages — and importing a hand-made Word SOP from the list page, whose
 * unread rows are listed before the draft opens. Screenshots: test-output/issue17-catalogue/.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { templateSnapshot } from '../../shared/model/templates/index';
import type { SopSnapshot, SopStatus } from '../../shared/model/types';
import type { TestServer } from '../helpers/server';
import { startTestServer } from '../helpers/server';
import { handMadeSopDocx } from '../integration/import-docx-fixtures';
import { browserAvailable, ensureClientBuilt, launchBrowser, userContext } from './helpers';

const run = browserAvailable();
const OUT = path.resolve('test-output/issue17-catalogue');
const STATUSES: SopStatus[] = ['draft', 'in_review', 'approved', 'approved', 'revoked'];

function sop(i: number): SopSnapshot {
  const s = templateSnapshot('sop-ap');
  s.identity.name = `SOP Layanan Arsip ${String(i).padStart(2, '0')}`;
  s.identity.number = '';
  s.meta.status = STATUSES[i % STATUSES.length]!;
  if (s.meta.status === 'approved')
    s.identity.effectiveDate = `2025-${String((i % 12) + 1).padStart(2, '0')}-10`;
  s.actors = [{ id: 'a1', name: 'Arsiparis' }];
  s.steps = [
    {
      id: 's1',
      kind: 'process',
      actorId: 'a1',
      activity: i === 33 ? 'Melakukan fumigasi ruang penyimpanan' : 'Memeriksa berkas',
      requirements: '',
      time: { amount: 10, unit: 'minute' },
      output: '',
      notes: '',
      yes: null,
      no: null,
    },
  ];
  return s;
}

describe.skipIf(!run)('catalogue and Word import on the list page', () => {
  let srv: TestServer;
  let browser: Browser;
  let page: Page;
  const units: string[] = [];

  const rows = () => page.locator('[data-testid="sop-list-item"]');
  const countText = () => page.locator('.list-count').textContent();

  beforeAll(async () => {
    fs.mkdirSync(OUT, { recursive: true });
    ensureClientBuilt();
    srv = await startTestServer();
    for (const name of ['Bidang Kearsipan', 'Sekretariat'])
      units.push(
        ((await (await srv.api('/api/units', { json: { name } })).json()) as { id: string }).id,
      );
    for (let i = 0; i < 60; i++) {
      const res = await srv.api(`/api/sops/import?unitId=${units[i % 2]}`, { json: sop(i) });
      expect(res.status).toBe(201);
    }
    browser = await launchBrowser();
    const ctx = await userContext(browser, srv, 'Admin', { user: srv.admin });
    page = await ctx.newPage();
    await page.goto(`${srv.url}/`);
    await rows().first().waitFor();
  });
  afterAll(async () => {
    await browser?.close();
    await srv?.close();
  });

  it('shows the counts per unit and status and filters the list from them', async () => {
    const dash = page.locator('[data-testid="catalogue-dashboard"]');
    await dash.waitFor();
    const unitRow = dash.locator('tbody tr', { hasText: 'Bidang Kearsipan' });
    // 30 SOPs in the unit, 12 of them approved (i even, i % 5 in {2, 3}).
    await expect.poll(() => unitRow.locator('td').first().textContent()).toBe('30');
    await page.screenshot({ path: path.join(OUT, 'list-dashboard.png'), fullPage: true });
    await unitRow.getByRole('button', { name: /Tampilkan Disahkan/ }).click();
    await expect.poll(countText).toBe('12 SOP');
    expect(await page.locator('[data-testid="filter-status"]').inputValue()).toBe('approved');
    expect(await page.locator('[data-testid="filter-unit"]').inputValue()).toBe(units[0]);
    expect(new Set(await rows().locator('.col-status').allTextContents())).toEqual(
      new Set(['Disahkan']),
    );
    await page.screenshot({ path: path.join(OUT, 'list-filtered.png'), fullPage: true });
    await page.getByRole('button', { name: /Hapus saringan/ }).click();
    await expect.poll(countText).toBe('60 SOP');
  });

  it('searches the step text and pages on the server', async () => {
    await page.locator('[data-testid="sop-search"]').fill('fumigasi');
    await expect.poll(() => rows().count()).toBe(1);
    expect(await rows().first().textContent()).toContain('SOP Layanan Arsip 33');
    await page.locator('[data-testid="sop-search"]').fill('');
    await expect.poll(() => rows().count()).toBe(50);
    const pager = page.locator('[data-testid="catalogue-pager"]');
    expect(await pager.textContent()).toContain('1–50 dari 60');
    await page.locator('[data-testid="pager-next"]').click();
    await expect.poll(() => rows().count()).toBe(10);
    expect(await pager.textContent()).toContain('51–60 dari 60');
    await page.locator('[data-testid="sort-key"]').selectOption('name');
    await expect
      .poll(() => rows().first().locator('.sop-name-link').textContent())
      .toBe('SOP Layanan Arsip 00');
  });

  it('imports a hand-made Word SOP, lists what it could not read, and opens the draft', async () => {
    const file = path.join(OUT, 'sop-surat-masuk.docx');
    fs.writeFileSync(file, await handMadeSopDocx());
    await page.locator('[data-testid="import-docx-input"]').setInputFiles(file);
    const dialog = page.locator('[data-testid="import-result"]');
    await dialog.waitFor();
    const warnings = await dialog.locator('[data-testid="import-warnings"] li').allTextContents();
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toContain('Baris 5');
    await page.screenshot({ path: path.join(OUT, 'import-result.png') });
    await dialog.locator('[data-testid="import-open"]').click();
    await page.waitForURL(/\/sop\//);
    await page.locator('[data-testid="step-row"]').first().waitFor();
    expect(await page.locator('[data-testid="step-row"]').count()).toBe(6);
  });
});
