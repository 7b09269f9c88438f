/**
 * In-memory pub/sub for {@link ClusterNode}s in one process (tests: several room managers
 * over one store, with messages that a test can hold back, drop, or cut off). Delivery is
 * asynchronous (a macrotask later) and in publish order, like Redis pub/sub.
 */
import type { ClusterNode, PubSubTransport } from './clusterNode.js';

interface Member {
  node: ClusterNode;
  channels: Set<string>;
  connected: boolean;
}

export class MemoryBroker {
  private readonly members = new Set<Member>();
  /** Return false to drop a message (a lost publish) instead of delivering it. */
  filter: ((channel: string, message: Uint8Array, from: ClusterNode) => boolean) | null = null;
  /** Messages published so far (counted whether delivered or not). */
  published = 0;

  /** A transport for `node` (attached to it). */
  connect(node: ClusterNode): PubSubTransport & { cut(): void; restore(): void } {
    const m: Member = { node, channels: new Set(), connected: true };
    this.members.add(m);
    const broker = this;
    const transport = {
      get connected() {
        return m.connected;
      },
      publish(channel: string, message: Uint8Array) {
        if (!m.connected) return;
        broker.published++;
        if (broker.filter && !broker.filter(channel, message, node)) return;
        const copy = message.slice();
        setImmediate(() => {
          for (const other of broker.members)
            if (other.connected && other.channels.has(channel)) other.node.receive(channel, copy);
        });
      },
      async subscribe(channel: string) {
        m.channels.add(channel);
      },
      unsubscribe(channel: string) {
        m.channels.delete(channel);
      },
      /** The node's link breaks: it neither receives nor publishes. */
      cut() {
        m.connected = false;
      },
      /** The link is back: as after a Redis reconnect. */
      restore() {
        if (m.connected) return;
        m.connected = true;
        node.subscriberReconnected();
        node.publisherReconnected();
      },
    };
    node.attach(transport);
    return transport;
  }

  /** Forget a node (its process died: nothing more from or to it). */
  remove(node: ClusterNode): void {
    for (const m of this.members) if (m.node === node) this.members.delete(m);
  }
}
