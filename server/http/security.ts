/**
 * Web security basics for the HTTP API and the socket upgrade:
 * - Host allowlist against DNS rebinding: a page on `evil.example` whose name was
 *   re-pointed at this machine sends `Host: evil.example`; only IP literals, localhost,
 *   the `PUBLIC_URL` host, `ALLOWED_HOSTS` and a named `HOST` are served.
 * - Origin check on state-changing requests and on the WebSocket upgrade: a browser
 *   always sends `Origin` there, so a page on another origin (a cross-site form POST,
 *   a `new WebSocket(...)` carrying the user's cookie) is refused. Requests without
 *   `Origin` are not from a browser page on another site (scripts, curl, stock Yjs
 *   clients in Node), and authenticate with a token or a cookie they hold themselves.
 */
import { isIP } from 'node:net';
import type { RequestHandler } from 'express';
import type { Config } from '../config.js';

/** The host name of a `Host` header value (`[::1]:8080` → `::1`, lower case). */
export function hostName(hostHeader: string): string {
  const h = hostHeader.trim().toLowerCase();
  if (h.startsWith('[')) return h.slice(1, h.indexOf(']') > 0 ? h.indexOf(']') : undefined);
  const colon = h.lastIndexOf(':');
  return colon > 0 && h.indexOf(':') === colon ? h.slice(0, colon) : h;
}

export type HostCheck = Pick<Config, 'host' | 'publicUrl' | 'allowedHosts'>;

export function hostAllowed(hostHeader: string | undefined, config: HostCheck): boolean {
  if (!hostHeader) return false;
  const name = hostName(hostHeader);
  if (!name) return false;
  if (isIP(name) !== 0 || name === 'localhost' || name.endsWith('.localhost')) return true;
  if (config.publicUrl && new URL(config.publicUrl).hostname.toLowerCase() === name) return true;
  if (config.allowedHosts.includes(name)) return true;
  return config.host.toLowerCase() === name;
}

/** An `Origin` is allowed when it names this very host (same origin) or `PUBLIC_URL`. */
export function originAllowed(
  origin: string,
  hostHeader: string | undefined,
  config: HostCheck,
): boolean {
  let u: URL;
  try {
    u = new URL(origin);
  } catch {
    return false;
  }
  if (config.publicUrl && u.origin === config.publicUrl) return true;
  if (!hostHeader || u.host.toLowerCase() !== hostHeader.trim().toLowerCase()) return false;
  return hostAllowed(hostHeader, config);
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Refuses foreign `Host` headers (every request) and cross-origin state changes (/api). */
export function securityGuard(config: HostCheck): RequestHandler {
  return (req, res, next) => {
    if (!hostAllowed(req.headers.host, config)) {
      res.status(421).type('text').send('Misdirected request: this host name is not served here');
      return;
    }
    if (!SAFE_METHODS.has(req.method)) {
      const origin = req.headers.origin;
      const site = req.headers['sec-fetch-site'];
      const foreign =
        (typeof origin === 'string' && !originAllowed(origin, req.headers.host, config)) ||
        site === 'cross-site';
      if (foreign) {
        res.status(403).json({
          error: { code: 'cross_origin', message: 'Requests from another site are refused' },
        });
        return;
      }
    }
    next();
  };
}
