/**
 * Issue 17, browser end-to-end: the SOP's life after approval.
 * - Keterkaitan: a link chosen by name with autocomplete, shown with its target
 *   (navigable); when the target is revised, the linking SOP shows a flag until confirmed.
 * - Monitoring and evaluation, a full cycle: the schedule of an approved SOP, one
 *   monitoring record filled by two people in two browser contexts (each sees the
 *   other's entries live), printed in the regulation's form, then an evaluation that
 *   recommends "revise": the revision opens with the evaluation linked.
 * - The home page's "needs attention" list.
 * Screenshots go to test-output/lifecycle/lifecycle-*.png.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localIsoDate } from '../../shared/model/index.js';
import { startTestServer, type TestServer } from '../helpers/server';
import {
  browserAvailable,
  createSop,
  ensureClientBuilt,
  launchBrowser,
  openEditor,
  userContext,
} from './helpers';

const run = browserAvailable();
const SHOTS = path.resolve('test-output/lifecycle');

describe.skipIf(!run)('lifecycle: links, monitoring, evaluation', () => {
  let srv: TestServer;
  let browser: Browser;
  let ctxA: BrowserContext;
  let ctxB: BrowserContext;
  let target: string;
  let dependant: string;

  const shot = (page: Page, name: string) =>
    page.screenshot({ path: path.join(SHOTS, `lifecycle-${name}.png`), fullPage: false });

  beforeAll(async () => {
    ensureClientBuilt();
    fs.mkdirSync(SHOTS, { recursive: true });
    srv = await startTestServer();
    browser = await launchBrowser();
    target = await createSop(srv, 'sample', 'SOP Penerimaan Arsip Inaktif');
    dependant = await createSop(srv, 'sample', 'SOP Penataan Arsip Inaktif');
    const res = await srv.api(`/api/sops/${target}/approve`, {
      json: { effectiveDate: localIsoDate() },
    });
    expect(res.status, await res.clone().text()).toBe(200);
    ctxA = await userContext(browser, srv, 'Ani Lestari');
    ctxB = await userContext(browser, srv, 'Budi Santoso');
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await srv?.close();
  });

  it('links an SOP by name with autocomplete; it is listed and navigable', async () => {
    const page = await openEditor(ctxA, srv.url, dependant);
    await page.getByTestId('link-sop').click();
    const picker = page.getByTestId('link-picker');
    await picker.getByRole('combobox', { name: 'Cari SOP yang ditautkan' }).fill('Penerimaan');
    await picker.getByRole('option', { name: /Penerimaan Arsip Inaktif/ }).click();
    const linked = page.getByTestId('linked-target');
    await linked.waitFor();
    expect(await linked.getByRole('link').textContent()).toContain('SOP Penerimaan Arsip Inaktif');
    await linked.scrollIntoViewIfNeeded();
    await shot(page, 'link');
    await page.close();
  });

  it('monitoring: scheduled, filled by two people live, printed', async () => {
    const pageA = await openEditor(ctxA, srv.url, target);
    const panelA = pageA.getByTestId('lifecycle-panel');
    await panelA.getByTestId('lc-schedule').waitFor();
    expect(await panelA.getByTestId('lc-schedule').textContent()).toMatch(/\d{4}/);
    // "Sudah dibaca", once.
    const ack = panelA.getByTestId('lc-ack');
    await ack.getByRole('button', { name: 'Sudah dibaca' }).click();
    await ack.getByText('Anda sudah membaca versi ini').waitFor();
    await ack.scrollIntoViewIfNeeded();
    await shot(pageA, 'panel');
    await panelA.getByRole('button', { name: 'Mulai pemantauan' }).click();
    const dlgA = pageA.getByTestId('monitoring-dialog');
    await dlgA.waitFor();

    const pageB = await openEditor(ctxB, srv.url, target);
    const panelB = pageB.getByTestId('lifecycle-panel');
    await panelB.getByRole('button', { name: 'Isi' }).click();
    const dlgB = pageB.getByTestId('monitoring-dialog');
    await dlgB.waitFor();

    // Ani marks step 1; Budi sees it without reloading.
    await dlgA
      .getByTestId('monitor-row-1')
      .getByLabel('Berjalan dengan baik', { exact: true })
      .check();
    await dlgB
      .getByTestId('monitor-row-1')
      .getByLabel('Berjalan dengan baik', { exact: true })
      .and(pageB.locator(':checked'))
      .waitFor();
    expect(await dlgB.getByTestId('monitor-row-1').textContent()).toContain('Ani Lestari');
    // Budi writes step 2; Ani sees it.
    const rowB2 = dlgB.getByTestId('monitor-row-2');
    await rowB2.getByLabel('Tidak berjalan dengan baik').check();
    await rowB2.getByLabel('Catatan hasil penilaian 2').fill('Berkas sering tidak lengkap');
    await rowB2.getByLabel('Tindakan yang harus diambil 2').fill('Daftar periksa di loket');
    await rowB2.getByLabel('Catatan hasil penilaian 2').focus();
    await dlgB
      .getByTestId('monitor-row-3')
      .getByLabel('Berjalan dengan baik', { exact: true })
      .focus();
    const noteA = dlgA.getByTestId('monitor-row-2').getByLabel('Tindakan yang harus diambil 2');
    await expect
      .poll(() => noteA.inputValue(), { timeout: 10_000 })
      .toBe('Daftar periksa di loket');
    await shot(pageA, 'monitoring-ani');
    await shot(pageB, 'monitoring-budi');

    // The rest, then close: the record is complete.
    const rows = await dlgA.locator('[data-testid^="monitor-row-"]').count();
    for (let n = 3; n <= rows; n++)
      await dlgA
        .getByTestId(`monitor-row-${n}`)
        .getByLabel('Berjalan dengan baik', { exact: true })
        .check();
    await dlgA.getByRole('button', { name: 'Selesaikan pemantauan' }).click();
    await dlgA
      .getByRole('button', { name: 'Selesaikan pemantauan' })
      .waitFor({ state: 'detached' });
    // Budi's view shows it closed too (read-only).
    await dlgB
      .getByTestId('monitor-row-1')
      .getByLabel('Berjalan dengan baik', { exact: true })
      .and(pageB.locator(':disabled'))
      .waitFor();

    // Printed in the regulation's form, filled.
    const printHref = await dlgA.getByRole('link', { name: 'Cetak formulir' }).getAttribute('href');
    const print = await ctxA.newPage();
    await print.goto(`${srv.url}${printHref}`);
    const sheet = print.locator('.form-sheet');
    await sheet.waitFor();
    const text = (await sheet.textContent()) ?? '';
    expect(text).toContain('Formulir Monitoring Pelaksanaan SOP');
    expect(text).toContain('Berkas sering tidak lengkap');
    expect(text).toContain('Budi Santoso');
    expect(text.split('☑').length - 1).toBe(rows);
    expect(await print.locator('.procedure-sheet').count()).toBe(0);
    await shot(print, 'monitoring-print');
    await print.close();
    await pageB.close();

    // Evaluation recommends "revise": the revision opens with the evaluation linked.
    await pageA.keyboard.press('Escape');
    await panelA.getByRole('button', { name: 'Evaluasi SOP' }).click();
    const ev = pageA.getByTestId('evaluation-dialog');
    await ev.getByRole('button', { name: 'Simpan evaluasi' }).click();
    expect(await ev.getByRole('alert').textContent()).toBe(
      'Setiap kriteria perlu dijawab Ya atau Tidak.',
    );
    for (const c of [
      'performance',
      'understandable',
      'practicable',
      'roles',
      'solvesProblems',
      'organisationNeeds',
      'synergy',
    ])
      await ev
        .getByTestId(`criterion-${c}`)
        .getByRole('radio')
        .nth(c === 'roles' ? 1 : 0)
        .check();
    await ev.getByLabel('Catatan', { exact: true }).fill('Peran petugas loket belum jelas');
    await ev.locator('select').selectOption('revise');
    await shot(pageA, 'evaluation');
    await ev.getByRole('button', { name: 'Simpan evaluasi' }).click();
    const linked = panelA.getByTestId('revision-from-evaluation');
    await linked.waitFor({ timeout: 10_000 });
    expect(await linked.textContent()).toContain('Peran petugas loket belum jelas');
    expect(await panelA.getByTestId('lc-evaluations').textContent()).toContain('6/7');
    await linked.scrollIntoViewIfNeeded();
    await shot(pageA, 'revision');
    await pageA.close();
  });

  it('the linking SOP shows the flag until confirmed; the home page lists it', async () => {
    const home = await ctxA.newPage();
    await home.goto(srv.url);
    const attention = home.getByTestId('needs-attention');
    await attention.waitFor({ timeout: 10_000 });
    expect(await attention.textContent()).toContain('SOP tertaut berubah');
    await shot(home, 'attention');
    await home.close();

    const page = await openEditor(ctxA, srv.url, dependant);
    const flag = page.getByTestId('link-flag');
    await flag.waitFor();
    expect(await flag.textContent()).toContain('direvisi');
    await flag.scrollIntoViewIfNeeded();
    await shot(page, 'flag');
    await flag.getByRole('button', { name: 'Konfirmasi' }).click();
    await flag.waitFor({ state: 'detached' });
    // The graph of its links draws and its boxes open the linked SOP.
    await page.getByText('Grafik keterkaitan').click();
    const graph = page.getByTestId('link-graph');
    await graph.waitFor();
    await graph.scrollIntoViewIfNeeded();
    await shot(page, 'graph');
    await graph.getByRole('button', { name: /Penerimaan Arsip Inaktif/ }).click();
    await page.waitForURL(`**/sop/${target}`);
    await page.close();

    // The unit's list and the graph of its SOPs, from the home page.
    const unitHome = await ctxA.newPage();
    await unitHome.goto(srv.url);
    // Nothing of Ani's own is left: the units' lists are folded away.
    await unitHome.getByText('Perlu perhatian di unit saya').click();
    await unitHome
      .getByTestId('needs-attention')
      .getByRole('combobox')
      .selectOption({ label: 'Bagian Uji' });
    const box = unitHome.getByTestId('needs-attention');
    await box.getByText('Grafik SOP unit').click();
    const unitGraph = box.getByTestId('link-graph');
    await unitGraph.waitFor();
    expect(await unitGraph.getByRole('button').count()).toBe(2);
    await shot(unitHome, 'unit-graph');
    await unitHome.close();
  });
});
