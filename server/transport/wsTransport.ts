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
import { SlicedTimer } from './slices.js';

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

/** What every socket's connection shares: the transport's state and services. */
interface Shared {
  config: Config;
  log: Logger;
  rooms: RoomManager;
  accounts: Accounts;
  live: LiveAccess;
  perIp: Map<string, number>;
  perUser: Map<string, number>;
  /** Open sockets and their connections (heartbeat, shutdown). */
  sockets: Map<WebSocket, SocketConnection>;
  maxBuffered: number;
  /** The heartbeat: pings a slice of the sockets per tick (slices.ts). */
  heartbeat: SlicedTimer;
}

/** The socket's connection, for the listeners below (shared by every socket). */
const CONN = Symbol('susun.connection');
type ConnSocket = WebSocket & { [CONN]?: SocketConnection };

// One set of listeners for every socket, finding the connection on the socket (ws calls
// listeners with the socket as `this`). Why not closures per socket: each socket's eight
// closures and their shared scope were ~0.7 KB of its heap (issue 19, memory per
// connection), and a closure made in the upgrade handler would keep that request alive.
function onSocketMessage(
  this: ConnSocket,
  data: Buffer | ArrayBuffer | Buffer[],
  isBinary: boolean,
) {
  this[CONN]?.message(data, isBinary);
}
function onSocketClose(this: ConnSocket) {
  this[CONN]?.closed();
}
function onSocketPong(this: ConnSocket) {
  const c = this[CONN];
  if (c) c.alive = true;
}

/**
 * One client socket as a room sees it ({@link RoomConnection}): authenticated after the
 * upgrade, then joined to its document's room; what it sends meanwhile waits (bounded).
 */
class SocketConnection implements RoomConnection {
  /** Answered the last heartbeat ping. */
  alive = true;
  /** Which tick of the heartbeat pings it (slices.ts). */
  readonly slot: number;
  readonly wantsStored: boolean;
  readonly wantsAccess: boolean;
  /** Nothing until authenticated (messages wait in `early` meanwhile). */
  readonly access = { role: 'viewer', canWrite: false, approver: false, userId: '' };
  private room: Room | null = null;
  private early: Uint8Array[] | null = null;
  private earlyBytes = 0;
  private isClosed = false;
  private userCounted: string | null = null;
  /** Squatting: closes a socket that does not ask to sync soon (cleared once it does). */
  private deadline: NodeJS.Timeout | null = null;
  private readonly sopId: string;
  private readonly isDiscussion: boolean;

  constructor(
    private readonly shared: Shared,
    private readonly ws: ConnSocket,
    readonly id: string,
    readonly remote: string,
    /** The document id from the path (validated before a connection is made). */
    private readonly rawId: string,
    features: string[],
  ) {
    this.slot = shared.heartbeat.takeSlot();
    this.wantsStored = features.includes(FEATURE_STORED);
    this.wantsAccess = features.includes(FEATURE_ACCESS);
    this.isDiscussion = rawId.endsWith(DISCUSSION_SUFFIX);
    this.sopId = this.isDiscussion ? rawId.slice(0, -DISCUSSION_SUFFIX.length) : rawId;
    ws[CONN] = this;
    ws.on('message', onSocketMessage);
    ws.on('close', onSocketClose);
    this.deadline = setTimeout(() => {
      this.deadline = null;
      if (!this.isClosed) {
        shared.log.info({ remote, conn: id }, 'closing: no sync request in time');
        this.close(CloseCodes.syncTimeout.code, CloseCodes.syncTimeout.reason);
      }
    }, shared.config.syncTimeoutMs);
    this.deadline.unref();
  }

  send(message: Uint8Array): void {
    const ws = this.ws;
    if (ws.readyState !== ws.OPEN) return;
    // A client that does not read its socket must not grow our memory without bound.
    if (ws.bufferedAmount > this.shared.maxBuffered) {
      this.shared.log.warn(
        { conn: this.id, remote: this.remote, buffered: ws.bufferedAmount },
        'slow consumer dropped',
      );
      ws.terminate();
      return;
    }
    ws.send(message);
  }

  drained(): Promise<void> {
    // Polled: ws exposes no drain event. Bounded so a slow reader cannot stall a load.
    const ws = this.ws;
    const deadline = Date.now() + DRAIN_WAIT_MS;
    return new Promise((resolve) => {
      const check = (): void => {
        if (ws.readyState !== ws.OPEN || ws.bufferedAmount === 0 || Date.now() > deadline)
          resolve();
        else setTimeout(check, 2);
      };
      check();
    });
  }

