/**
 * A room's link to the other processes holding its document (through the
 * {@link DocFanout} port): it publishes what this room stored and its connections'
 * presence, applies what the others stored, and keeps its copy from diverging.
 *
 * - Publish only stored groups, from the room's "group stored" path, with their link
 *   `prevSeq → seq`: what a peer applies can never be lost by a crash.
 * - A peer's group is applied with {@link REMOTE_ORIGIN}: the write pipeline does not
 *   store it again but broadcasts it to this process's connections.
 * - Subscribed BEFORE the room reads storage; what arrives during the load is held and
 *   applied after (what the load already had is skipped by its sequence number).
 * - Missed messages are repaired from storage (`DocLog.readSince(watermark)`): when a
 *   link shows a gap that the next messages do not fill within `gapGraceMs` (messages of
 *   different processes may cross), and when the fan-out says messages may have been
 *   lost (reconnect, a peer restarted its link or died between storing and publishing).
 */
import type { Logger } from 'pino';
import * as Y from 'yjs';
import type { DocLog } from '../storage/docLog.js';
import type { AwarenessHub } from './awarenessHub.js';
import type { DocFanout, FannedGroup, FanoutLink, FanoutListener } from './docFanout.js';
import type { DocPipeline } from './docPipeline.js';
import type { StoredGroup } from './durableQueue.js';
import { REMOTE_ORIGIN } from './origins.js';
import { SeqChain } from './seqChain.js';

export interface RoomReplicaDeps {
  docId: string;
  doc: Y.Doc;
  fanout: DocFanout;
  docLog: Pick<DocLog, 'readSince'>;
  pipeline: DocPipeline;
  hub: AwarenessHub;
  log: Logger;
  /** How long a gap in the links may stay open before the copy catches up from storage. */
  gapGraceMs: number;
  /** The room's doc is open to changes (loading or ready, not closing). */
  ready(): boolean;
  /** A peer's rows could not be applied or read: the doc must be dropped and reloaded. */
  failed(err: unknown): void;
}

export class RoomReplica implements FanoutListener {
  private readonly chain = new SeqChain();
  private readonly link: FanoutLink;
  /** Groups received while the room loads (applied once it is loaded); null after. */
  private held: FannedGroup[] | null = [];
  private gapTimer: NodeJS.Timeout | null = null;
  /** A catch-up from storage running, and whether another was asked for meanwhile. */
  private catchingUp: Promise<void> | null = null;
  private again = false;
  /** A catch-up was asked for while the room loaded: run it once loaded. */
  private afterLoad = false;
  private closed = false;
  /** Catch-ups from storage done (tests, logs). */
  resyncs = 0;

  constructor(private readonly deps: RoomReplicaDeps) {
    this.link = deps.fanout.join(deps.docId, this);
    deps.hub.forwardTo((update) => this.link.publishAwareness(update));
  }

  /** Resolves once the document's messages are being received (read storage only after). */
  get subscribed(): Promise<void> {
    return this.link.ready;
  }

  /** Every stored row up to this sequence number is in the doc. */
  get watermark(): number {
    return this.chain.watermark;
  }

  /** The doc was loaded from rows up to `seq`: apply what arrived meanwhile, ask for presence. */
  loaded(seq: number): void {
    this.chain.caughtUpTo(seq);
    const held = this.held ?? [];
    this.held = null;
    for (const g of held) this.group(g);
    this.link.queryAwareness();
    if (this.afterLoad) {
      this.afterLoad = false;
      void this.resync();
    }
  }

  /** This room stored `group`: it extends the chain and goes to the peers. */
  localStored(group: StoredGroup): void {
    this.chain.add(group.prevSeq, group.seq);
    this.link.publishGroup({ seq: group.seq, prevSeq: group.prevSeq, rows: group.merged });
    this.checkGap();
  }

