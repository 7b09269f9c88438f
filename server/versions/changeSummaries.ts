/**
 * Every version stores what changed since the SOP's previous version (issue 16): a
 * {@link VersionStore} wrapper that, on `add`, diffs the new snapshot against the latest
 * stored one (shared/model/diff.ts) and stores the counts with it. Wrapping the store
 * once (server.ts) covers every caller — review end, approval, named, automatic and
 * pre-restore versions — without each of them knowing.
 */
import { diffSnapshots, summarizeDiff } from '../../shared/model/diff.js';
import type { SopSnapshot } from '../../shared/model/types.js';
import type { NewVersion, VersionChanges, VersionMeta, VersionStore } from './types.js';

/** The changes from `prev` (null: none, the first version) to `next`. */
export function changesSince(
  prev: { id: string; snapshot: SopSnapshot } | null,
  next: SopSnapshot,
): VersionChanges {
  if (!prev)
    return {
      base: null,
      steps: { added: 0, removed: 0, moved: 0, changed: 0 },
      actors: 0,
      identity: 0,
      narrative: 0,
    };
  return { base: prev.id, ...summarizeDiff(diffSnapshots(prev.snapshot, next)) };
}

export interface ChangeSummaryStore extends VersionStore {
  /** The latest version of an SOP with its snapshot, or null. */
  latest(sopId: string): Promise<{ meta: VersionMeta; snapshot: SopSnapshot } | null>;
}

/**
 * `store` with change summaries. Adds of one SOP run one after the other, so two
 * versions taken at once are each compared with the one before them.
 */
export function withChangeSummaries(
  store: VersionStore,
  opts: { onAdded?: (meta: VersionMeta) => void } = {},
): ChangeSummaryStore {
  const queues = new Map<string, Promise<unknown>>();
  async function latest(sopId: string) {
    const [meta] = await store.list(sopId);
    if (!meta) return null;
    const full = await store.get(sopId, meta.id);
    return full ? { meta, snapshot: full.snapshot } : null;
  }
  function serial<T>(sopId: string, fn: () => Promise<T>): Promise<T> {
    const prev = queues.get(sopId) ?? Promise.resolve();
    const run = prev.then(fn, fn);
    const settled = run.catch(() => {});
    queues.set(sopId, settled);
    void settled.then(() => {
      if (queues.get(sopId) === settled) queues.delete(sopId);
    });
    return run;
  }
  return {
    ...store,
    latest,
    add(v: NewVersion) {
      return serial(v.sopId, async () => {
        let changes = v.changes;
        if (changes === undefined) {
          const prev = await latest(v.sopId);
          changes = changesSince(prev && { id: prev.meta.id, snapshot: prev.snapshot }, v.snapshot);
        }
        const meta = await store.add({ ...v, changes });
        opts.onAdded?.(meta);
        return meta;
      });
    },
  };
}
