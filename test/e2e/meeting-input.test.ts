/**
 * Issue 15, browser end-to-end: input that protects the user, and one person
 * one presence.
 * - I1 creating an SOP without a name asks for one (nothing is created);
 * - I2 a negative or non-numeric time is refused at the field (the model keeps
 *   the old amount);
 * - I3 the list's row menu offers "Duplikat" to everyone and "Arsipkan" only to
 *   the owner; a duplicate opens as a new draft with the same steps;
 * - P1 the same account on two devices shows once, with a device count.
 */
import { describe, expect, it } from 'vitest';
import {
  browserAvailable,
  createSop,
  e2eUser,
  oneUserSuite,
  openEditor,
  userContext,
} from './helpers';

const run = browserAvailable();

describe.skipIf(!run)('meeting room: input guards and one presence per person', () => {
  const suite = oneUserSuite('Rina Wulandari');

  const listCount = async () =>
    ((await (await suite.srv.api('/api/sops')).json()) as unknown[]).length;

  it('I1: an empty SOP name asks for one instead of creating "SOP tanpa nama"', async () => {
    const before = await listCount();
    const page = await suite.ctx.newPage();
    await page.goto(`${suite.srv.url}/`);
    await page.getByTestId('new-sop').click();
    await page.getByTestId('new-sop-name').fill('   ');
    await page.getByTestId('create-sop-submit').click();
    const name = page.getByTestId('new-sop-name');
    expect(await name.getAttribute('aria-invalid')).toBe('true');
    expect(await name.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.getByText('Beri nama SOP ini', { exact: false }).waitFor();
    expect(await listCount()).toBe(before);
    await name.fill('SOP Alih Media Arsip');
    await page.getByTestId('create-sop-submit').click();
    await page.waitForURL(/\/sop\/[^/]+$/);
    expect(await listCount()).toBe(before + 1);
    await page.close();
  });

  it('I2: negative and non-numeric times are refused at the field', async () => {
    const id = await createSop(suite.srv, 'sample', 'SOP Waktu');
    const page = await openEditor(suite.ctx, suite.srv.url, id);
    const time = page.getByTestId('step-row').first().getByTestId('step-time');
    expect(await time.inputValue()).toBe('30');
    await time.fill('-5');
    expect(await time.getAttribute('aria-invalid')).toBe('true');
    expect(await time.inputValue()).toBe('30');
    await time.fill('abc');
    expect(await time.inputValue()).toBe('30');
    await time.fill('1,5');
    expect(await time.getAttribute('aria-invalid')).toBeNull();
    await page.locator('[data-testid="saved-status"][data-status="saved"]').waitFor();
    const snap = (await (await suite.srv.api(`/api/sops/${id}`)).json()) as {
      steps: Array<{ time: { amount: number | null } }>;
    };
    expect(snap.steps[0]?.time.amount).toBe(1.5);
    await page.close();
  });

  it('I3: the row menu: duplicate for everyone, archive for the owner only', async () => {
    const own = await createSop(suite.srv, 'sample', 'SOP Milik Rina', {
      as: await e2eUser(suite.srv, 'Rina Wulandari'),
    });
    await createSop(suite.srv, 'sop-ap', 'SOP Milik Admin');
    const page = await suite.ctx.newPage();
    await page.goto(`${suite.srv.url}/`);
    const row = (name: string) =>
      page.getByTestId('sop-list-item').filter({ hasText: name }).first();
    await row('SOP Milik Admin').getByRole('button').click();
    await page.getByTestId('list-duplicate').waitFor();
    expect(await page.getByTestId('list-archive').count()).toBe(0);
    await page.keyboard.press('Escape');
    await row('SOP Milik Rina').getByRole('button').click();
    expect(await page.getByTestId('list-archive').count()).toBe(1);
    await page.getByTestId('list-duplicate').click();
    await row('SOP Milik Rina (salinan)').waitFor();
    const list = (await (await suite.srv.api('/api/sops')).json()) as Array<{
      id: string;
      name: string;
      status: string;
    }>;
    const copy = list.find((s) => s.name === 'SOP Milik Rina (salinan)');
    expect(copy?.status).toBe('draft');
    const [a, b] = await Promise.all(
      [own, copy!.id].map(
        async (id) =>
          ((await (await suite.srv.api(`/api/sops/${id}`)).json()) as { steps: unknown[] }).steps
            .length,
      ),
    );
    expect(b).toBe(a);
    await page.close();
  });

  it('P1: the same person on a laptop and the projector shows once, with a device count', async () => {
    const id = await createSop(suite.srv, 'sample', 'SOP Kehadiran');
    const laptop = await openEditor(suite.ctx, suite.srv.url, id);
    const projectorCtx = await userContext(suite.browser, suite.srv, 'Rina Wulandari', {
      viewport: { width: 1280, height: 720 },
    });
    const projector = await openEditor(projectorCtx, suite.srv.url, id);
    const otherCtx = await userContext(suite.browser, suite.srv, 'Dodi Pratama');
    const other = await openEditor(otherCtx, suite.srv.url, id);
    // Dodi sees one Rina, on two devices.
    await other
      .locator('[data-testid="presence-avatar"][data-name="Rina Wulandari"][data-devices="2"]')
      .waitFor();
    expect(
      await other.locator('[data-testid="presence-avatar"][data-name="Rina Wulandari"]').count(),
    ).toBe(1);
    // Rina's laptop counts her projector with "you", not as someone else.
    await laptop.locator('[data-testid="presence-self"][data-devices="2"]').waitFor();
    expect(
      await laptop.locator('[data-testid="presence-avatar"][data-name="Rina Wulandari"]').count(),
    ).toBe(0);
    await projector.close();
    await projectorCtx.close();
    await otherCtx.close();
    await laptop.close();
  });
});
