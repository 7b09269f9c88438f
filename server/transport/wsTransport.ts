/**
 * WebSocket transport: accepts `ws(s)://host/collab/<docId>` upgrades, enforces frame
 * size, per-IP limits and heartbeats, and hands messages to the document's room.
 */
import type http from 'node:http';
import type { Duplex } from 'node:stream';
import type { Logger } from 'pino';
import { type WebSocket, WebSocketServer } from 'ws';
import { can } from '../../shared/access/permissions.js';
import {
  CloseCodes,
  COLLAB_PATH,
  FEATURE_ACCESS,
  FEATURE_STORED,
  FEATURES_PARAM,
  isValidDocId,
  TOKEN_PARAM,
} from '../../shared/protocol.js';
import type { Accounts } from '../accounts/index.js';
import type { Config } from '../config.js';
import { principalOf } from '../http/auth.js';
import { hostAllowed, originAllowed } from '../http/security.js';
import type { RoomConnection } from '../rooms/connection.js';
import type { Room } from '../rooms/room.js';
import type { RoomManager } from '../rooms/roomManager.js';
import { LiveAccess } from './liveAccess.js';

const DISCUSSION_SUFFIX = '.discussion';

export interface CollabTransport {
  /** Open sockets (including ones refused but not yet closed). */
  readonly socketCount: number;
  /** Stop accepting upgrades and stop the heartbeat. */
  stopAccepting(): void;
  /** Close every remaining socket with `server restarting`. */
  closeAll(): void;
}

/** Longest wait for a socket to take an early snapshot before the room parses it. */
const DRAIN_WAIT_MS = 1000;

interface Tracked {
  alive: boolean;
}

