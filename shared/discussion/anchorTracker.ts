/**
 * Keeps `thread.lastText` of step threads current enough that a thread on a
 * deleted step can still show what the step said.
 *
 * Only texts that differ from what the threads hold are recorded (in Susun's
 * browser each record is a request to the server).
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

/**
 * Starts tracking; returns a function that stops it. `record` is called for each
 * deleted step whose threads hold another text: by default it writes the discussion
 * doc (the server, or a replica that may write it); Susun's browser passes a function
 * that asks the server instead (the discussion doc is written only by the server).
 */
export function trackAnchorTexts(
  discussion: Pick<Discussion, 'getSnapshot' | 'subscribe'> &
    Partial<Pick<Discussion, 'recordStepText'>>,
  sop: StepSource,
  record: (stepId: string, text: string) => void = (id, text) => {
    discussion.recordStepText?.(id, text);
  },
): () => void {
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

  const stale = (stepId: string, text: string): boolean =>
    discussion
      .getSnapshot()
      .threads.some(
        (t) => t.anchor.kind === 'step' && t.anchor.stepId === stepId && t.lastText !== text,
      );

  const onOrder = (): void => {
    const now = new Set(sop.steps.ids());
    for (const id of present) {
      if (now.has(id)) continue;
      const text = lastSeen.get(id);
      if (text !== undefined && stale(id, text)) record(id, text);
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
