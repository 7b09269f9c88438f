/**
 * Issue 18, browser end-to-end: a guided drafting meeting on a projector-sized screen
 * (1280x800). Ani facilitates, Budi follows, on a new (blank SOP AP) SOP:
 * 1. need and name: unit, task and function, legal basis, two candidate names, one picked;
 * 2. activities: eight activities pasted (Ctrl+V into the paste box, Ctrl+Enter), three
 *    pelaksana typed on the fly (Enter moves down), one decision with Ya/Tidak targets;
 * 3. identity, 4. flowchart, 5. document: the SOP is valid and the preview shows the
 *    procedure pages;
 * the facilitator moves with the keyboard (PageDown, Alt+4) and the "next" button, and
 * Budi's view moves with each stage; Budi may look at another stage and come back; the
 * end gives the record (who was there, decisions, open points as comments) and the
 * print view shows the flowchart. Each stage is screenshotted (test-output/guided/).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Discussion, discussionDocId } from '../../shared/discussion/index';
import { validate } from '../../shared/model/index';
import type { SopSnapshot } from '../../shared/model/types';
import { waitForSynced } from '../helpers/collab';
import { adminClient } from '../helpers/sops';
import { browserAvailable, openEditor, startTwoUsers, type TwoUsers, userContext } from './helpers';

const run = browserAvailable();
const VIEW = { width: 1280, height: 800 };
const SHOTS = path.resolve(import.meta.dirname, '../../test-output/guided');

const ACTIVITIES = [
  '1. Menerima surat masuk',
  '2. Mencatat surat di buku agenda',
  '3. Memeriksa kelengkapan surat',
  '4. Surat lengkap?',
  '5. Memberi disposisi',
  '6. Meneruskan surat ke unit pengolah',
  '7. Mengarsipkan surat',
  '8. Mengembalikan surat kepada pengirim',
];
/** Pelaksana of the twelve rows (Mulai, eight pasted, two typed, Selesai): three people. */
const PELAKSANA = [
  'Petugas Loket',
  'Petugas Loket',
  'Petugas Loket',
  'Kasubbag Umum',
  'Kasubbag Umum',
  'Kepala Dinas',
  'Kasubbag Umum',
  'Petugas Loket',
  'Petugas Loket',
  'Kasubbag Umum',
  'Petugas Loket',
  'Petugas Loket',
];
/** Typed in the one-per-line box after the paste (Enter adds the next). */
const TYPED = ['Menyampaikan tanda terima', 'Mencatat penyelesaian di buku agenda'];