export function attachCollabTransport(
  server: http.Server,
  deps: { config: Config; logger: Logger; rooms: RoomManager; accounts: Accounts },
): CollabTransport {
  const { config, rooms, accounts } = deps;
  const log = deps.logger.child({ component: 'ws' });
  const live = new LiveAccess(accounts, log, Math.max(config.heartbeatMs, 1000));
  const wss = new WebSocketServer({ noServer: true, maxPayload: config.maxMessageBytes });
  const perIp = new Map<string, number>();
  const perUser = new Map<string, number>();
  const tracked = new Map<WebSocket, Tracked>();
  const maxBuffered = Math.max(16 * 1024 * 1024, 4 * config.maxMessageBytes);
  let accepting = true;
  let nextId = 1;

  // One listener for every socket: a closure made in `onUpgrade` would keep that upgrade's
  // request alive (through its scope) for as long as the socket lives.
  const onSocketError = (err: Error): void => log.debug({ err: err.message }, 'socket error');
  const onUpgrade = (req: http.IncomingMessage, socket: Duplex, head: Buffer): void => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (
      !accepting ||
      !(url.pathname === COLLAB_PATH || url.pathname.startsWith(`${COLLAB_PATH}/`))
    ) {
      socket.on('error', () => {});
      socket.end(
        `HTTP/1.1 ${accepting ? '404 Not Found' : '503 Service Unavailable'}\r\nConnection: close\r\n\r\n`,
      );
      return;
    }
    // DNS rebinding and cross-site pages: a browser always sends Origin on a WebSocket;
    // a page on another origin must not open a socket carrying the user's cookie.
    const origin = req.headers.origin;
    if (
      !hostAllowed(req.headers.host, config) ||
      (typeof origin === 'string' && !originAllowed(origin, req.headers.host, config))
    ) {
      log.warn(
        { remote: req.socket.remoteAddress, origin },
        'refused upgrade: foreign host or origin',
      );
      socket.on('error', () => {});
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      // Attach first: without it an oversize frame (1009) raises an unhandled error.
      ws.on('error', onSocketError);
      accept(ws, req, url);
    });
  };
  server.on('upgrade', onUpgrade);

  function accept(ws: WebSocket, req: http.IncomingMessage, url: URL): void {
    const remote = req.socket.remoteAddress ?? 'unknown';
    // What the connection needs of the upgrade request, read now: the closures below live
    // as long as the socket, and one that used `req` or `url` would keep the whole request
    // (headers, raw headers, the URL with its token) for that long.
    const credentials = {
      cookie: req.headers.cookie,
      authorization: req.headers.authorization,
      token: url.searchParams.get(TOKEN_PARAM),
    };
    const id = `c${nextId++}`;
    const track: Tracked = { alive: true };
    tracked.set(ws, track);
    ws.on('pong', () => {
      track.alive = true;
    });
    let rawId: string;
    try {
      rawId = decodeURIComponent(url.pathname.slice(COLLAB_PATH.length + 1));
    } catch {
      rawId = '';
    }
    if (!isValidDocId(rawId)) {
      log.info({ remote, docId: rawId.slice(0, 140) }, 'refused: invalid document id');
      ws.close(CloseCodes.invalidDocId.code, CloseCodes.invalidDocId.reason);
      ws.on('close', () => tracked.delete(ws));
      return;
    }
    const count = (perIp.get(remote) ?? 0) + 1;
    perIp.set(remote, count);
    ws.on('close', () => {
      tracked.delete(ws);
      const n = (perIp.get(remote) ?? 1) - 1;
      if (n <= 0) perIp.delete(remote);
      else perIp.set(remote, n);
    });
    if (count > config.maxConnectionsPerIp) {
      log.warn({ remote }, 'refused: too many connections from address');
      ws.close(CloseCodes.tooManyConnections.code, CloseCodes.tooManyConnections.reason);
      return;
    }
    const features = (url.searchParams.get(FEATURES_PARAM) ?? '').split(',');
    const conn: RoomConnection = {
      id,
      remote,
      wantsStored: features.includes(FEATURE_STORED),
      wantsAccess: features.includes(FEATURE_ACCESS),
      // Nothing until authenticated (messages wait in `early` meanwhile).
      access: { role: 'viewer', canWrite: false, approver: false, userId: '' },
      send(message) {
        if (ws.readyState !== ws.OPEN) return;
        // A client that does not read its socket must not grow our memory without bound.
        if (ws.bufferedAmount > maxBuffered) {
          log.warn({ conn: id, remote, buffered: ws.bufferedAmount }, 'slow consumer dropped');
          ws.terminate();
          return;
        }
        ws.send(message);
      },
      drained() {
        // Polled: ws exposes no drain event. Bounded so a slow reader cannot stall a load.
        const deadline = Date.now() + DRAIN_WAIT_MS;
        return new Promise((resolve) => {
          const check = (): void => {
            if (ws.readyState !== ws.OPEN || ws.bufferedAmount === 0 || Date.now() > deadline)
              resolve();
            else setTimeout(check, 2);
          };
          check();
        });
      },
      close(code, reason) {
        if (ws.readyState === ws.OPEN || ws.readyState === ws.CONNECTING) ws.close(code, reason);
      },
    };
    let room: Room | null = null;
    const early: Uint8Array[] = [];
    let earlyBytes = 0;
    let closed = false;
    let userCounted: string | null = null;
    // Squatting: a socket that does not authenticate and ask to sync soon is closed.
    let syncAsked = false;
    const deadline = setTimeout(() => {
      if (!syncAsked && !closed) {
        log.info({ remote, conn: id }, 'closing: no sync request in time');
        conn.close(CloseCodes.syncTimeout.code, CloseCodes.syncTimeout.reason);
      }
    }, config.syncTimeoutMs);
    deadline.unref();
    ws.on('message', (data, isBinary) => {
      if (!isBinary) {
        if (room) room.kick(conn, CloseCodes.malformedMessage, 'text frame');
        else conn.close(CloseCodes.malformedMessage.code, CloseCodes.malformedMessage.reason);
        return;
      }
      const bytes = toBytes(data);
      // y-websocket's sync step 1 is [0, 0, ...]: the client asked to sync.
      if (!syncAsked && bytes[0] === 0 && bytes[1] === 0) syncAsked = true;
      if (!room) {
        // Held until authenticated and loaded: bounded, so waiting costs no unbounded memory.
        earlyBytes += bytes.length;
        if (earlyBytes > 2 * config.maxMessageBytes || early.length >= 256) {
          log.warn({ remote, conn: id }, 'closing: too much sent before the document was ready');
          conn.close(CloseCodes.tooManyRequests.code, CloseCodes.tooManyRequests.reason);
          return;
        }
        early.push(bytes);
        return;
      }
      try {
        room.receive(conn, bytes);
      } catch (err) {
        // A bug must cost one connection, never the process.
        log.error({ err, conn: id, docId: rawId }, 'message handling failed');
        room.kick(conn, CloseCodes.internalError, String(err));
      }
    });
    ws.on('close', () => {
      closed = true;
      clearTimeout(deadline);
      live.remove(conn);
      room?.removeConnection(conn);
      if (userCounted !== null) {
        const n = (perUser.get(userCounted) ?? 1) - 1;
        if (n <= 0) perUser.delete(userCounted);
        else perUser.set(userCounted, n);
      }
    });
    const isDiscussion = rawId.endsWith(DISCUSSION_SUFFIX);
    const sopId = isDiscussion ? rawId.slice(0, -DISCUSSION_SUFFIX.length) : rawId;
    const refuse = (close: { code: number; reason: string }, why: string) => {
      log.info({ remote, conn: id, docId: rawId, why }, close.reason);
      conn.close(close.code, close.reason);
    };
    (async () => {
      const principal = await principalOf(accounts.auth, credentials, credentials.token);
      if (closed) return;
      if (!principal) return refuse(CloseCodes.unauthorized, 'no valid session or token');
      const info = await accounts.access.resolve(principal, sopId);
      if (closed) return;
      // Documents exist only when created: nothing is loaded or stored for other ids.
      if (!info.record) return refuse(CloseCodes.notFound, 'not an SOP');
      if (!info.role) return refuse(CloseCodes.forbidden, `no role for ${principal.user.id}`);
      const mine = (perUser.get(principal.user.id) ?? 0) + 1;
      perUser.set(principal.user.id, mine);
      userCounted = principal.user.id;
      if (mine > config.maxConnectionsPerUser)
        return refuse(
          CloseCodes.tooManyConnections,
          `user ${principal.user.id} has ${mine} sockets`,
        );
      conn.access.role = info.role;
      conn.access.canWrite = !isDiscussion && can(info.role, 'edit');
      conn.access.approver = info.unitApprover;
      conn.access.userId = principal.user.id;
      live.add(conn, principal, sopId, isDiscussion ? 'discussion' : 'content');
      // Held while it waits (e.g. for an old room to unload): a close meanwhile still lets it unload.
      const r = await rooms.join(rawId, conn, () => closed);
      if (!r) return;
      if (closed) return r.removeConnection(conn);
      room = r;
      live.setRoom(conn, r);
      for (const m of early.splice(0)) r.receive(conn, m);
    })().catch((err: unknown) => {
      log.warn({ err: String(err) }, 'room unavailable');
      conn.close(CloseCodes.serverRestarting.code, CloseCodes.serverRestarting.reason);
    });
  }

  // Heartbeat: a socket that did not answer the previous ping is dead.
  const heartbeat = setInterval(() => {
    for (const [ws, t] of tracked) {
      if (!t.alive) {
        log.debug('heartbeat timeout');
        ws.terminate();
        continue;
      }
      t.alive = false;
      try {
        ws.ping();
      } catch {
        ws.terminate();
      }
    }
  }, config.heartbeatMs);
  heartbeat.unref();

  return {
    get socketCount() {
      return tracked.size;
    },
    stopAccepting() {
      accepting = false;
      clearInterval(heartbeat);
      live.stop();
    },
    closeAll() {
      for (const ws of tracked.keys()) {
        if (ws.readyState === ws.OPEN || ws.readyState === ws.CONNECTING) {
          ws.close(CloseCodes.serverRestarting.code, CloseCodes.serverRestarting.reason);
        }
      }
      // Sockets that do not finish the closing handshake are cut after a short grace.
      const t = setTimeout(() => {
        for (const ws of tracked.keys()) ws.terminate();
      }, 1000);
      t.unref();
      server.off('upgrade', onUpgrade);
      wss.close();
    },
  };
}

function toBytes(data: Buffer | ArrayBuffer | Buffer[]): Uint8Array {
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data));
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}
