/** Per-user undo over the model's types. */
import * as Y from 'yjs';
import { APPROVER_FIELDS, IDENTITY_TEXT_FIELDS, LIST_BOXES, root } from './layout.js';
import type { SopDoc } from './sopDoc.js';

export interface UndoOptions {
  /** Origins to track (default: `[sop.origin]`, i.e. `Origin.local`). Never include remote/provider origins. */
  trackedOrigins?: unknown[];
  /**
   * Also track the narrative fragments, including sections added later
   * (default false: TipTap's own y-undo plugin usually handles them; if true,
   * add TipTap's `ySyncPluginKey` to `trackedOrigins` so editor typing is tracked).
   */
  narrative?: boolean;
  /** Edits closer than this (ms) merge into one undo step (Yjs default 500). */
  captureTimeout?: number;
}

/**
 * A `Y.UndoManager` over identity, lists, actors and steps (and optionally
 * narrative). It only records transactions whose origin is tracked — this
 * user's — so undo never reverts a collaborator's edit. `meta` is not tracked
 * (timestamps and status are not undoable edits).
 */
export function createUndoManager(sop: SopDoc, opts: UndoOptions = {}): Y.UndoManager {
  const d = sop.doc;
  // biome-ignore lint/suspicious/noExplicitAny: Y.UndoManager's scope type is AbstractType<any>
  const scope: Array<Y.AbstractType<any>> = [
    ...IDENTITY_TEXT_FIELDS.map((f) => root.identityText(d, f)),
    ...APPROVER_FIELDS.map((f) => root.approverText(d, f)),
    ...LIST_BOXES.map((b) => root.list(d, b)),
    root.actors(d),
    root.steps(d),
  ];
  const um = new Y.UndoManager(scope, {
    trackedOrigins: new Set(opts.trackedOrigins ?? [sop.origin]),
    captureTimeout: opts.captureTimeout ?? 500,
  });
  if (opts.narrative) {
    // Sections can appear after creation (typically: the manager is created
    // before the first sync), so keep the scope in step with the index.
    const addSections = () => {
      um.addToScope([
        root.narrativeIndex(d),
        ...sop.narrative.keys().map((k) => root.narrative(d, k)),
      ]);
    };
    addSections();
    const off = sop.narrative.observe(addSections);
    const destroy = um.destroy.bind(um);
    um.destroy = () => {
      off();
      destroy();
    };
  }
  return um;
}
