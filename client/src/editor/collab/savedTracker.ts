import * as Y from 'yjs';

/**
 * Decides whether everything this replica holds is durably stored on the server.
 *
 * The server sends (to clients that opted in) the state vector of what it has
 * stored. "Saved" means that vector covers our local state vector: every
 * struct we have — typed here, loaded from IndexedDB, or received — is on the
 * server's disk, not merely sent.
 *
 * Why the extra "stored message after the last local change" rule: a pure
 * deletion in Yjs adds no struct, so it does not move the state vector. We
 * therefore also require a `stored` message received after our latest local
 * change was sent; the server processes one socket's messages in order and
 * reports storage after writing, so that message cannot predate our update's
 * arrival (it may, in a narrow window, be for the group commit just before it;
 * the next stored message settles it).
 */
export class SavedTracker {
  private stored: Map<number, number> | null = null;
  /** Structs the server sent us: it stores updates before broadcasting them. */
  private readonly delivered = new Map<number, number>();
  private localChangeSeq = 0;
  private storedAfterSeq = -1;

  /** Record a `stored` message (payload decoded with `Y.decodeStateVector`). */
  onStored(sv: Map<number, number>): void {
    this.mergeStored(sv);
    this.storedAfterSeq = this.localChangeSeq;
  }

  /**
   * Record the server's state vector from its sync step 1, once its sync step 2
   * has arrived: the server sends step 2 only after everything it held is
   * stored. This confirms what the server had, not our own unsent changes.
   */
  onSyncedWith(serverSv: Map<number, number>): void {
    this.mergeStored(serverSv);
  }

  private mergeStored(sv: Map<number, number>): void {
    const next = new Map(this.stored ?? []);
    for (const [client, clock] of sv) if ((next.get(client) ?? 0) < clock) next.set(client, clock);
    this.stored = next;
  }

  /**
   * Record what a transaction applying an update from the server (already stored
   * there) added to this replica: its clients' clocks after it. From the transaction's
   * state vectors, not by decoding the update again (the first sync's is the whole
   * document: decoding it twice cost 30 ms of the editor's first render).
   */
  onFromServer(tr: Pick<Y.Transaction, 'beforeState' | 'afterState'>): void {
    for (const [client, clock] of tr.afterState) {
      if (clock > (tr.beforeState.get(client) ?? 0) && (this.delivered.get(client) ?? 0) < clock)
        this.delivered.set(client, clock);
    }
  }

  /** Record a local change that has to reach the server. */
  onLocalChange(): void {
    this.localChangeSeq++;
  }

  /** Forget the server's report (e.g. after a disconnect the server may have restarted). */
  reset(): void {
    this.stored = null;
  }

  hasReport(): boolean {
    return this.stored !== null;
  }

  /** True when the stored state covers `doc` and no local change is unconfirmed. */
  isSaved(doc: Y.Doc): boolean {
    if (!this.stored) return false;
    if (this.storedAfterSeq < this.localChangeSeq) return false;
    const local = Y.decodeStateVector(Y.encodeStateVector(doc));
    for (const [client, clock] of local) {
      const have = Math.max(this.stored.get(client) ?? 0, this.delivered.get(client) ?? 0);
      if (have < clock) return false;
    }
    return true;
  }
}

/** True when state vector `a` has at least every clock of `b`. */
export function covers(a: Map<number, number>, b: Map<number, number>): boolean {
  for (const [client, clock] of b) {
    if ((a.get(client) ?? 0) < clock) return false;
  }
  return true;
}
