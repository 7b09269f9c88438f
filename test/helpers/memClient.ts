/**
 * An in-memory {@link RoomConnection} with a Y.Doc of its own: it speaks the y-websocket
 * sync and awareness protocol with a room directly, no socket. Rooms are testable this
 * way because they know nothing about sockets.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import type { ConnectionAccess, RoomConnection } from '../../server/rooms/connection.js';
import type { Room } from '../../server/rooms/room.js';
import type { RoomManager } from '../../server/rooms/roomManager.js';
import { MessageType } from '../../shared/protocol.js';

export class MemClient implements RoomConnection {
  static n = 0;
  readonly id = `m${MemClient.n++}`;
  remote = 'memory';
  readonly doc = new Y.Doc();
  readonly awareness = new awarenessProtocol.Awareness(this.doc);
  closed: { code: number; reason: string } | null = null;
  storedVectors: Uint8Array[] = [];
  received = 0;
  room: Room | null = null;
  readonly wantsAccess: boolean;
  /** Susun's own messages (`access`, `refused`) received, with their JSON payload. */
  susunMessages: Array<{ type: number; json: unknown }> = [];
  readonly access: ConnectionAccess;

  constructor(
    readonly wantsStored = false,
    access: Partial<ConnectionAccess> & { wantsAccess?: boolean } = {},
  ) {
    const { wantsAccess = false, ...rights } = access;
    this.wantsAccess = wantsAccess;
    this.access = { role: 'editor', canWrite: true, approver: false, userId: 'u', ...rights };
    this.doc.on('update', (u: Uint8Array, origin: unknown) => {
      if (origin === this) return;
      const e = encoding.createEncoder();
      encoding.writeVarUint(e, MessageType.sync);
      syncProtocol.writeUpdate(e, u);
      this.push(encoding.toUint8Array(e));
    });
  }

  /** Join the document's room (as the transport does) and send sync step 1. */
  async join(rooms: RoomManager, docId: string): Promise<void> {
    this.room = await rooms.join(docId, this, () => this.closed !== null);
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, MessageType.sync);
    syncProtocol.writeSyncStep1(e, this.doc);
    this.push(encoding.toUint8Array(e));
  }

  push(msg: Uint8Array): void {
    if (!this.closed) this.room?.receive(this, msg);
  }

  send(message: Uint8Array): void {
    this.received++;
    const d = decoding.createDecoder(message);
    const type = decoding.readVarUint(d);
    if (type === MessageType.sync) {
      const e = encoding.createEncoder();
      encoding.writeVarUint(e, MessageType.sync);
      syncProtocol.readSyncMessage(d, e, this.doc, this);
      if (encoding.length(e) > 1) this.push(encoding.toUint8Array(e));
    } else if (type === MessageType.awareness) {
      awarenessProtocol.applyAwarenessUpdate(this.awareness, decoding.readVarUint8Array(d), this);
    } else if (type === MessageType.stored) {
      this.storedVectors.push(decoding.readVarUint8Array(d));
    } else if (type === MessageType.refused || type === MessageType.access) {
      this.susunMessages.push({ type, json: JSON.parse(decoding.readVarString(d)) });
    }
  }

  close(code: number, reason: string): void {
    if (this.closed) return;
    this.closed = { code, reason };
    this.room?.removeConnection(this);
  }
}
