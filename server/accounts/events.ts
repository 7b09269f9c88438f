/**
 * Access changes, announced by whatever changed them (a share, a role, a revoked link,
 * a logout, an approval) and heard by the socket transport, which re-checks the open
 * connections concerned at once: revocation reaches a connected person within the
 * same event-loop turn, not at their next reconnect.
 */
export type AccessChange =
  | { kind: 'sop'; sopId: string }
  | { kind: 'user'; userId: string }
  | { kind: 'session'; sessionHash: string }
  | { kind: 'link'; linkId: string }
  | { kind: 'token'; tokenId: string }
  | { kind: 'all' };

export class AccessEvents {
  private readonly listeners = new Set<(c: AccessChange) => void>();

  on(fn: (c: AccessChange) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  emit(change: AccessChange): void {
    for (const fn of [...this.listeners]) {
      try {
        fn(change);
      } catch {
        // A listener's failure must not stop the change from reaching the others.
      }
    }
  }
}