  close(code: number, reason: string): void {
    const ws = this.ws;
    if (ws.readyState === ws.OPEN || ws.readyState === ws.CONNECTING) ws.close(code, reason);
  }

  message(data: Buffer | ArrayBuffer | Buffer[], isBinary: boolean): void {
    const room = this.room;
    if (!isBinary) {
      if (room) room.kick(this, CloseCodes.malformedMessage, 'text frame');
      else this.close(CloseCodes.malformedMessage.code, CloseCodes.malformedMessage.reason);
      return;
    }
    const bytes = toBytes(data);
    // y-websocket's sync step 1 is [0, 0, ...]: the client asked to sync.
    if (this.deadline !== null && bytes[0] === 0 && bytes[1] === 0) {
      clearTimeout(this.deadline);
      this.deadline = null;
    }
    if (!room) {
      // Held until authenticated and loaded: bounded, so waiting costs no unbounded memory.
      this.earlyBytes += bytes.length;
      if (this.early === null) this.early = [];
      const early = this.early;
      if (this.earlyBytes > 2 * this.shared.config.maxMessageBytes || early.length >= 256) {
        this.shared.log.warn(
          { remote: this.remote, conn: this.id },
          'closing: too much sent before the document was ready',
        );
        this.close(CloseCodes.tooManyRequests.code, CloseCodes.tooManyRequests.reason);
        return;
      }
      early.push(bytes);
      return;
    }
    try {
      room.receive(this, bytes);
    } catch (err) {
      // A bug must cost one connection, never the process.
      this.shared.log.error({ err, conn: this.id, docId: this.rawId }, 'message handling failed');
      room.kick(this, CloseCodes.internalError, String(err));
    }
  }

  closed(): void {
    const { shared, remote } = this;
    this.isClosed = true;
    shared.sockets.delete(this.ws);
    this.ws[CONN] = undefined;
    if (this.deadline !== null) clearTimeout(this.deadline);
    this.deadline = null;
    const n = (shared.perIp.get(remote) ?? 1) - 1;
    if (n <= 0) shared.perIp.delete(remote);
    else shared.perIp.set(remote, n);
    shared.live.remove(this);
    this.room?.removeConnection(this);
    this.early = null;
    if (this.userCounted !== null) {
      const u = (shared.perUser.get(this.userCounted) ?? 1) - 1;
      if (u <= 0) shared.perUser.delete(this.userCounted);
      else shared.perUser.set(this.userCounted, u);
    }
  }

  /** Authenticate with what the upgrade carried, check the role, and join the room. */
  async open(credentials: { cookie?: string; authorization?: string; token: string | null }) {
    const { shared, rawId, sopId, isDiscussion } = this;
    const principal = await principalOf(shared.accounts.auth, credentials, credentials.token);
    if (this.isClosed) return;
    if (!principal) return this.refuse(CloseCodes.unauthorized, 'no valid session or token');
    const info = await shared.accounts.access.resolve(principal, sopId);
    if (this.isClosed) return;
    // Documents exist only when created: nothing is loaded or stored for other ids.
    if (!info.record) return this.refuse(CloseCodes.notFound, 'not an SOP');
    if (!info.role) return this.refuse(CloseCodes.forbidden, `no role for ${principal.user.id}`);
    const userId = principal.user.id;
    const mine = (shared.perUser.get(userId) ?? 0) + 1;
    shared.perUser.set(userId, mine);
    this.userCounted = userId;
    if (mine > shared.config.maxConnectionsPerUser)
      return this.refuse(CloseCodes.tooManyConnections, `user ${userId} has ${mine} sockets`);
    const a = this.access;
    a.role = info.role;
    a.canWrite = !isDiscussion && can(info.role, 'edit');
    a.approver = info.unitApprover;
    a.userId = userId;
    shared.live.add(this, principal, sopId, isDiscussion ? 'discussion' : 'content');
    // Held while it waits (e.g. for an old room to unload): a close meanwhile still lets it unload.
    const r = await shared.rooms.join(rawId, this, () => this.isClosed);
    if (!r) return;
    if (this.isClosed) return r.removeConnection(this);
    this.room = r;
    shared.live.setRoom(this, r);
    const early = this.early;
    this.early = null;
    this.earlyBytes = 0;
    if (early) for (const m of early) r.receive(this, m);
  }

