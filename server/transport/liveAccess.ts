/**
 * Revocation that reaches open sockets. Every accepted connection is registered with
 * the principal it authenticated as and its SOP; when an {@link AccessChange} is
 * announced (a share changed, a role lowered, an account disabled, a link revoked, a
 * logout), the connections it concerns are re-checked at once: a connection whose
 * session ended is closed with 4401, one that lost access with 4403, and one whose role
 * changed gets its new rights (a lowered editor becomes read-only before its next
 * update is applied) and, if it opted in, an `access` message. A periodic sweep catches
 * sessions that simply expired.
 */
import type { Logger } from 'pino';
import { can } from '../../shared/access/permissions.js';
import { CloseCodes } from '../../shared/protocol.js';
import type { SopAccessInfo } from '../accounts/accessService.js';
import type { AccessChange } from '../accounts/events.js';
import type { Accounts } from '../accounts/index.js';
import type { Principal } from '../accounts/principal.js';
import type { RoomConnection } from '../rooms/connection.js';
import type { Room } from '../rooms/room.js';
import { SlicedTimer } from './slices.js';

/**
 * The principal of one session (or token), shared by all its sockets. Why: a fresh
 * principal per socket — the user record, the session or token row and their strings —
 * was ~0.8 KB of every socket's heap, and a person's tabs and devices (or a meeting
 * room's worth of sockets on one account) are one principal. The newest one seen (a
 * new socket's, or a revalidation's) serves them all.
 */
interface SharedPrincipal {
  principal: Principal;
  /** Sockets registered with it. */
  sockets: number;
}

interface Entry {
  who: SharedPrincipal;
  /** Which tick of the periodic sweep re-checks it (slices.ts). */
  slot: number;
  sopId: string;
  kind: 'content' | 'discussion';
  room: Room | null;
  /** A re-check is running; another change while it runs re-checks once more after. */
  checking: Promise<void> | null;
  again: boolean;
}

export class LiveAccess {
  private readonly entries = new Map<RoomConnection, Entry>();
  private readonly principals = new Map<string, SharedPrincipal>();
  private readonly off: () => void;
  /** The periodic sweep, a slice of the sockets per tick (slices.ts). */
  private readonly sweeper: SlicedTimer;

  constructor(
    private readonly accounts: Accounts,
    private readonly log: Logger,
    sweepMs: number,
  ) {
    this.off = accounts.events.on((c) => this.onChange(c));
    this.sweeper = new SlicedTimer(sweepMs, (slot) => this.sweepSlice(slot));
  }

  add(conn: RoomConnection, principal: Principal, sopId: string, kind: Entry['kind']): void {
    this.remove(conn);
    const key = principalKey(principal);
    let who = this.principals.get(key);
    if (who) who.principal = principal;
    else {
      who = { principal, sockets: 0 };
      this.principals.set(key, who);
    }
    who.sockets++;
    const slot = this.sweeper.takeSlot();
    this.entries.set(conn, { who, slot, sopId, kind, room: null, checking: null, again: false });
  }

  setRoom(conn: RoomConnection, room: Room): void {
    const e = this.entries.get(conn);
    if (e) e.room = room;
  }

  remove(conn: RoomConnection): void {
    const e = this.entries.get(conn);
    if (!e) return;
    this.entries.delete(conn);
    if (--e.who.sockets === 0) {
      const key = principalKey(e.who.principal);
      if (this.principals.get(key) === e.who) this.principals.delete(key);
    }
  }

  /** Principals held for the registered sockets (one per session or token; tests). */
  get principalCount(): number {
    return this.principals.size;
  }

  get size(): number {
    return this.entries.size;
  }

  stop(): void {
    this.off();
    this.sweeper.stop();
  }

  /** Resolves when every re-check started so far is done (tests). */
  async settled(): Promise<void> {
    await Promise.all([...this.entries.values()].map((e) => e.checking));
  }

