/**
 * `createSusunServer`: one HTTP server carrying Express (API + built client) and the
 * y-websocket endpoint. Everything is created per call — no module state — so tests
 * can run several servers in one process.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import { createAccounts } from './accounts/index.js';
import { AgencyService } from './agency/agencyService.js';
import { Verifications } from './agency/verification.js';
import { backfillCatalogue } from './catalogue/backfill.js';
import { createCatalogueRouter } from './catalogue/catalogueRouter.js';
import type { Config } from './config.js';
import { createExportPool, exportLimitsFrom } from './export/pool.js';
import { createExportSource } from './export/source.js';
import { createGuidedRouter } from './guided/router.js';
import { createApp, type HealthInfo } from './http/app.js';
import { requestContext } from './http/auth.js';
import { httpServerOptions, limitConnectionsPerAddress } from './http/httpLimits.js';
import { createDocxImporter } from './import/importPool.js';
import { Lifecycle, watchLifecycle } from './lifecycle/index.js';
import { createLogger } from './logger.js';
import { RoomManager } from './rooms/roomManager.js';
import { createAdminRouter } from './routes/admin.js';
import { createAgencyRouter } from './routes/agency.js';
import { createAuditRouter } from './routes/audit.js';
import { createAuthRouter } from './routes/auth.js';
import { createDiscussionRouter } from './routes/discussion.js';
import { createExportRouter } from './routes/export.js';
import { createIntegrityRouter } from './routes/integrity.js';
import { createJoinRouter } from './routes/join.js';
import { createLifecycleRouters } from './routes/lifecycle.js';
import { createOfficialRouter } from './routes/official.js';
import { createSharingRouter } from './routes/sharing.js';
import { createSopsRouter } from './routes/sops.js';
import { createTokensRouter } from './routes/tokens.js';
import { createVerifyRouters } from './routes/verify.js';
import { createVersionsRouter } from './routes/versions.js';
import { createWorkflowRouter } from './routes/workflow.js';
import { Numbering, registerExistingNumbers } from './sops/numbering.js';
import { SopDocs } from './sops/sopDocs.js';
import { createSopService } from './sops/sopService.js';
import { StorageHealth } from './storage/storageHealth.js';
import { createStores, type Stores } from './storage/stores.js';
import { attachCollabTransport } from './transport/wsTransport.js';
import { readVersion } from './version.js';
import { AutoVersioner, watchListing } from './versions/autoVersions.js';
import { withChangeSummaries } from './versions/changeSummaries.js';
import { createVersionSources } from './versions/currentState.js';
import { VersionRestorer } from './versions/restore.js';
import { Approvals } from './workflow/approvals.js';

export interface SusunServerDeps {
  /** Defaults to a pino logger at `config.logLevel`. */
  logger?: Logger;
  /**
   * Every store (documents, index, settings, versions, accounts, audit); defaults to
   * `createStores(config)`: SQLite at `<dataDir>/susun.db`, PostgreSQL at `DATABASE_URL`,
   * or memory. The server closes them on `close()`, given or not.
   */
  stores?: Stores;
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
  /** How many documents are loaded in memory now. */
  docsOpen(): number;
}

