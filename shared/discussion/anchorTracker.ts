/**
 * Keeps `thread.lastText` of step threads current enough that a thread on a
 * deleted step can still show what the step said.
 *
 * Why on deletion only: refreshing the stored text on every keystroke would
 * write to the discussion doc all the time. Instead each client keeps, in
 * memory, the latest Kegiatan of the steps that have threads, and writes it
 * to the discussion doc only when it sees such a step disappear (local or
 * remote delete). Several clients may write the same text at once; the
 * values are equal, so the LWW outcome does not matter. A client that loads
 * after the delete has no in-memory text and writes nothing (the text stored
 * at creation or by the clients present stays).
 */

import type { Discussion } from './discussion';

/** The part of `SopDoc` (shared/model) the tracker uses. */
export interface StepSource {
  steps: {
    ids(): readonly string[];
    get(id: string): { activity: string } | undefined;
    observeOrder(cb: () => void): () => void;
    observe(id: string, cb: () => void): () => void;
  };
}

/** Starts tracking; returns a function that stops it. */
export function trackAnchorTexts(discussion: Discussion, sop: StepSource): () => void {
  const lastSeen = new Map<string, string>();
  const stepSubs = new Map<string, () => void>();
  let present = new Set(sop.steps.ids());

  const remember = (id: string): void => {
    const s = sop.steps.get(id);
    if (s) lastSeen.set(id, s.activity);
  };

  /** Follows exactly the steps that have threads. */
  const syncReferenced = (): void => {
    const referenced = new Set<string>();
    for (const t of discussion.getSnapshot().threads) {
      if (t.anchor.kind === 'step') referenced.add(t.anchor.stepId);
    }
    for (const [id, off] of stepSubs) {
      if (!referenced.has(id)) {
        off();
        stepSubs.delete(id);
        lastSeen.delete(id);
      }
    }
    for (const id of referenced) {
      if (stepSubs.has(id)) continue;
      stepSubs.set(
        id,
        sop.steps.observe(id, () => remember(id)),
      );
      remember(id);
    }
  };

  const onOrder = (): void => {
    const now = new Set(sop.steps.ids());
    for (const id of present) {
      if (now.has(id)) continue;
      const text = lastSeen.get(id);
      if (text !== undefined) discussion.recordStepText(id, text);
    }
    // A re-attached step (undo of a delete) is followed again from its text.
    for (const id of now) if (!present.has(id) && stepSubs.has(id)) remember(id);
    present = now;
  };

  syncReferenced();
  const offOrder = sop.steps.observeOrder(onOrder);
  const offDiscussion = discussion.subscribe(syncReferenced);
  return () => {
    offOrder();
    offDiscussion();
    for (const off of stepSubs.values()) off();
    stepSubs.clear();
  };
}
