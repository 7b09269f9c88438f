/**
 * One Susun process among several: the {@link DocFanout} the rooms use, over a pub/sub
 * transport (Redis in production: `redisTransport.ts`; in memory for tests:
 * `memoryBroker.ts`). It routes document messages to the room that holds the document,
 * keeps the table of live peers, and relays access changes.
 *
 * Knowing when messages may have been lost is this file's job (the rooms then catch up
 * from storage, see `RoomReplica`):
 * - this process's subscriptions reconnected: everything published meanwhile is lost;
 * - a peer's publishing link reconnected (its heartbeat's `epoch` changed): what it
 *   published while down is lost;
 * - a peer went away without a goodbye (no heartbeat for three beats: killed, or cut off):
 *   it may have stored a group and died before publishing it;
 * - while this process's subscriptions are down, documents catch up at every beat, so
 *   clients of different processes still see each other (late) during a Redis outage.
 * A gap inside one document's stream is found by the room itself (the links of groups).
 */
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import type { Logger } from 'pino';
import type { AccessChange } from '../accounts/events.js';
import type { DocFanout, FanoutLink, FanoutListener } from '../rooms/docFanout.js';
import { decodeWire, encodeWire, type WireMessage } from './wire.js';

/** What the node needs from a pub/sub system. Delivery is best effort, per publisher in order. */
export interface PubSubTransport {
  /** Subscriptions are live now (false while reconnecting). */
  readonly connected: boolean;
  /** Best effort: a failure (link down) is swallowed; the heartbeat epoch tells the peers. */
  publish(channel: string, message: Uint8Array): void;
  /** Resolves once subscribed (kept across reconnects). */
  subscribe(channel: string): Promise<void>;
  unsubscribe(channel: string): void;
}

export interface ClusterNodeOptions {
  /** Channel name prefix (several deployments on one Redis). Default `susun:`. */
  prefix?: string;
  /** Heartbeat period; a peer silent for three of them is gone. */
  heartbeatMs: number;
  log: Logger;
  /** This process's id (default: host, pid and random bytes). */
  processId?: string;
}

interface Peer {
  lastSeen: number;
  epoch: number;
}

/** Beats a peer may miss before it is taken as gone. */
const MISSED_BEATS = 3;

export class ClusterNode implements DocFanout {
  readonly processId: string;
  private readonly prefix: string;
  private readonly docs = new Map<string, Set<FanoutListener>>();
  private readonly peers = new Map<string, Peer>();
  private readonly accessListeners = new Set<(c: AccessChange) => void>();
  private transport: PubSubTransport | null = null;
  private epoch = 0;
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(private readonly options: ClusterNodeOptions) {
    this.prefix = options.prefix ?? 'susun:';
    this.processId =
      options.processId ?? `${os.hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`;
  }

  /** The transport to use (set before {@link start}; the transport calls back into the node). */
  attach(transport: PubSubTransport): void {
    this.transport = transport;
  }

  get clusterChannel(): string {
    return `${this.prefix}cluster`;
  }

  docChannel(docId: string): string {
    return `${this.prefix}doc:${docId}`;
  }

  /** The subscriptions are live (false while the pub/sub link is down). */
  get connected(): boolean {
    return this.transport?.connected ?? false;
  }

  /** Peers heard from within the last three beats. */
  get livePeers(): string[] {
    return [...this.peers.keys()];
  }

  /** Subscribe to the cluster channel and start beating. */
  async start(): Promise<void> {
    const t = this.need();
    const subscribed = t.subscribe(this.clusterChannel);
    // Not waiting forever for a Redis that is down: the node works once it is back.
    if (t.connected) await subscribed;
    else subscribed.catch(() => {});
    this.beat();
    this.timer = setInterval(() => this.tick(), this.options.heartbeatMs);
    this.timer.unref();
  }

