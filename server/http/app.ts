/** The Express application: security checks, authentication, API routes, JSON errors, the built client. */
import express from 'express';
import type { Logger } from 'pino';
import type { Accounts } from '../accounts/index.js';
import type { Config } from '../config.js';
import type { StorageHealthReport } from '../storage/storageHealth.js';
import { authenticate, requireSignedIn } from './auth.js';
import { apiNotFound, errorHandler } from './errors.js';
import { securityGuard } from './security.js';
import { sopAccessGate } from './sopAccess.js';
import { clientRouter, setHtmlSecurityHeaders } from './static.js';

export interface HealthInfo {
  /** `degraded` (answered with 503) while storage writes fail, see {@link StorageHealthReport}. */
  status: 'ok' | 'degraded' | 'shutting_down';
  version: string;
  uptimeS: number;
  docsOpen: number;
  connections: number;
  /** Stored rows set aside because they could not be read (salvage on load). */
  quarantined: number;
  storage: StorageHealthReport;
  /** Several processes (`REDIS_URL`): this one's id, whether its Redis link is up, the peers it hears. */
  cluster?: { processId: string; connected: boolean; peers: string[] };
}

export interface AppDeps {
  config: Config;
  logger: Logger;
  health(): HealthInfo;
  accounts: Accounts;
  /** Mounted at /api before sign-in is required (setup, login, meeting links); they check what they need. */
  publicRouters: express.Router[];
  /** Mounted at /api for signed-in callers (admin, tokens, audit, ...). */
  routers: express.Router[];
  /** Mounted under /api/sops, behind the per-SOP access gate, in order. */
  sopRouters: express.Router[];
  /**
   * Server-rendered public pages (e.g. `/v/<code>`), mounted before the built client so
   * its SPA fallback never answers their paths.
   */
  pageRouters?: express.Router[];
}

export function createApp(deps: AppDeps): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', false);
  app.set('query parser', 'simple');
  app.use(securityGuard(deps.config));

  const api = express.Router();
  api.use(express.json({ limit: deps.config.maxBodyBytes }));
  api.use((_req, res, next) => {
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    next();
  });
  api.use(authenticate(deps.accounts.auth));
  api.get('/health', (_req, res) => {
    const info = deps.health();
    // A load balancer or monitor must see that edits cannot be stored right now.
    res.status(info.status === 'degraded' ? 503 : 200).json(info);
  });
  for (const r of deps.publicRouters) api.use(r);
  // Every /api/sops/:id/... route: 401 without a session, 404 unknown SOP, 403 no role.
  api.use('/sops/:id', sopAccessGate(deps.accounts));
  api.use(requireSignedIn);
  for (const r of deps.routers) api.use(r);
  for (const r of deps.sopRouters) api.use('/sops', r);
  api.use(apiNotFound);
  app.use('/api', api);
  // The sync endpoint only speaks WebSocket.
  app.use('/collab', (_req, res) => {
    res.status(426).setHeader('Upgrade', 'websocket');
    res.json({ error: { code: 'upgrade_required', message: 'Connect with a WebSocket client' } });
  });

  for (const r of deps.pageRouters ?? []) app.use(r);
  app.use(clientRouter(deps.config.clientDir));
  app.use((_req, res) => {
    setHtmlSecurityHeaders(res);
    res.status(404).type('text').send('Not found');
  });
  app.use(errorHandler(deps.logger));
  return app;
}
