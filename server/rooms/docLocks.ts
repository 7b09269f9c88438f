/**
 * The port through which {@link RoomManager.withDocs} serialises the server's own changes
 * across processes (implemented with PostgreSQL advisory locks in cluster/docLocks.ts).
 */
export interface DocLocks {
  /**
   * Runs `fn` holding the lock of every key (taken in sorted order, so two holders of
   * overlapping sets cannot deadlock), released when `fn` settles.
   */
  hold<T>(keys: readonly string[], fn: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
