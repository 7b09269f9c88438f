/**
 * A room's presence: the awareness states of its connections, who may publish which
 * client id, and the fan-out of every change. The server has no presence of its own.
 *
 * Ownership rule: a connection publishes only the client ids it introduced (at most
 * {@link MAX_AWARENESS_IDS}); its states are removed when it leaves. See {@link mayPublish}.
 *
 * Several processes (fan-out): the changes of this process's connections are forwarded
 * ({@link forwardTo}); entries from peer processes are trusted (the peer applied the same
 * rules to its own connections) and owned by that peer until it removes them, a local
 * connection claims the id with a newer clock (the person reconnected here), or the peer
 * goes away ({@link dropPeer}).
 */
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import type * as Y from 'yjs';
import type { RoomConnection } from './connection.js';
import { encodeAwareness } from './encode.js';
import { REMOTE_ORIGIN } from './origins.js';
import type { AwarenessEntry } from './validate.js';
import { decodeAwarenessEntries } from './validate.js';

/** Most awareness client ids one connection may carry. */
export const MAX_AWARENESS_IDS = 4;

export class AwarenessHub {
  readonly awareness: awarenessProtocol.Awareness;
  /** Awareness client ids each connection introduced (may publish only these). */
  private readonly controlled = new Map<RoomConnection, Set<number>>();
  /** Awareness client id → the connection allowed to publish it (inverse of `controlled`). */
  private readonly owners = new Map<number, RoomConnection>();
  /** Awareness client id → the peer process that published it. */
  private readonly peerOwners = new Map<number, string>();
  /** Where the changes of this process's connections go (the fan-out); none: one process. */
  private forward: ((update: Uint8Array) => void) | null = null;

  /** `fanOut` sends a message to every connection of the room. */
  constructor(
    doc: Y.Doc,
    private readonly fanOut: (message: Uint8Array) => void,
  ) {
    this.awareness = new awarenessProtocol.Awareness(doc);
    this.awareness.setLocalState(null);
    this.awareness.on('update', this.onUpdate);
  }

  join(conn: RoomConnection): void {
    if (!this.controlled.has(conn)) this.controlled.set(conn, new Set());
  }

  /** The connection left: its ids are free again and their states are removed (and fanned out). */
  leave(conn: RoomConnection): void {
    const ids = this.controlled.get(conn);
    if (!ids) return;
    this.controlled.delete(conn);
    for (const id of ids) if (this.owners.get(id) === conn) this.owners.delete(id);
    if (ids.size > 0) awarenessProtocol.removeAwarenessStates(this.awareness, [...ids], null);
  }

  /** Every current state as one message (for a newcomer or a query); null when there is none. */
  statesMessage(): Uint8Array | null {
    const states = this.awareness.getStates();
    return states.size > 0 ? encodeAwareness(this.awareness, [...states.keys()]) : null;
  }

  /** The connection that publishes awareness for `clientId` (a map lookup: joins stay O(1)). */
  ownerOf(clientId: number): RoomConnection | undefined {
    return this.owners.get(clientId);
  }

  /**
   * Apply the entries of an awareness message from `conn` that it may publish (the
   * others are dropped: stock clients forward others' states). Entries are validated
   * and bounded by the caller.
   */
  publish(conn: RoomConnection, entries: readonly AwarenessEntry[]): void {
    const controlled = this.controlled.get(conn);
    if (!controlled) return;
    const firstMessage = controlled.size === 0;
    const kept = entries.filter((e) => this.mayPublish(conn, controlled, e, firstMessage));
    if (kept.length === 0) return;
    for (const e of kept) if (!e.removed) this.claim(conn, controlled, e.clientId);
    awarenessProtocol.applyAwarenessUpdate(this.awareness, encodeEntries(kept), conn);
  }

  /** Send the changes of this process's connections to `fn` too (encoded awareness updates). */
  forwardTo(fn: ((update: Uint8Array) => void) | null): void {
    this.forward = fn;
  }

  /** The states of this process's connections as one encoded awareness update; null: none. */
  localUpdate(): Uint8Array | null {
    const ids = [...this.owners.keys()].filter((id) => this.awareness.getStates().has(id));
    return ids.length > 0 ? awarenessProtocol.encodeAwarenessUpdate(this.awareness, ids) : null;
  }

