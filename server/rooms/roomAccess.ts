/**
 * What a room tells its connections about their rights: the `access` message (at join,
 * when the SOP locks or unlocks, when the transport changes a role) and the answer to an
 * update the guard refused.
 */
import type { Logger } from 'pino';
import type * as Y from 'yjs';
import { isLockedStatus } from '../../shared/access/permissions.js';
import {
  type AccessMessage,
  CloseCodes,
  type CloseReason,
  MessageType,
  type RefusedMessage,
} from '../../shared/protocol.js';
import type { RoomConnection } from './connection.js';
import { encodeJsonMessage } from './encode.js';
import type { GuardVerdict } from './updateGuard.js';

export type DocKind = 'content' | 'discussion';

export interface RoomAccessDeps {
  doc: Y.Doc;
  kind: DocKind;
  log: Logger;
  /** The room's connections now. */
  connections(): Iterable<RoomConnection>;
  has(conn: RoomConnection): boolean;
  kick(conn: RoomConnection, close: CloseReason, detail: string): void;
}

export class RoomAccess {
  private lastLocked = false;
  private watching = false;

  constructor(private readonly deps: RoomAccessDeps) {}

  /** The SOP's content is frozen (approved, revoked, superseded): no client writes. */
  get locked(): boolean {
    if (this.deps.kind !== 'content') return false;
    const status = this.deps.doc.getMap('meta').get('status');
    return typeof status === 'string' && isLockedStatus(status);
  }

  /** Start re-sending `access` when the lock changes (once the doc is loaded). */
  watch(): void {
    this.lastLocked = this.locked;
    if (this.deps.kind !== 'content' || this.watching) return;
    this.watching = true;
    this.deps.doc.getMap('meta').observe(this.onMetaChange);
  }

  unwatch(): void {
    if (!this.watching) return;
    this.watching = false;
    this.deps.doc.getMap('meta').unobserve(this.onMetaChange);
  }

  /** Tell an opted-in connection what it may do now (at join, and whenever it changes). */
  send(conn: RoomConnection): void {
    if (!conn.wantsAccess || !this.deps.has(conn)) return;
    const locked = this.locked;
    const msg: AccessMessage = {
      role: conn.access.role,
      canWrite: conn.access.canWrite && !locked && this.deps.kind === 'content',
      locked,
    };
    conn.send(encodeJsonMessage(MessageType.access, msg));
  }

  /**
   * An update was refused by the guard: nothing of it was applied. Susun's client is
   * told (and drops its diverged copy); a stock client, which cannot be told, is closed
   * with a code it does not retry.
   */
  refuse(conn: RoomConnection, verdict: GuardVerdict): void {
    this.deps.log.info(
      { conn: conn.id, user: conn.access.userId, reason: verdict.reason, detail: verdict.detail },
      'update refused',
    );
    if (conn.wantsAccess) {
      const msg: RefusedMessage = { reason: verdict.reason, detail: verdict.detail };
      conn.send(encodeJsonMessage(MessageType.refused, msg));
      return;
    }
    const close =
      verdict.reason === 'missing-deps' || verdict.reason === 'schema'
        ? CloseCodes.badUpdate
        : CloseCodes.readOnly;
    this.deps.kick(conn, close, verdict.detail);
  }

  private readonly onMetaChange = (): void => {
    const locked = this.locked;
    if (locked === this.lastLocked) return;
    this.lastLocked = locked;
    for (const conn of this.deps.connections()) this.send(conn);
  };
}