  group(g: FannedGroup): void {
    if (this.closed) return;
    if (this.held) {
      this.held.push(g);
      return;
    }
    if (!this.deps.ready() || this.chain.has(g.seq)) return;
    let bytes = 0;
    try {
      this.deps.doc.transact(() => {
        for (const row of g.rows) {
          bytes += row.length;
          Y.applyUpdate(this.deps.doc, row);
        }
      }, REMOTE_ORIGIN);
    } catch (err) {
      this.deps.failed(err);
      return;
    }
    this.chain.add(g.prevSeq, g.seq);
    this.deps.pipeline.remoteStored(
      { rows: g.rows.length, bytes, seq: g.seq },
      this.chain.watermark,
    );
    this.checkGap();
  }

  awareness(from: string, update: Uint8Array): void {
    if (!this.closed) this.deps.hub.applyPeer(from, update);
  }

  awarenessQuery(): void {
    if (this.closed) return;
    const update = this.deps.hub.localUpdate();
    if (update) this.link.publishAwareness(update);
  }

  peerGone(processId: string): void {
    if (!this.closed) this.deps.hub.dropPeer(processId);
  }

  /** Catch up from storage (joins a running catch-up, then runs once more). */
  resync(): Promise<void> {
    if (this.closed) return Promise.resolve();
    if (this.held) {
      // The load's read may have come before messages this process missed.
      this.afterLoad = true;
      return Promise.resolve();
    }
    if (this.catchingUp) {
      this.again = true;
      return this.catchingUp;
    }
    const run = this.catchUp()
      .catch((err: unknown) => {
        // Storage unreachable: the next trigger (a gap, a reconnect) tries again.
        this.deps.log.warn({ err }, 'catching up from storage failed');
      })
      .finally(() => {
        this.catchingUp = null;
        if (this.again && !this.closed) {
          this.again = false;
          void this.resync();
        }
      });
    this.catchingUp = run;
    return run;
  }

  /**
   * Resolves once the copy holds everything stored so far (a catch-up from storage that
   * runs now, after any running one); rejects when storage cannot be read. For a change
   * that must start from the latest stored state (`RoomManager.withDocs` under a lock).
   */
  async upToDate(): Promise<void> {
    if (this.closed || this.held) return;
    await this.catchingUp;
    await this.catchUp();
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.held = null;
    if (this.gapTimer) clearTimeout(this.gapTimer);
    this.gapTimer = null;
    this.deps.hub.forwardTo(null);
    this.link.close();
  }

  private async catchUp(): Promise<void> {
    if (!this.deps.ready()) return;
    const from = this.chain.watermark;
    const since = await this.deps.docLog.readSince(this.deps.docId, from);
    if (this.closed || !this.deps.ready() || !since) return;
    this.resyncs++;
    try {
      this.deps.doc.transact(() => {
        for (const u of since.updates) Y.applyUpdate(this.deps.doc, u);
      }, REMOTE_ORIGIN);
    } catch (err) {
      this.deps.failed(err);
      return;
    }
    this.chain.caughtUpTo(since.lastSeq);
    this.deps.pipeline.caughtUpTo(this.chain.watermark);
    this.deps.log.debug(
      { from, to: since.lastSeq, rows: since.updates.length },
      'caught up from storage',
    );
    this.checkGap();
  }

  /** A gap that the next messages do not fill in time is filled from storage. */
  private checkGap(): void {
    if (!this.chain.hasGap) {
      if (this.gapTimer) clearTimeout(this.gapTimer);
      this.gapTimer = null;
      return;
    }
    if (this.gapTimer || this.closed) return;
    const before = this.chain.watermark;
    this.gapTimer = setTimeout(() => {
      this.gapTimer = null;
      // Why wait: a peer's message may simply cross with this room's own append.
      if (this.chain.hasGap && this.chain.watermark === before) void this.resync();
      else this.checkGap();
    }, this.deps.gapGraceMs);
    this.gapTimer.unref?.();
  }
}
