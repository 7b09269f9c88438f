/**
 * The port through which a room reaches the other server processes that hold the same
 * document (several processes behind a load balancer, `REDIS_URL`). The rooms know only
 * this interface; `server/cluster/redisFanout.ts` implements it over Redis pub/sub and
 * `server/cluster/memoryFanout.ts` in memory (tests: several room managers in one process).
 *
 * What travels: stored groups (only after they are stored: a process publishes from its
 * room's "group stored" path, so nothing a peer receives can be lost by a crash) and the
 * presence of each process's own connections. Delivery is best effort; what a process
 * misses it reads back from storage (`DocLog.readSince`) when told to {@link
 * FanoutListener.resync}, or when the links of the groups it receives show a gap.
 */

/** A stored group of one document, as announced between processes. */
export interface FannedGroup {
  /** Sequence number of the group's last row. */
  seq: number;
  /** The document's last sequence number before the group (see `AppendedRows`). */
  prevSeq: number;
  /** The stored rows of the group. */
  rows: Uint8Array[];
}

/** What a room hears from the other processes holding its document. */
export interface FanoutListener {
  /** Another process stored a group of this document. */
  group(group: FannedGroup): void;
  /** Presence of another process's connections changed (an encoded awareness update). */
  awareness(from: string, update: Uint8Array): void;
  /** Another process opened the document and asks for the presence of this process's connections. */
  awarenessQuery(from: string): void;
  /**
   * Messages may have been missed (the fan-out reconnected, a peer's publishing link
   * broke, a peer died between storing and publishing): catch up from storage.
   */
  resync(): void;
  /** A peer process went away (shut down, or stopped beating): drop its presence entries. */
  peerGone(processId: string): void;
}

/** One room's subscription to its document's fan-out. */
export interface FanoutLink {
  /**
   * Resolves once messages of the document are being received — or at once when the
   * fan-out is down (a {@link FanoutListener.resync} follows when it is back). A room
   * subscribes before it reads storage, so nothing stored after its read is missed.
   */
  readonly ready: Promise<void>;
  /** Announce a group this process stored. */
  publishGroup(group: FannedGroup): void;
  /** Announce a presence change of this process's connections (an encoded awareness update). */
  publishAwareness(update: Uint8Array): void;
  /** Ask the other processes for their connections' presence (the room just opened). */
  queryAwareness(): void;
  /** Stop receiving (the room closed). Idempotent. */
  close(): void;
}

export interface DocFanout {
  /** This process's id among its peers. */
  readonly processId: string;
  /** Subscribe `listener` to the document's messages. */
  join(docId: string, listener: FanoutListener): FanoutLink;
}
