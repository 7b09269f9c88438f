/**
 * Scrolls step `id`'s row into view and focuses its Kegiatan cell (used by the
 * flowchart and the problems list).
 */
export function focusStep(id: string): void {
  const row = document.querySelector<HTMLElement>(
    `[data-testid="step-row"][data-step-id="${CSS.escape(id)}"]`,
  );
  if (!row) return;
  row.scrollIntoView({ block: 'center' });
  row.querySelector<HTMLElement>('[data-testid="step-activity"]')?.focus({ preventScroll: true });
}
