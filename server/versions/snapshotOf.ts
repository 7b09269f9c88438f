/** The plain snapshot of a stored Yjs state, as versions keep it. */
import * as Y from 'yjs';
import {
  ModelError,
  migrate,
  Origin,
  type SopSnapshot,
  toSnapshot,
} from '../../shared/model/index.js';

/**
 * Reads `state` into a fresh doc, migrates it and returns its snapshot. A schema newer
 * than this server's keeps what this server can read (the read is total).
 */
export function snapshotOfState(state: Uint8Array): SopSnapshot {
  const doc = new Y.Doc();
  try {
    Y.applyUpdate(doc, state, Origin.load);
    try {
      migrate(doc);
    } catch (err) {
      if (!(err instanceof ModelError)) throw err;
    }
    return toSnapshot(doc);
  } finally {
    doc.destroy();
  }
}
