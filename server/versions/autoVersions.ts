/**
 * Automatic versions after a stretch of editing (issue 16). The rule, per SOP:
 *
 *   A stretch starts at the first stored change after the SOP's last version (of any
 *   kind). The first stored change that comes `stretchMs` (30 min) or more after the
 *   stretch started takes an `auto` version — of the content as stored then — and ends
 *   the stretch; so there is at most one automatic version per 30 minutes of activity,
 *   none while nobody edits, and none when the content equals the latest version's.
 *
 * "A stored change" is the room's listing write (rooms/metaWriter.ts: debounced after
 * changes this process stored, and flushed when the room unloads), seen through
 * {@link watchListing}; the clock is injectable for tests. Stretches live in memory: a
 * restart starts them again (nothing is lost, a version may come later).
 */
import type { Logger } from 'pino';
import type { ListingWriter } from '../rooms/metaWriter.js';
import type { ChangeSummaryStore } from './changeSummaries.js';
import { snapshotOfState } from './snapshotOf.js';

export const AUTO_VERSION_STRETCH_MS = 30 * 60_000;

/** The label of automatic versions (stored data, in Indonesian like the other labels). */
export const AUTO_VERSION_LABEL = 'Simpan otomatis';

export interface AutoVersionDeps {
  versions: ChangeSummaryStore;
  /** The SOP's current stored state (versions/currentState.ts), null when unknown. */
  getState(sopId: string): Promise<Uint8Array | null>;
  log: Logger;
  /** Milliseconds since the epoch (default `Date.now`). */
  now?: () => number;
  /** Default {@link AUTO_VERSION_STRETCH_MS}. */
  stretchMs?: number;
}

export class AutoVersioner {
  /** Start of the running stretch of each SOP. */
  private readonly since = new Map<string, number>();
  private readonly taking = new Map<string, Promise<void>>();
  private readonly now: () => number;
  private readonly stretchMs: number;

  constructor(private readonly deps: AutoVersionDeps) {
    this.now = deps.now ?? Date.now;
    this.stretchMs = deps.stretchMs ?? AUTO_VERSION_STRETCH_MS;
  }

  /** A change of `sopId` was stored now. */
  touched(sopId: string): void {
    const now = this.now();
    const start = this.since.get(sopId);
    if (start === undefined) {
      this.since.set(sopId, now);
      return;
    }
    if (now - start < this.stretchMs || this.taking.has(sopId)) return;
    this.since.delete(sopId);
    const run = this.take(sopId)
      .catch((err: unknown) => this.deps.log.warn({ err, sopId }, 'automatic version failed'))
      .finally(() => this.taking.delete(sopId));
    this.taking.set(sopId, run);
  }

  /** A version of `sopId` was stored (any kind): the next change starts a new stretch. */
  versioned(sopId: string): void {
    this.since.delete(sopId);
  }

  /** Resolves when the automatic versions being taken are stored (tests, shutdown). */
  async idle(): Promise<void> {
    await Promise.all([...this.taking.values()]);
  }

  private async take(sopId: string): Promise<void> {
    const state = await this.deps.getState(sopId);
    if (!state) return;
    const snapshot = snapshotOfState(state);
    const latest = await this.deps.versions.latest(sopId);
    const key = (s: typeof snapshot) =>
      JSON.stringify([s.identity, s.actors, s.steps, s.narrative]);
    if (latest && key(latest.snapshot) === key(snapshot)) return;
    await this.deps.versions.add({
      sopId,
      label: AUTO_VERSION_LABEL,
      kind: 'auto',
      createdBy: null,
      state,
      snapshot,
      summary: null,
    });
  }
}

/** `index` that also tells `onChange` about each listing write (a stored change of that SOP). */
export function watchListing(
  index: ListingWriter,
  onChange: (sopId: string) => void,
): ListingWriter {
  return {
    async updateMeta(id, meta) {
      const out = await index.updateMeta(id, meta);
      // A change to the listing alone (e.g. a number allocated) is no editing.
      if (meta.updatedAt !== undefined) onChange(id);
      return out;
    },
  };
}
