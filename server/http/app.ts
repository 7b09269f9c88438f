/** The Express application: API routes, JSON errors, the built client. */
import express from 'express';
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import { apiNotFound, errorHandler } from './errors.js';
import { clientRouter, setHtmlSecurityHeaders } from './static.js';

export interface HealthInfo {
  status: 'ok' | 'shutting_down';
  version: string;
  uptimeS: number;
  docsOpen: number;
  connections: number;
}

export interface AppDeps {
  config: Config;
  logger: Logger;
  health(): HealthInfo;
  /** Routers mounted under /api/sops, in order. */
  sopRouters: express.Router[];
}

export function createApp(deps: AppDeps): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', false);
  app.set('query parser', 'simple');

  const api = express.Router();
  api.use(express.json({ limit: deps.config.maxBodyBytes }));
  api.use((_req, res, next) => {
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    next();
  });
  api.get('/health', (_req, res) => {
    res.json(deps.health());
  });
  for (const r of deps.sopRouters) api.use('/sops', r);
  api.use(apiNotFound);
  app.use('/api', api);
  // The sync endpoint only speaks WebSocket.
  app.use('/collab', (_req, res) => {
    res.status(426).setHeader('Upgrade', 'websocket');
    res.json({ error: { code: 'upgrade_required', message: 'Connect with a WebSocket client' } });
  });

  app.use(clientRouter(deps.config.clientDir));
  app.use((_req, res) => {
    setHtmlSecurityHeaders(res);
    res.status(404).type('text').send('Not found');
  });
  app.use(errorHandler(deps.logger));
  return app;
}
