/**
 * Susun as one of several processes (`REDIS_URL`): the {@link ClusterNode} over Redis,
 * and access changes relayed between the processes.
 */
import type { Logger } from 'pino';
import type { AccessEvents } from '../accounts/events.js';
import { ClusterNode } from './clusterNode.js';
import { RedisTransport } from './redisTransport.js';

export interface Cluster {
  readonly node: ClusterNode;
  /** Relay access changes both ways between `events` and the other processes. */
  relayAccess(events: AccessEvents): void;
  /** Say goodbye and close the links (after the rooms closed: their last messages go first). */
  close(): Promise<void>;
}

export async function startCluster(options: {
  url: string;
  heartbeatMs: number;
  logger: Logger;
}): Promise<Cluster> {
  const log = options.logger.child({ component: 'cluster' });
  const node = new ClusterNode({ heartbeatMs: options.heartbeatMs, log });
  const transport = new RedisTransport(options.url, node, log);
  node.attach(transport);
  await transport.waitConnected();
  await node.start();
  log.info({ processId: node.processId }, 'joined the cluster');
  const offs: Array<() => void> = [];
  return {
    node,
    relayAccess(events) {
      offs.push(relayAccessChanges(events, node));
    },
    async close() {
      for (const off of offs.splice(0)) off();
      node.stop();
      await transport.close();
    },
  };
}

/**
 * Access changes made on this process (a revoked share, a lowered role, a logout) are
 * announced to the others, whose sockets re-check against the shared database; changes
 * heard from the others are emitted here, and not announced again.
 */
export function relayAccessChanges(events: AccessEvents, node: ClusterNode): () => void {
  let relaying = false;
  const offLocal = events.on((c) => {
    // 'all' is each process's own periodic sweep.
    if (!relaying && c.kind !== 'all') node.publishAccess(c);
  });
  const offRemote = node.onAccess((c) => {
    relaying = true;
    try {
      events.emit(c);
    } finally {
      relaying = false;
    }
  });
  return () => {
    offLocal();
    offRemote();
  };
}