/** Start a Susun server; resolves once it listens. */
export async function createSusunServer(
  config: Config,
  deps: SusunServerDeps = {},
): Promise<SusunServer> {
  const logger = deps.logger ?? createLogger(config.logLevel);
  const stores =
    deps.stores ??
    (await createStores(config, {
      onBackgroundError: (err) => logger.warn({ err }, 'database connection lost (idle)'),
    }));
  // Every document write is watched: /api/health reports `degraded` while writes fail.
  const storageHealth = new StorageHealth();
  const { docLog, index, settings } = storageHealth.monitor(stores);
  await storageHealth.init(docLog);
  // The agency's official side (issue 14): profile, logo, SOP numbers, verification codes.
  const verifications = new Verifications(stores.agency, stores.versions);
  const agency = new AgencyService({
    store: stores.agency,
    settings,
    accounts: stores.accounts,
    verifications,
    status: (id) => docs.status(id),
  });
  const numbering = new Numbering({
    store: stores.agency,
    profile: () => agency.profile(),
    unitName: async (id) => (await stores.accounts.getUnit(id))?.name ?? null,
  });
  await registerExistingNumbers({ numbering, index, settings, log: logger });
  const sops = createSopService({
    docLog,
    index,
    settings,
    logger,
    readReporter: (id) => storageHealth.readReporter(id, logger),
    numbering,
  });
  // PDF and Word are rendered in worker threads: the event loop only reads the stored rows.
  const exportPool = createExportPool(exportLimitsFrom(config), { logger });
  // .docx imports are read in their own worker thread (issue 17).
  const docxImporter = createDocxImporter();
  // Several processes (REDIS_URL): stored updates, presence and access changes fan out.
  const cluster = config.redisUrl
    ? // Loaded only with REDIS_URL: ioredis costs a single process ~24 MB of RSS.
      await (await import('./cluster/cluster.js')).startCluster({
        url: config.redisUrl,
        heartbeatMs: config.clusterHeartbeatMs,
        logger,
      })
    : null;
  const docLocks =
    cluster && config.databaseUrl
      ? (await import('./cluster/docLocks.js')).pgDocLocks({ url: config.databaseUrl, logger })
      : undefined;
  // Versions (issue 16): each stores what changed since the SOP's previous version, and
  // one is taken automatically after a stretch of editing (versions/autoVersions.ts),
  // told of stored changes through the rooms' listing writes.
  const versionSources = createVersionSources({
    docLog,
    index,
    logger,
    peek: (id) => rooms.peek(id),
  });
  const versions = withChangeSummaries(stores.versions, {
    onAdded: (v) => autoVersions.versioned(v.sopId),
  });
  const autoVersions = new AutoVersioner({
    versions,
    getState: versionSources.getState,
    log: logger,
  });
  // Built once the accounts exist (below); the rooms' listing writes reach it from then on.
  let lifecycle: Lifecycle | null = null;
  const rooms: RoomManager = new RoomManager({
    docLog,
    index: watchLifecycle(
      watchListing(index, (id) => autoVersions.touched(id)),
      () => lifecycle,
      (id) => rooms.peek(id),
    ),
    logger,
    config,
    summarize: sops.summarize,
    prepareDoc: sops.prepareDoc,
    fanout: cluster?.node,
    // Server changes (accepting a suggestion, restoring, approving) one at a time across
    // the processes, each from the latest stored state.
    locks: docLocks,
  });
  sops.attachRooms(rooms);
  // SOPs stored before the catalogue get their search text, in the background (issue 17).
  const catalogueIndexing = backfillCatalogue({ index, sops, logger });
  const { accounts: accountsStore } = stores;
  const accounts = createAccounts({ store: accountsStore, audit: stores.audit, config, logger });
  cluster?.relayAccess(accounts.events);
  const docs = new SopDocs(rooms, { docLog, index }, logger);
  // The SOP's life after approval (issue 17): links, monitoring, evaluation, reminders.
  const lc = new Lifecycle({
    store: stores.lifecycle,
    accounts,
    docs,
    index,
    versions,
    log: logger,
  });
  lifecycle = lc;
  lc.startReminders();
  const lifecycleRouters = createLifecycleRouters(lc, exportPool);
  const approvals = new Approvals(accounts, docs, versions, {
    verifications,
    defaultTitle: async () => (await agency.profile()).approverTitle,
  });

  /**
   * Once an administrator exists: SOPs stored without an owner (before accounts existed)
   * become theirs, and a fresh database gets the sample SOP, owned by them.
   */
  async function onFirstAdmin(userId: string): Promise<void> {
    const ids = [
      ...(await index.listMeta({ archived: false })),
      ...(await index.listMeta({ archived: true })),
    ].map((m) => m.id);
    const claimed = await accounts.access.claimUnowned(ids, userId);
    if (claimed > 0) logger.info({ claimed }, 'existing SOPs now owned by the administrator');
    if (config.seedSample) {
      const sample = await sops.seedSampleOnce();
      if (sample) await accounts.access.registerSop(sample, userId, null);
    }
  }
  await bootstrapAdmin();

  async function bootstrapAdmin(): Promise<void> {
    if ((await accountsStore.countUsers()) === 0) {
      if (!config.adminEmail) {
        logger.info('no account yet: open Susun in a browser to set it up');
        return;
      }
      const r = await accounts.auth.createUser({
        email: config.adminEmail,
        password: config.adminPassword,
        name: config.adminName,
        title: config.adminTitle,
        isAdmin: true,
        isApprover: true,
        approverUnits: ['*'],
      });
      if (!r.ok) throw new Error(`could not create the administrator: ${r.code}`);
      if (config.agencyName) await accountsStore.setAgencyName(config.agencyName);
      await accounts.audit({ id: r.user.id, name: r.user.name }, null, 'setup', {
        detail: { via: 'SUSUN_ADMIN_EMAIL' },
      });
      logger.info({ email: r.user.email }, 'administrator created from SUSUN_ADMIN_EMAIL');
      await onFirstAdmin(r.user.id);
      return;
    }
    const admin = (await accountsStore.listUsers()).find((u) => u.isAdmin && !u.disabled);
    if (admin) await onFirstAdmin(admin.id);
  }

  const version = readVersion();
  const startedAt = Date.now();
  let shuttingDown = false;
  const health = (): HealthInfo => ({
    status: shuttingDown ? 'shutting_down' : storageHealth.degraded ? 'degraded' : 'ok',
    version,
    uptimeS: Math.round((Date.now() - startedAt) / 1000),
    docsOpen: rooms.size,
    connections: rooms.connectionCount,
    quarantined: storageHealth.report().quarantined,
    storage: storageHealth.report(),
    ...(cluster
      ? {
          cluster: {
            processId: cluster.node.processId,
            connected: cluster.node.connected,
            peers: cluster.node.livePeers,
          },
        }
      : {}),
  });
  const secureCookies = config.publicUrl.startsWith('https:');
  const sopName = (id: string) => docs.name(id);
  /** The address printed in QR codes and links: `PUBLIC_URL`, else the request's own. */
  const origin = (req: { protocol: string; headers: { host?: string | undefined } }) =>
    config.publicUrl || `${req.protocol}://${req.headers.host ?? 'localhost'}`;
  const verify = createVerifyRouters({
    verifications,
    agencyName: () => agency.agencyName(),
    status: (id) => docs.status(id),
    origin,
    ratePerMinute: config.verifyRatePerMinute,
  });
  const app = createApp({
    config,
    logger,
    health,
    accounts,
    publicRouters: [
      createAuthRouter({ accounts, secureCookies, onFirstAdmin }),
      createJoinRouter({ accounts, secureCookies, sopName }),
      verify.api,
    ],
    pageRouters: [verify.page],
    routers: [
      createAdminRouter({ accounts }),
      createAgencyRouter({ accounts, agency, maxLogoBytes: config.maxLogoBytes }),
      createTokensRouter({ accounts }),
      createAuditRouter({ accounts, sopName }),
      createCatalogueRouter({ accounts, index }),
      lifecycleRouters.router,
    ],
    sopRouters: [
      createSopsRouter({ sops, accounts, index, docxImporter, maxDocxBytes: config.maxBodyBytes }),
      createExportRouter({
        getSnapshot: (id) => sops.getSnapshot(id),
        getUpdates: createExportSource({ docLog, index, logger, peek: (id) => rooms.peek(id) }),
        getOfficial: (id, requestOrigin) =>
          agency.official(id, config.publicUrl || requestOrigin || 'http://localhost'),
        pool: exportPool,
        logger,
      }),
      createOfficialRouter({ accounts, agency, numbering, docs, index, origin }),
      createVersionsRouter({
        versions,
        ...versionSources,
        author: (req) => req.principal?.user.name ?? null,
        restorer: new VersionRestorer({
          versions,
          withDocs: (ids, fn) => rooms.withDocs(ids, fn),
        }),
        audit: (req, action, fields) =>
          accounts.audit(req.principal ?? null, requestContext(req), action, fields),
      }),
      createSharingRouter({
        accounts,
        status: (id) => docs.status(id),
        presenter: (id) => docs.presenter(id),
        sopName,
        origin: (req) => config.publicUrl || `http://${req.headers.host ?? 'localhost'}`,
      }),
      createWorkflowRouter({ accounts, docs, approvals }),
      createDiscussionRouter({ accounts, docs, versions }),
      createGuidedRouter({ docs }),
      createIntegrityRouter({ docLog }),
      lifecycleRouters.sopRouter,
    ],
  });
  const server = http.createServer(httpServerOptions(config), app);
  limitConnectionsPerAddress(server, config.maxHttpConnectionsPerIp, logger);
  const transport = attachCollabTransport(server, { config, logger, rooms, accounts });

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
      lc.close();
      await lc.idle();
      // An automatic version the last unloads started is stored before the database closes.
      await autoVersions.idle();
      // After the rooms: their last groups and presence removals went out first.
      await cluster?.close();
      await docLocks?.close();
      transport.closeAll();
      server.closeIdleConnections();
      await httpClosed;
      await exportPool.close();
      catalogueIndexing.stop();
      await catalogueIndexing.done;
      await docxImporter.close();
      await stores.close();
      logger.info('Susun stopped');
    })();
    return closing;
  };
  return { port, url, close, docsOpen: () => rooms.size };
}