  private concerns(e: Entry, c: AccessChange): boolean {
    const p = e.who.principal;
    switch (c.kind) {
      case 'all':
        return true;
      case 'sop':
        return e.sopId === c.sopId;
      case 'user':
        return p.user.id === c.userId;
      case 'session':
        return p.sessionHash === c.sessionHash;
      case 'link':
        return p.user.linkId === c.linkId;
      case 'token':
        return p.token?.id === c.tokenId;
    }
  }

  private onChange(c: AccessChange): void {
    // One lookup per session (or token) and SOP for all the sockets it concerns.
    const lookups = new Lookups(this.accounts);
    for (const [conn, e] of this.entries) if (this.concerns(e, c)) this.recheck(conn, e, lookups);
  }

  /** One tick of the periodic sweep: the sockets of this tick's slice. */
  private sweepSlice(slot: number): void {
    const lookups = new Lookups(this.accounts);
    for (const [conn, e] of this.entries) if (e.slot === slot) this.recheck(conn, e, lookups);
  }

  private recheck(conn: RoomConnection, e: Entry, lookups: Lookups): void {
    if (e.checking) {
      e.again = true;
      return;
    }
    e.checking = this.check(conn, e, lookups)
      .catch((err: unknown) => this.log.error({ err, conn: conn.id }, 'access re-check failed'))
      .finally(() => {
        e.checking = null;
        if (e.again && this.entries.has(conn)) {
          e.again = false;
          // A change that came during the check: asked afresh.
          this.recheck(conn, e, new Lookups(this.accounts));
        }
      });
  }

  private async check(conn: RoomConnection, e: Entry, lookups: Lookups): Promise<void> {
    const p = await lookups.revalidate(e.who.principal);
    if (!this.entries.has(conn)) return;
    if (!p) {
      this.log.info(
        { conn: conn.id, user: e.who.principal.user.id },
        'session ended: closing socket',
      );
      this.remove(conn);
      conn.close(CloseCodes.sessionEnded.code, CloseCodes.sessionEnded.reason);
      return;
    }
    // The same key (principalKey: the session or token), so the holder stays right.
    e.who.principal = p;
    const info = await lookups.resolve(p, e.sopId);
    if (!this.entries.has(conn)) return;
    if (!info.role) {
      this.log.info(
        { conn: conn.id, user: p.user.id, sop: e.sopId },
        'access revoked: closing socket',
      );
      this.remove(conn);
      conn.close(CloseCodes.forbidden.code, CloseCodes.forbidden.reason);
      return;
    }
    const canWrite = e.kind === 'content' && can(info.role, 'edit');
    const a = conn.access;
    if (info.role === a.role && canWrite === a.canWrite && info.unitApprover === a.approver) return;
    a.role = info.role;
    a.canWrite = canWrite;
    a.approver = info.unitApprover;
    this.log.info({ conn: conn.id, user: p.user.id, role: info.role, canWrite }, 'access changed');
    e.room?.sendAccess(conn);
  }
}

/**
 * The lookups of one round of re-checks, shared: a change (or the periodic sweep) that
 * concerns many sockets of one session or token — a person's tabs and devices, a room's
 * worth of one account — revalidates it once and resolves its access to each SOP once,
 * instead of once per socket (the sweep ran every socket's queries one after another).
 */
class Lookups {
  private readonly asked = new Map<string, Promise<unknown>>();

  constructor(private readonly accounts: Accounts) {}

  revalidate(p: Principal): Promise<Principal | null> {
    return this.once(principalKey(p), () => this.accounts.auth.revalidate(p));
  }

  /** `p` as revalidated here: one principal object per key. */
  resolve(p: Principal, sopId: string): Promise<SopAccessInfo> {
    return this.once(`${principalKey(p)}\n${sopId}`, () => this.accounts.access.resolve(p, sopId));
  }

  private once<T>(key: string, ask: () => Promise<T>): Promise<T> {
    let r = this.asked.get(key) as Promise<T> | undefined;
    if (!r) {
      r = ask();
      this.asked.set(key, r);
    }
    return r;
  }
}

/** What a revalidation depends on: the session, or the token. */
function principalKey(p: Principal): string {
  if (p.sessionHash) return `s:${p.sessionHash}`;
  if (p.token) return `t:${p.token.hash}`;
  return `u:${p.user.id}`;
}