  /** Say goodbye (peers drop this process's presence at once) and stop. */
  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.send(this.clusterChannel, { type: 'bye', from: this.processId });
  }

  join(docId: string, listener: FanoutListener): FanoutLink {
    const t = this.need();
    const channel = this.docChannel(docId);
    let set = this.docs.get(docId);
    let ready: Promise<void> = Promise.resolve();
    if (!set) {
      set = new Set();
      this.docs.set(docId, set);
      const subscribed = t.subscribe(channel);
      subscribed.catch((err: unknown) =>
        this.options.log.warn({ err, docId }, 'fan-out subscription failed'),
      );
      // Down: the room loads now; the reconnect that follows makes it catch up.
      if (t.connected) ready = subscribed.catch(() => {});
    }
    set.add(listener);
    let closed = false;
    return {
      ready,
      publishGroup: (group) => {
        if (!closed) this.send(channel, { type: 'group', from: this.processId, group });
      },
      publishAwareness: (update) => {
        if (!closed) this.send(channel, { type: 'awareness', from: this.processId, update });
      },
      queryAwareness: () => {
        if (!closed) this.send(channel, { type: 'awareness-query', from: this.processId });
      },
      close: () => {
        if (closed) return;
        closed = true;
        const s = this.docs.get(docId);
        s?.delete(listener);
        if (s && s.size === 0) {
          this.docs.delete(docId);
          t.unsubscribe(channel);
        }
      },
    };
  }

  /** Announce an access change made on this process to the others. */
  publishAccess(change: AccessChange): void {
    this.send(this.clusterChannel, { type: 'access', from: this.processId, change });
  }

  /** Hear access changes made on other processes. */
  onAccess(fn: (c: AccessChange) => void): () => void {
    this.accessListeners.add(fn);
    return () => this.accessListeners.delete(fn);
  }

  /** A message arrived on `channel` (called by the transport). */
  receive(channel: string, bytes: Uint8Array): void {
    let m: WireMessage | null;
    try {
      m = decodeWire(bytes);
    } catch (err) {
      this.options.log.warn({ err, channel }, 'undecodable fan-out message dropped');
      return;
    }
    if (!m || m.from === this.processId) return;
    if (channel === this.clusterChannel) this.onCluster(m);
    else if (channel.startsWith(`${this.prefix}doc:`))
      this.onDoc(channel.slice(this.prefix.length + 4), m);
  }

  /** This process's subscriptions came back after a break (called by the transport). */
  subscriberReconnected(): void {
    this.options.log.info('fan-out reconnected: documents catch up from storage');
    // Peers could not be heard meanwhile: not a reason to take them as gone.
    const now = Date.now();
    for (const p of this.peers.values()) p.lastSeen = now;
    this.resyncAll(true);
  }

  /** This process's publishing link came back (called by the transport): tell the peers. */
  publisherReconnected(): void {
    this.epoch++;
    this.beat();
  }

  /** One beat: announce, expire silent peers, catch up while unsubscribed (the timer calls it). */
  tick(): void {
    this.beat();
    const t = this.transport;
    if (t && !t.connected) {
      this.resyncAll(false);
      return;
    }
    const deadline = Date.now() - MISSED_BEATS * this.options.heartbeatMs;
    for (const [id, p] of this.peers)
      if (p.lastSeen < deadline) this.peerGone(id, 'no heartbeat', true);
  }

  private beat(): void {
    this.send(this.clusterChannel, { type: 'heartbeat', from: this.processId, epoch: this.epoch });
  }

  private onCluster(m: WireMessage): void {
    switch (m.type) {
      case 'heartbeat': {
        const known = this.peers.get(m.from);
        this.peers.set(m.from, { lastSeen: Date.now(), epoch: m.epoch });
        // epoch -1: first heard through a document message, its epoch not known yet.
        if (known && known.epoch >= 0 && known.epoch !== m.epoch) {
          this.options.log.info({ peer: m.from }, 'peer reconnected: documents catch up');
          this.resyncAll(false);
        }
        return;
      }
      case 'bye':
        this.peerGone(m.from, 'shut down', false);
        return;
      case 'access':
        for (const fn of [...this.accessListeners]) {
          try {
            fn(m.change);
          } catch (err) {
            this.options.log.error({ err }, 'access change listener failed');
          }
        }
        return;
      default:
        return;
    }
  }

  private onDoc(docId: string, m: WireMessage): void {
    const set = this.docs.get(docId);
    if (!set) return;
    // A message from a peer not heard of yet: it is alive.
    if (!this.peers.has(m.from)) this.peers.set(m.from, { lastSeen: Date.now(), epoch: -1 });
    for (const l of [...set]) {
      try {
        if (m.type === 'group') l.group(m.group);
        else if (m.type === 'awareness') l.awareness(m.from, m.update);
        else if (m.type === 'awareness-query') l.awarenessQuery(m.from);
      } catch (err) {
        this.options.log.error({ err, docId }, 'fan-out message handling failed');
      }
    }
  }

  private peerGone(id: string, why: string, resync: boolean): void {
    if (!this.peers.delete(id)) {
      // A goodbye from a peer never heard: its presence may still be here.
      if (resync) return;
    }
    this.options.log.info({ peer: id, why }, 'peer process gone');
    for (const set of this.docs.values())
      for (const l of set) {
        l.peerGone(id);
        // It may have stored a group and died before publishing it.
        if (resync) l.resync();
      }
  }

  private resyncAll(queryAwareness: boolean): void {
    for (const [docId, set] of this.docs) {
      for (const l of set) l.resync();
      if (queryAwareness)
        this.send(this.docChannel(docId), { type: 'awareness-query', from: this.processId });
    }
  }

  private send(channel: string, m: WireMessage): void {
    this.transport?.publish(channel, encodeWire(m));
  }

  private need(): PubSubTransport {
    if (!this.transport) throw new Error('cluster node has no transport');
    return this.transport;
  }
}
