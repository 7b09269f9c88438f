/** Review summaries: built by the shared code (the server stores them with the version). */
export { buildSummary, type SummaryJson } from '@shared/discussion/summaryJson';

/** "1 j 05 m" style duration: h:mm:ss. */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const sec = total % 60;
  const p = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${p(m)}:${p(sec)}` : `${m}:${p(sec)}`;
}
