/**
 * Serving the built client: long cache for hashed `/assets/*`, no-cache `index.html`,
 * security headers on HTML, client routes (e.g. `/sop/<id>`) answered with the app.
 */
import fs from 'node:fs';
import path from 'node:path';
import express, { type RequestHandler, type Response } from 'express';

/**
 * CSP for the Vite React app: scripts only from self; inline styles are allowed because
 * TipTap/Radix set style attributes; images may be data/blob URLs (exports, previews);
 * the sync socket needs ws:/wss: to this host; print/PDF previews may use blob: frames.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self' ws: wss:",
  "frame-src 'self' blob:",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export function setHtmlSecurityHeaders(res: Response): void {
  res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
}

const MISSING_BUILD_HTML = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Susun</title></head>
<body><h1>Susun</h1><p>The client is not built. Run <code>npm run build</code> (or <code>npm start</code>, which builds it) and reload.</p></body></html>`;

/** Static client + SPA fallback for non-API GET requests. */
export function clientRouter(clientDir: string): express.Router {
  const router = express.Router();
  const indexFile = path.join(clientDir, 'index.html');
  router.use(
    '/assets',
    express.static(path.join(clientDir, 'assets'), {
      immutable: true,
      maxAge: '1y',
      index: false,
      fallthrough: true,
    }),
  );
  router.use(
    express.static(clientDir, {
      index: false,
      setHeaders: (res, file) => {
        res.setHeader(
          'Cache-Control',
          file.endsWith('.html') ? 'no-cache' : 'public, max-age=3600',
        );
        if (file.endsWith('.html')) setHtmlSecurityHeaders(res);
      },
    }),
  );
  const spa: RequestHandler = (req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    // Missing asset files are real 404s, not the app.
    if (req.path.startsWith('/assets/') || path.extname(req.path) !== '') return next();
    setHtmlSecurityHeaders(res);
    res.setHeader('Cache-Control', 'no-cache');
    if (!fs.existsSync(indexFile)) {
      res.status(503).type('html').send(MISSING_BUILD_HTML);
      return;
    }
    res.sendFile(indexFile);
  };
  router.use(spa);
  return router;
}
