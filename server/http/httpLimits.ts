/**
 * Bounds on plain HTTP connections: request timeouts and a cap per address.
 *
 * Why: Node's defaults (60 s for headers, 300 s for a request, checked every 30 s) let a
 * client that trickles its headers hold a socket for 90 s or more, and any number of
 * them. Here headers must arrive within `httpHeadersTimeoutMs` and the whole request
 * within `httpRequestTimeoutMs`, checked every second; and one address holds at most
 * `maxHttpConnectionsPerIp` connections. Upgraded WebSockets leave this count (the
 * transport caps them per address itself) and, once upgraded, no request timer applies.
 */
import type http from 'node:http';
import type { Socket } from 'node:net';
import type { Logger } from 'pino';
import type { Config } from '../config.js';

/** `http.createServer` options carrying the timeouts (they must be set at creation). */
export function httpServerOptions(config: Config): http.ServerOptions {
  return {
    headersTimeout: config.httpHeadersTimeoutMs,
    requestTimeout: config.httpRequestTimeoutMs,
    // How often the timeouts above are checked (Node's default is 30 s).
    connectionsCheckingInterval: Math.min(1000, Math.max(50, config.httpHeadersTimeoutMs / 4)),
  };
}

/** Close connections beyond `max` per remote address (counted until upgrade or close). */
export function limitConnectionsPerAddress(server: http.Server, max: number, log: Logger): void {
  const open = new Map<string, number>();
  const counted = new Map<Socket, string>();
  const release = (socket: Socket) => {
    const addr = counted.get(socket);
    if (addr === undefined) return;
    counted.delete(socket);
    socket.removeListener('close', onClose);
    const n = (open.get(addr) ?? 1) - 1;
    if (n > 0) open.set(addr, n);
    else open.delete(addr);
  };
  // One listener for every socket, taken off at upgrade: a WebSocket lives for hours and
  // would otherwise carry a closure and a once-wrapper of this count to its end.
  function onClose(this: Socket): void {
    release(this);
  }
  server.on('connection', (socket: Socket) => {
    const addr = socket.remoteAddress ?? '';
    const n = open.get(addr) ?? 0;
    if (n >= max) {
      log.warn({ remote: addr, open: n }, 'too many HTTP connections from one address; closed');
      socket.destroy();
      return;
    }
    open.set(addr, n + 1);
    counted.set(socket, addr);
    socket.on('close', onClose);
  });
  // A WebSocket is counted by the transport from here on (its own per-address cap).
  server.on('upgrade', (_req: http.IncomingMessage, socket: Socket) => release(socket));
}
