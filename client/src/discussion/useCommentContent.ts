import type { AnchorContext } from '@shared/discussion/index';
import type { SopDoc } from '@shared/model/index';
import type { SopSnapshot } from '@shared/model/types';
import { useCallback, useMemo, useSyncExternalStore } from 'react';

/**
 * What the comment panel needs of the content: steps in procedure order, the
 * narrative fragments and the section keys.
 *
 * Why not just `snapshot.steps`: the editor's snapshot is debounced (it
 * settles ~300 ms after the last edit), so a step added and commented within
 * that window would not be in it and its thread would briefly show "step
 * deleted"; likewise an undone delete would stay "deleted" until the snapshot
 * caught up. Membership and order therefore come from the live model
 * (`steps.ids()`, which changes only on structural edits, not on typing); only
 * the Kegiatan text shown next to a group comes from the snapshot, falling
 * back to the live step for steps the snapshot does not know yet.
 */
export function useCommentContent(sop: SopDoc, snapshot: SopSnapshot): AnchorContext {
  const subOrder = useCallback((cb: () => void) => sop.steps.observeOrder(cb), [sop]);
  const ids = useSyncExternalStore(subOrder, () => sop.steps.ids());
  const subSections = useCallback((cb: () => void) => sop.narrative.observe(cb), [sop]);
  const sections = useSyncExternalStore(subSections, () => sop.narrative.keys());
  return useMemo(() => {
    const text = new Map(snapshot.steps.map((s) => [s.id, s.activity]));
    return {
      steps: ids.map((id) => ({
        id,
        activity: text.get(id) ?? sop.steps.get(id)?.activity ?? '',
      })),
      fragment: (k: string) => sop.narrative.fragment(k),
      sections,
    };
  }, [ids, sections, snapshot, sop]);
}
