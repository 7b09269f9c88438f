/**
 * Large synthetic SOPs for export load tests and the export benchmark: `steps` steps over
 * `actors` pelaksana, a decision every seventh step (exits forward and back), and optional
 * long text in the activity of the middle step.
 */
import { templateSnapshot } from '../../shared/model/index.js';
import type { Actor, SopSnapshot, Step } from '../../shared/model/types.js';

export interface BigSopOptions {
  steps: number;
  /** Pelaksana (swimlanes); default 5. */
  actors?: number;
  /** Replace the middle step's activity with this text (e.g. a 6,000-character word). */
  longText?: string;
}

/** A valid SOP snapshot of the requested size, deterministic for a given size. */
export function bigSop(opts: BigSopOptions): SopSnapshot {
  const base = templateSnapshot('sample', { now: new Date('2026-11-01T00:00:00Z') });
  const nActors = Math.max(1, opts.actors ?? 5);
  const actors: Actor[] = Array.from({ length: nActors }, (_, i) => ({
    id: `a${i}`,
    name: `Pelaksana ${i + 1}`,
  }));
  const n = Math.max(2, opts.steps);
  const steps: Step[] = Array.from({ length: n }, (_, i) => {
    const terminator = i === 0 || i === n - 1;
    const decision = !terminator && i % 7 === 3 && i + 2 < n;
    return {
      id: `s${i}`,
      kind: terminator ? 'terminator' : decision ? 'decision' : 'process',
      actorId: actors[(i * 3) % nActors]!.id,
      activity: terminator
        ? i === 0
          ? 'Mulai'
          : 'Selesai'
        : `Langkah ${i}: memeriksa berkas permohonan dan mencatat hasil pemeriksaan`,
      requirements: 'Formulir permohonan, KTP',
      time: { amount: 10 + (i % 5) * 5, unit: 'minute' },
      output: 'Berkas diperiksa',
      notes: i % 4 === 0 ? 'Dicatat dalam buku register' : '',
      yes: decision ? `s${i + 1}` : null,
      no: decision ? `s${Math.max(1, i - 2)}` : null,
    };
  });
  if (opts.longText !== undefined) steps[Math.floor(n / 2)]!.activity = opts.longText;
  return { ...base, actors, steps };
}
