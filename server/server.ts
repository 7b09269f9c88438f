/**
 * `createSusunServer`: one HTTP server carrying Express (API + built client) and the
 * y-websocket endpoint. Everything is created per call — no module state — so tests
 * can run several servers in one process.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Logger } from 'pino';
import type { Config } from './config.js';
import { createApp, type HealthInfo } from './http/app.js';
import { createLogger } from './logger.js';
import { RoomManager } from './rooms/roomManager.js';
import { createExportRouter } from './routes/export.js';
import { createSopsRouter } from './routes/sops.js';
import { createVersionsRouter } from './routes/versions.js';
import { createSopService } from './sops/sopService.js';
import { createMemoryStore } from './storage/memoryStore.js';
import { createSqliteStore } from './storage/sqliteStore.js';
import type { Storage } from './storage/types.js';
import { attachCollabTransport } from './transport/wsTransport.js';
import { readVersion } from './version.js';
import { createVersionSources } from './versions/currentState.js';
import { createMemoryVersionStore, createSqliteVersionStore } from './versions/versionStore.js';

export interface SusunServerDeps {
  /** Defaults to a pino logger at `config.logLevel`. */
  logger?: Logger;
  /** Defaults to SQLite at `<dataDir>/susun.db` (or memory when `config.storage` says so). */
  storage?: Storage;
}

export interface SusunServer {
  /** The bound port (useful with `port: 0`). */
  port: number;
  /** `http://host:port` */
  url: string;
  /**
   * Graceful shutdown: stop accepting, store and compact every open document, close the
   * sockets with `server restarting`, close the database. Idempotent.
   */
  close(): Promise<void>;
}

/** Start a Susun server; resolves once it listens. */
export async function createSusunServer(
  config: Config,
  deps: SusunServerDeps = {},
): Promise<SusunServer> {
  const logger = deps.logger ?? createLogger(config.logLevel);
  const storage =
    deps.storage ??
    (config.storage === 'memory'
      ? createMemoryStore()
      : createSqliteStore({
          file: path.join(config.dataDir, 'susun.db'),
          syncMode: config.syncMode,
        }));
  const sops = createSopService({ storage, logger });
  const rooms = new RoomManager({
    storage,
    logger,
    config,
    summarize: sops.summarize,
    prepareDoc: sops.prepareDoc,
  });
  sops.attachRooms(rooms);
  // Versions (review and approval snapshots) are kept aside in their own table.
  const versions =
    config.storage === 'memory'
      ? createMemoryVersionStore()
      : createSqliteVersionStore({
          file: path.join(config.dataDir, 'susun.db'),
          syncMode: config.syncMode,
        });
  if (config.seedSample) await sops.seedSampleOnce();

  const version = readVersion();
  const startedAt = Date.now();
  let shuttingDown = false;
  const health = (): HealthInfo => ({
    status: shuttingDown ? 'shutting_down' : 'ok',
    version,
    uptimeS: Math.round((Date.now() - startedAt) / 1000),
    docsOpen: rooms.size,
    connections: rooms.connectionCount,
  });
  const app = createApp({
    config,
    logger,
    health,
    sopRouters: [
      createSopsRouter({ sops }),
      createExportRouter({ getSnapshot: (id) => sops.getSnapshot(id), logger }),
      createVersionsRouter({
        versions,
        ...createVersionSources({ storage, peek: (id) => rooms.peek(id) }),
      }),
    ],
  });
  const server = http.createServer(app);
  const transport = attachCollabTransport(server, { config, logger, rooms });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const hostForUrl = config.host.includes(':') ? `[${config.host}]` : config.host;
  const url = `http://${hostForUrl}:${port}`;
  logger.info({ url, dataDir: config.dataDir }, 'Susun listening');

  let closing: Promise<void> | null = null;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      shuttingDown = true;
      transport.stopAccepting();
      const httpClosed = new Promise<void>((resolve) => server.close(() => resolve()));
      // Rooms first: they wait for pending writes, compact, then close their sockets.
      await rooms.closeAll();
      transport.closeAll();
      server.closeIdleConnections();
      await httpClosed;
      await storage.close();
      await versions.close();
      logger.info('Susun stopped');
    })();
    return closing;
  };
  return { port, url, close };
}
