import type * as Y from 'yjs';

/**
 * Calls `listener` after every transaction of `doc` that changed its content: a type
 * changed or something was deleted. The app's "the document changed" signal.
 *
 * Why not the document's `update` event: Yjs encodes each transaction into an update for
 * its `update` listeners, so while any listens, every update the server sends — its whole
 * first sync included — is encoded a second time for nobody (CollabSession steps its own
 * listeners aside while the server's updates apply). Returns the unsubscribe function.
 */
export function onDocChange(doc: Y.Doc, listener: () => void): () => void {
  const onTransaction = (tr: Y.Transaction) => {
    if (tr.changed.size > 0 || tr.deleteSet.clients.size > 0) listener();
  };
  doc.on('afterTransaction', onTransaction);
  return () => doc.off('afterTransaction', onTransaction);
}