  /**
   * Apply presence published by peer process `from` (trusted: it applied the ownership
   * rules to its own connections). An id a local connection owned moves to the peer: the
   * person reconnected there, and the local connection's leaving must not remove it.
   */
  applyPeer(from: string, update: Uint8Array): void {
    let entries: ReturnType<typeof decodeAwarenessEntries>;
    try {
      entries = decodeAwarenessEntries(update);
    } catch {
      return;
    }
    for (const e of entries) {
      const seen = this.awareness.meta.get(e.clientId);
      // Older than what is known: Yjs ignores it, so ownership must not move either.
      if (seen !== undefined && e.clock < seen.clock) continue;
      if (e.removed) {
        if (this.peerOwners.get(e.clientId) === from) this.peerOwners.delete(e.clientId);
        continue;
      }
      const local = this.owners.get(e.clientId);
      if (local) {
        this.owners.delete(e.clientId);
        this.controlled.get(local)?.delete(e.clientId);
      }
      this.peerOwners.set(e.clientId, from);
    }
    awarenessProtocol.applyAwarenessUpdate(this.awareness, update, REMOTE_ORIGIN);
  }

  /** Peer process `from` went away: its entries are removed (and the removal fanned out locally). */
  dropPeer(from: string): void {
    const ids: number[] = [];
    for (const [id, owner] of this.peerOwners) if (owner === from) ids.push(id);
    for (const id of ids) this.peerOwners.delete(id);
    if (ids.length > 0) awarenessProtocol.removeAwarenessStates(this.awareness, ids, REMOTE_ORIGIN);
  }

  /** Forget everything without fanning out (the room is gone). */
  destroy(): void {
    this.forward = null;
    this.controlled.clear();
    this.owners.clear();
    this.peerOwners.clear();
    this.awareness.off('update', this.onUpdate);
    this.awareness.destroy();
  }

  /**
   * Whether `conn` may publish entry `e`. Nobody publishes for an id another live
   * connection owns (the entry is dropped, not the connection: stock clients forward
   * others' states) — except a reconnect of the same client from the same address whose
   * old socket is still half-open, in its first message: it takes the id over. A
   * connection owns at most MAX_AWARENESS_IDS ids. An id whose owner has left may be
   * claimed (or taken over) only with a newer clock than the room has seen, which a
   * forwarded copy never has.
   */
  private mayPublish(
    conn: RoomConnection,
    controlled: Set<number>,
    e: AwarenessEntry,
    firstMessage: boolean,
  ): boolean {
    const owner = this.owners.get(e.clientId);
    if (owner === conn) return true;
    const seen = this.awareness.meta.get(e.clientId);
    const newer = seen === undefined || e.clock > seen.clock;
    // Taking over an id is for the same person reconnecting (their old socket half-open).
    if (owner)
      return (
        firstMessage &&
        owner.access.userId === conn.access.userId &&
        owner.remote === conn.remote &&
        newer &&
        !e.removed
      );
    if (e.removed) return false;
    return controlled.size < MAX_AWARENESS_IDS && newer;
  }

  /** Make `conn` the only connection allowed to publish awareness for `clientId`. */
  private claim(conn: RoomConnection, controlled: Set<number>, clientId: number): void {
    const previous = this.owners.get(clientId);
    if (previous === conn) return;
    if (previous) this.controlled.get(previous)?.delete(clientId);
    controlled.add(clientId);
    this.owners.set(clientId, conn);
    this.peerOwners.delete(clientId);
  }

  private readonly onUpdate = (
    changes: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ): void => {
    const changed = [...changes.added, ...changes.updated, ...changes.removed];
    if (changed.length === 0) return;
    this.fanOut(encodeAwareness(this.awareness, changed));
    // Only what this process's connections changed goes to the peers (each process
    // expires stale remote states itself: 'timeout' removals stay local).
    if (this.forward && origin !== REMOTE_ORIGIN && origin !== 'timeout')
      this.forward(awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed));
  };
}

function encodeEntries(entries: readonly AwarenessEntry[]): Uint8Array {
  const enc = encoding.createEncoder();
  encoding.writeVarUint(enc, entries.length);
  for (const e of entries) {
    encoding.writeVarUint(enc, e.clientId);
    encoding.writeVarUint(enc, e.clock);
    encoding.writeVarUint8Array(enc, e.raw);
  }
  return encoding.toUint8Array(enc);
}
