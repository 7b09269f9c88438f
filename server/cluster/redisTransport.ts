/**
 * Redis pub/sub under a {@link ClusterNode} (`REDIS_URL`), with ioredis: one connection
 * subscribes (ioredis re-subscribes after a reconnect), another publishes.
 *
 * Why the publishing connection has no offline queue: during an outage, publishes would
 * pile up in memory and arrive late and out of date; they fail instead, and the peers
 * learn that this process may have lost messages from its next heartbeat's epoch (bumped
 * at every reconnect), then catch up from storage. Redis holds nothing Susun needs to
 * keep: it may restart at any time.
 */
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { ClusterNode, PubSubTransport } from './clusterNode.js';

/** Longest wait for Redis at start; past it the server starts anyway and links up later. */
const START_WAIT_MS = 5000;

export class RedisTransport implements PubSubTransport {
  private readonly sub: Redis;
  private readonly pub: Redis;
  private readonly channels = new Set<string>();
  private subDown = false;
  private pubDown = false;
  private closed = false;

  constructor(
    url: string,
    private readonly node: ClusterNode,
    private readonly log: Logger,
  ) {
    const common = {
      // Retry forever, at most every 2 s: Redis may restart.
      retryStrategy: (times: number) => Math.min(50 * times, 2000),
      maxRetriesPerRequest: null,
      connectionName: `susun-${node.processId}`,
    };
    this.sub = new Redis(url, { ...common, autoResubscribe: true });
    this.pub = new Redis(url, { ...common, enableOfflineQueue: false });
    this.sub.on('messageBuffer', (channel: Buffer, message: Buffer) => {
      node.receive(
        channel.toString('utf8'),
        new Uint8Array(message.buffer, message.byteOffset, message.byteLength),
      );
    });
    this.sub.on('ready', () => void this.onSubReady());
    this.pub.on('ready', () => {
      if (!this.pubDown) return;
      this.pubDown = false;
      node.publisherReconnected();
    });
    for (const [name, conn] of [
      ['subscriber', this.sub],
      ['publisher', this.pub],
    ] as const) {
      conn.on('error', (err: Error) => {
        // ioredis reports every failed reconnect attempt: once per outage is enough.
        const down = name === 'subscriber' ? this.subDown : this.pubDown;
        if (!down && !this.closed) log.warn({ err: err.message, link: name }, 'Redis link error');
      });
      conn.on('close', () => {
        if (this.closed) return;
        if (name === 'subscriber') this.subDown = true;
        else this.pubDown = true;
      });
    }
  }

  /** Waits (a bounded time) for both links, so a healthy start has live subscriptions at once. */
  async waitConnected(): Promise<boolean> {
    const ready = (r: Redis) =>
      r.status === 'ready' ? Promise.resolve() : new Promise<void>((res) => r.once('ready', res));
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<boolean>((res) => {
      timer = setTimeout(() => res(false), START_WAIT_MS);
    });
    const both = Promise.all([ready(this.sub), ready(this.pub)]).then(() => true);
    const ok = await Promise.race([both, timeout]);
    clearTimeout(timer);
    if (!ok) this.log.warn('Redis not reachable at start: running alone until it is');
    return ok;
  }

  get connected(): boolean {
    return this.sub.status === 'ready' && !this.subDown;
  }

  publish(channel: string, message: Uint8Array): void {
    if (this.closed || this.pub.status !== 'ready') return;
    this.pub
      .publish(channel, Buffer.from(message.buffer, message.byteOffset, message.byteLength))
      .catch((err: unknown) => this.log.debug({ err }, 'publish failed'));
  }

  subscribe(channel: string): Promise<void> {
    this.channels.add(channel);
    return this.sub.subscribe(channel).then(() => {});
  }

  unsubscribe(channel: string): void {
    this.channels.delete(channel);
    if (this.sub.status === 'ready')
      this.sub.unsubscribe(channel).catch((err: unknown) => this.log.debug({ err }, 'unsubscribe'));
  }

  /** Close both links (after the node said goodbye: the publish is flushed first). */
  async close(): Promise<void> {
    if (this.closed) return;
    // Let the goodbye go out before the link closes (QUIT waits for earlier replies).
    await this.pub.quit().catch(() => {});
    this.closed = true;
    this.sub.disconnect();
    this.pub.disconnect();
  }

  private async onSubReady(): Promise<void> {
    if (!this.subDown) return;
    // ioredis re-subscribes on its own; subscribing again (a no-op for Redis) makes sure
    // every channel is live before the documents catch up.
    try {
      if (this.channels.size > 0) await this.sub.subscribe(...this.channels);
    } catch (err) {
      this.log.warn({ err }, 're-subscribing failed');
      return;
    }
    this.subDown = false;
    this.node.subscriberReconnected();
  }
}