  private refuse(close: { code: number; reason: string }, why: string): void {
    this.shared.log.info(
      { remote: this.remote, conn: this.id, docId: this.rawId, why },
      close.reason,
    );
    this.close(close.code, close.reason);
  }
}

export function attachCollabTransport(
  server: http.Server,
  deps: { config: Config; logger: Logger; rooms: RoomManager; accounts: Accounts },
): CollabTransport {
  const { config, rooms, accounts } = deps;
  const log = deps.logger.child({ component: 'ws' });
  const live = new LiveAccess(accounts, log, Math.max(config.heartbeatMs, 1000));
  const wss = new WebSocketServer({ noServer: true, maxPayload: config.maxMessageBytes });
  const shared: Shared = {
    config,
    log,
    rooms,
    accounts,
    live,
    perIp: new Map(),
    perUser: new Map(),
    sockets: new Map(),
    maxBuffered: Math.max(16 * 1024 * 1024, 4 * config.maxMessageBytes),
    // Heartbeat: a socket that did not answer the previous ping is dead.
    heartbeat: new SlicedTimer(config.heartbeatMs, (slot) => {
      for (const [ws, c] of shared.sockets) {
        if (c.slot !== slot) continue;
        if (!c.alive) {
          log.debug('heartbeat timeout');
          ws.terminate();
          continue;
        }
        c.alive = false;
        try {
          ws.ping();
        } catch {
          ws.terminate();
        }
      }
    }),
  };
  const { perIp, sockets } = shared;
  /** Sockets refused before a connection was made, until they close. */
  const refused = new Set<WebSocket>();
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

  /** Close a socket before any connection was made for it (tracked until it closes). */
  function refuseSocket(ws: WebSocket, close: { code: number; reason: string }): void {
    refused.add(ws);
    ws.on('close', () => refused.delete(ws));
    ws.close(close.code, close.reason);
  }

  function accept(ws: WebSocket, req: http.IncomingMessage, url: URL): void {
    const remote = req.socket.remoteAddress ?? 'unknown';
    let rawId: string;
    try {
      rawId = decodeURIComponent(url.pathname.slice(COLLAB_PATH.length + 1));
    } catch {
      rawId = '';
    }
    if (!isValidDocId(rawId)) {
      log.info({ remote, docId: rawId.slice(0, 140) }, 'refused: invalid document id');
      refuseSocket(ws, CloseCodes.invalidDocId);
      return;
    }
    const count = (perIp.get(remote) ?? 0) + 1;
    if (count > config.maxConnectionsPerIp) {
      log.warn({ remote }, 'refused: too many connections from address');
      refuseSocket(ws, CloseCodes.tooManyConnections);
      return;
    }
    perIp.set(remote, count);
    const features = (url.searchParams.get(FEATURES_PARAM) ?? '').split(',');
    const conn = new SocketConnection(shared, ws, `c${nextId++}`, remote, rawId, features);
    sockets.set(ws, conn);
    ws.on('pong', onSocketPong);
    // What the connection needs of the upgrade request, read now: nothing of `req` or
    // `url` (headers, the URL with its token) outlives this call.
    conn
      .open({
        cookie: req.headers.cookie,
        authorization: req.headers.authorization,
        token: url.searchParams.get(TOKEN_PARAM),
      })
      .catch((err: unknown) => {
        log.warn({ err: String(err) }, 'room unavailable');
        conn.close(CloseCodes.serverRestarting.code, CloseCodes.serverRestarting.reason);
      });
  }

  const allSockets = (): WebSocket[] => [...sockets.keys(), ...refused];
  return {
    get socketCount() {
      return sockets.size + refused.size;
    },
    stopAccepting() {
      accepting = false;
      shared.heartbeat.stop();
      live.stop();
    },
    closeAll() {
      for (const ws of allSockets()) {
        if (ws.readyState === ws.OPEN || ws.readyState === ws.CONNECTING) {
          ws.close(CloseCodes.serverRestarting.code, CloseCodes.serverRestarting.reason);
        }
      }
      // Sockets that do not finish the closing handshake are cut after a short grace.
      const t = setTimeout(() => {
        for (const ws of allSockets()) ws.terminate();
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
