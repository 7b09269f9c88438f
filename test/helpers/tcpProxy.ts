/**
 * A TCP proxy on a free loopback port, for the scale-out suites:
 * - as a load balancer in front of several Susun processes (round robin over the
 *   backends, skipping one that refuses: a killed process), the way nginx or HAProxy
 *   would stand in front of them — no sticky sessions;
 * - in front of PostgreSQL, to make it unreachable for a while ({@link TcpProxy.block}:
 *   every open connection is cut and new ones are refused) without stopping it.
 */
import net from 'node:net';

export interface Backend {
  host: string;
  port: number;
}

export interface TcpProxy {
  port: number;
  /** Connections accepted so far, by the backend index they went to. */
  readonly routed: number[];
  /** Cut every open connection and refuse new ones until {@link unblock}. */
  block(): void;
  unblock(): void;
  close(): Promise<void>;
}

/** Round robin over `backends()` (read at each connection, so the list may change). */
export async function startTcpProxy(backends: () => Backend[]): Promise<TcpProxy> {
  const open = new Set<net.Socket>();
  const routed: number[] = [];
  let blocked = false;
  let next = 0;

  const connectBackend = (client: net.Socket, tried: number): void => {
    const list = backends();
    if (tried >= list.length || list.length === 0) {
      client.destroy();
      return;
    }
    const i = next++ % list.length;
    const b = list[i] as Backend;
    const upstream = net.connect(b.port, b.host);
    open.add(upstream);
    let connected = false;
    upstream.once('connect', () => {
      connected = true;
      routed[i] = (routed[i] ?? 0) + 1;
      client.pipe(upstream);
      upstream.pipe(client);
      client.resume();
      // One side gone (a killed process): the other side learns it at once, as it would
      // without the proxy (its socket would be reset).
      client.once('close', () => upstream.destroy());
    });
    upstream.on('error', () => {
      if (!connected) {
        open.delete(upstream);
        connectBackend(client, tried + 1);
      } else client.destroy();
    });
    upstream.on('close', () => {
      open.delete(upstream);
      if (connected) client.destroy();
    });
  };

  const server = net.createServer((client) => {
    client.on('error', () => {});
    if (blocked) {
      client.destroy();
      return;
    }
    open.add(client);
    client.on('close', () => open.delete(client));
    client.pause();
    connectBackend(client, 0);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    port,
    routed,
    block() {
      blocked = true;
      for (const s of open) s.destroy();
      open.clear();
    },
    unblock() {
      blocked = false;
    },
    close() {
      for (const s of open) s.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
