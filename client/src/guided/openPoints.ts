/** The end-of-meeting open points as typed: one per line, `n: text` naming the stage. */
import { isStage, type StageNo } from '@shared/guided/index';

/** Lines `n: text` (or plain text, for `fallback`'s stage) as open points (at most 100). */
export function parseOpenPoints(
  text: string,
  fallback: StageNo,
): Array<{ stage: StageNo; text: string }> {
  const out: Array<{ stage: StageNo; text: string }> = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line) continue;
    const m = /^([1-5])\s*[:.)]\s*(.+)$/.exec(line);
    const n = m ? Number(m[1]) : fallback;
    const body = (m ? (m[2] ?? '') : line).trim().slice(0, 2000);
    if (body && isStage(n)) out.push({ stage: n, text: body });
  }
  return out.slice(0, 100);
}