describe.skipIf(!run)(
  'guided drafting meeting: facilitator and follower through five stages',
  () => {
    let u: TwoUsers;
    let ani: Page;
    let budi: Page;
    /** A latecomer who reads English. */
    let citra: Page;

    const stageSel = (n: number) => `[data-testid="guided-stage"][data-stage="${n}"]`;
    /** Waits until `page` shows stage `n`: current in the bar and the view's stage. */
    async function showsStage(page: Page, n: number) {
      await page.locator(`${stageSel(n)}[aria-current="step"]`).waitFor({ timeout: 15_000 });
      await page.locator(`[data-testid="guided-view"][data-stage="${n}"]`).waitFor();
      expect(await page.locator('[data-testid="guided-stage"][aria-current="step"]').count()).toBe(
        1,
      );
    }
    async function shot(page: Page, name: string) {
      fs.mkdirSync(SHOTS, { recursive: true });
      await page.screenshot({ path: path.join(SHOTS, `${name}.png`) });
    }
    async function snapshot(): Promise<SopSnapshot> {
      const res = await u.srv.api(`/api/sops/${u.sopId}`);
      expect(res.status).toBe(200);
      return (await res.json()) as SopSnapshot;
    }

    beforeAll(async () => {
      u = await startTwoUsers('sop-ap', { viewport: VIEW });
      ani = u.pageA;
      budi = u.pageB;
      await u.ctxA.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: u.srv.url });
    });

    afterAll(async () => {
      await u?.browser.close();
      await u?.srv.close();
    });

    it('the facilitator starts the meeting; both see the agenda at stage 1', async () => {
      await ani.getByTestId('guided-start').click();
      for (const p of [ani, budi]) {
        await showsStage(p, 1);
        expect(await p.locator('[data-testid="guided-stage"]').count()).toBe(5);
        expect(
          await p.$$eval('[data-testid="guided-stage"]', (els) =>
            els.map((e) => e.getAttribute('data-stage')),
          ),
        ).toEqual(['1', '2', '3', '4', '5']);
      }
      await expect
        .poll(() => budi.getByTestId('guided-facilitator').textContent())
        .toContain('Ani Lestari');
      // The start button is gone for everyone while the meeting runs.
      expect(await budi.getByTestId('guided-start').count()).toBe(0);
    });

    it('stage 1: unit, task and function, legal basis, candidate names; the team picks one', async () => {
      await ani.getByTestId('guided-unit').fill('Subbagian Umum dan Kepegawaian');
      await ani
        .getByTestId('guided-task')
        .fill('Melaksanakan urusan persuratan dan kearsipan dinas');
      await ani.getByTestId('guided-task').press('Tab');
      await ani
        .locator('.guided-view [data-identity-field="legalBasis"] button', {
          hasText: 'Tambah butir',
        })
        .click();
      await ani.keyboard.type('Peraturan Bupati Nomor 12 Tahun 2020 tentang Tata Naskah Dinas');
      const candidate = ani.getByTestId('guided-candidate-input');
      await candidate.fill('SOP Penerimaan Surat Masuk');
      await candidate.press('Enter');
      await expect.poll(() => candidate.inputValue()).toBe('');
      await candidate.fill('SOP Pengelolaan Surat Masuk');
      await candidate.press('Enter');
      await budi.locator('[data-testid="guided-candidates"] li').nth(1).waitFor();
      await ani.getByTestId('guided-pick').first().click();
      // The pick is the SOP's name, for everyone, and a decision of stage 1.
      await expect
        .poll(() => budi.getByTestId('sop-name').inputValue())
        .toBe('SOP Penerimaan Surat Masuk');
      await expect
        .poll(() => budi.getByTestId('guided-decisions').textContent())
        .toContain('SOP Penerimaan Surat Masuk');
      // Stage 1 has nothing missing any more (its number turns into a check).
      await ani.locator(`${stageSel(1)}[data-state="complete"]`).waitFor();
      await shot(ani, 'stage-1-facilitator');
    });

    it('PageDown moves the room to stage 2; the follower moves with it', async () => {
      await ani.locator('.guided-title').click(); // out of any text field
      await ani.keyboard.press('PageDown');
      await showsStage(ani, 2);
      await showsStage(budi, 2);
    });

    it('stage 2: eight pasted activities, three pelaksana on the fly, one decision', async () => {
      const box = ani.getByTestId('guided-paste');
      await box.click();
      await ani.evaluate((text) => navigator.clipboard.writeText(text), ACTIVITIES.join('\n'));
      await ani.keyboard.press('Control+V');
      await expect.poll(() => box.inputValue()).toBe(ACTIVITIES.join('\n'));
      await expect.poll(() => ani.getByTestId('guided-paste-preview').textContent()).toContain('8');
      await ani.keyboard.press('Control+Enter');
      await expect.poll(() => budi.locator('[data-testid="guided-step"]').count()).toBe(10);
      expect(
        await budi.$$eval('[data-testid="guided-step"] .guided-activity', (els) =>
          els.map((e) => e.textContent),
        ),
      ).toEqual(['Mulai', ...ACTIVITIES.map((a) => a.replace(/^\d+\.\s*/, '')), 'Selesai']);
      // Two more typed in the meeting, one per line: Enter adds each and keeps the box.
      await ani.getByTestId('guided-quick').click();
      for (const line of TYPED) {
        await ani.keyboard.type(line);
        await ani.keyboard.press('Enter');
      }
      await expect.poll(() => budi.locator('[data-testid="guided-step"]').count()).toBe(12);
      expect(await ani.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe(
        'guided-quick',
      );
      expect(
        await budi.$$eval('[data-testid="guided-step"] .guided-activity', (els) =>
          els.slice(-3).map((e) => e.textContent),
        ),
      ).toEqual([...TYPED, 'Selesai']);
      // A timebox for this stage, set from the keyboard: both see the time left.
      await ani.getByTestId('guided-timebox-edit').click();
      await ani.keyboard.type('15');
      await ani.keyboard.press('Enter');
      await expect
        .poll(() => budi.getByTestId('guided-timer').textContent())
        .toMatch(/sisa 1[45]:\d\d/);
      // "Surat lengkap?" became a decision.
      const decision = ani.locator('[data-testid="guided-step"][data-kind="decision"]');
      expect(await decision.count()).toBe(1);

      // Pelaksana by keyboard: type a name, Enter moves down to the next row.
      await ani.getByTestId('guided-actor').first().click();
      for (const name of PELAKSANA) {
        await ani.keyboard.type(name);
        await ani.keyboard.press('Enter');
      }
      await expect
        .poll(async () => (await snapshot()).actors.map((a) => a.name))
        .toEqual(['Petugas Loket', 'Kasubbag Umum', 'Kepala Dinas']);
      // The decision's exits: Ya to "Memberi disposisi" (6), Tidak to "Mengembalikan" (9).
      const ids = await ani.$$eval('[data-testid="guided-step"]', (els) =>
        els.map((e) => e.getAttribute('data-step-id') ?? ''),
      );
      await decision.getByTestId('guided-yes').selectOption(ids[5] as string);
      await decision.getByTestId('guided-no').selectOption(ids[8] as string);
      await expect
        .poll(async () => {
          const s = await snapshot();
          const d = s.steps.find((x) => x.kind === 'decision');
          return [d?.yes, d?.no];
        })
        .toEqual([ids[5], ids[8]]);
      // Nothing blocks the next stage any more.
      await expect.poll(() => ani.locator(`${stageSel(2)} .guided-stage-count`).count()).toBe(0);
      await budi.locator(`${stageSel(2)}:not([data-state="error"])`).waitFor();
      await shot(ani, 'stage-2-facilitator');
      await shot(budi, 'stage-2-follower');
    });

    it('the "next" button moves to stage 3 (identity with the help per field), the follower too', async () => {
      await ani.getByTestId('guided-next').click();
      await showsStage(ani, 3);
      await showsStage(budi, 3);
      await expect
        .poll(() => ani.getByTestId('guided-identity-help').textContent())
        .toContain('Akibat bila SOP tidak dilaksanakan');
      await ani.getByTestId('sop-agency').fill('Dinas Perpustakaan dan Kearsipan');
      const decision = ani.getByTestId('guided-decision-input');
      await decision.fill('Nomor SOP diminta ke Bagian Organisasi');
      await decision.press('Enter');
      await budi.getByTestId('guided-decisions').getByText('Nomor SOP diminta').waitFor();
      await shot(ani, 'stage-3-facilitator');
    });

    it('Alt+4 jumps to the flowchart: no problems, the flowchart and table are shown', async () => {
      await ani.locator('.guided-title').click();
      await ani.keyboard.press('Alt+4');
      await showsStage(ani, 4);
      await showsStage(budi, 4);
      await ani.getByText('Diagram alir tidak bermasalah.').waitFor();
      await ani.locator('#flowchart svg').first().waitFor();
      expect(await ani.locator('#identity').isVisible()).toBe(false);
      expect(await ani.locator('#procedure').isVisible()).toBe(true);
      await shot(ani, 'stage-4-facilitator');
    });

    it('stage 5: the SOP is valid and the preview shows the procedure pages with the flowchart', async () => {
      await ani.locator('.guided-title').click();
      await ani.keyboard.press('PageDown');
      await showsStage(ani, 5);
      await showsStage(budi, 5);
      await ani.locator('[data-testid="guided-validity"][data-valid="true"]').waitFor();
      await budi.locator('[data-testid="guided-validity"][data-valid="true"]').waitFor();
      const preview = ani.getByTestId('guided-preview');
      await preview.locator('svg').first().waitFor();
      expect(await preview.textContent()).toContain('Surat lengkap?');
      await shot(ani, 'stage-5-facilitator');
      const s = await snapshot();
      expect(validate(s).filter((p) => p.severity === 'error')).toEqual([]);
      expect(s.identity.name).toBe('SOP Penerimaan Surat Masuk');
      expect(s.steps).toHaveLength(12);
      expect(s.identity.legalBasis).toEqual([
        'Peraturan Bupati Nomor 12 Tahun 2020 tentang Tata Naskah Dinas',
      ]);
    });

    it("a latecomer (English) lands on the room's stage and reads the agenda in English", async () => {
      const ctx = await userContext(u.browser, u.srv, 'Citra Dewi', { viewport: VIEW, lang: 'en' });
      citra = await openEditor(ctx, u.srv.url, u.sopId);
      await showsStage(citra, 5);
      const bar = await citra.getByTestId('guided-bar').textContent();
      for (const w of ['Need and name', 'Activities', 'Identity', 'Flowchart', 'Document'])
        expect(bar).toContain(w);
      expect(await citra.getByTestId('guided-facilitator').textContent()).toBe(
        'Facilitator: Ani Lestari',
      );
      await citra.locator('[data-testid="guided-validity"][data-valid="true"]').waitFor();
      expect(await citra.getByTestId('guided-validity').textContent()).toBe(
        'The SOP is valid and ready for review.',
      );
      await shot(citra, 'stage-5-latecomer-en');
    });

    it('the follower may look at another stage and come back to the room', async () => {
      await budi.locator(stageSel(2)).click();
      await showsStage(budi, 2);
      expect(await budi.getByTestId('guided-follow-state').textContent()).toBe(
        'Anda melihat tahap lain',
      );
      // The facilitator's room is still at 5.
      await showsStage(ani, 5);
      await budi.getByTestId('guided-follow').click();
      await showsStage(budi, 5);
    });

    it('ending gives the record: who was there, decisions per stage, open points as comments', async () => {
      await ani.getByTestId('guided-end').click();
      const points = ani.getByTestId('guided-open-points');
      await points.fill('2: Waktu tiap kegiatan belum disepakati');
      await ani.getByTestId('guided-end-confirm').click();
      for (const p of [ani, budi]) {
        const record = p.getByTestId('guided-record');
        await record.waitFor();
        const present = await p.getByTestId('guided-record-present').textContent();
        expect(present).toContain('Ani Lestari');
        expect(present).toContain('Budi Santoso');
        expect(present).toContain('Citra Dewi');
        const decided = await p.getByTestId('guided-record-decisions').textContent();
        expect(decided).toContain('SOP Penerimaan Surat Masuk');
        expect(decided).toContain('Nomor SOP diminta ke Bagian Organisasi');
        expect(await p.getByTestId('guided-record-open').textContent()).toContain(
          'Waktu tiap kegiatan belum disepakati',
        );
        expect(await p.locator('[data-testid="guided-bar"]').count()).toBe(0);
      }
      await shot(budi, 'record-follower');
      // The open point is a comment thread on the SOP, written by the facilitator.
      const talk = adminClient(u.srv, discussionDocId(u.sopId));
      try {
        await waitForSynced(talk.provider);
        const threads = new Discussion(talk.doc).getSnapshot().threads;
        const open = threads.filter((th) => th.messages[0]?.body.includes('Waktu tiap kegiatan'));
        expect(open).toHaveLength(1);
        expect(open[0]?.anchor).toEqual({ kind: 'sop' });
        expect(open[0]?.messages[0]?.author.name).toBe('Ani Lestari');
      } finally {
        talk.destroy();
      }
    });

    it('the print view of the SOP shows the flowchart', async () => {
      const page = await u.ctxA.newPage();
      await page.goto(`${u.srv.url}/sop/${u.sopId}/print`);
      const sheet = page.locator('.procedure-sheet svg').first();
      await sheet.waitFor();
      const text = await page.locator('.procedure-sheet').first().textContent();
      for (const a of ['Menerima surat masuk', 'Surat lengkap?', 'Petugas Loket', 'Kepala Dinas'])
        expect(text).toContain(a);
      // Flowchart symbols are drawn: the decision diamond and the connectors are paths.
      expect(
        await page.locator('.procedure-sheet svg path, .procedure-sheet svg polygon').count(),
      ).toBeGreaterThan(10);
      expect(await page.locator('.print-warnings .severity-error').count()).toBe(0);
      await page
        .locator('.procedure-sheet')
        .first()
        .screenshot({ path: path.join(SHOTS, 'print-procedure.png') });
      await page.close();
    });
  },
);
