/**
 * Request authentication: the session cookie (browsers) or `Authorization: Bearer`
 * with an API token (scripts). Sets `req.principal`; routes then call
 * {@link requirePrincipal} and friends.
 */
import type { Request, RequestHandler, Response } from 'express';
import type { AuthService } from '../accounts/authService.js';
import type { Principal, RequestContext } from '../accounts/principal.js';
import { HttpError } from './errors.js';

declare global {
  namespace Express {
    interface Request {
      /** Set by {@link authenticate}: who is asking (null: nobody signed in). */
      principal?: Principal | null;
    }
  }
}

export const SESSION_COOKIE = 'susun_session';

/** The value of one cookie from a `Cookie` header (no dependency for one name). */
export function readCookie(header: string | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) {
      const raw = part.slice(eq + 1).trim();
      try {
        return decodeURIComponent(raw);
      } catch {
        return null;
      }
    }
  }
  return null;
}

/** Principal of an HTTP request or upgrade: cookie first, then a bearer token or `token` param. */
export async function principalOf(
  auth: AuthService,
  headers: { cookie?: string | undefined; authorization?: string | undefined },
  token?: string | null,
): Promise<Principal | null> {
  const cookie = readCookie(headers.cookie, SESSION_COOKIE);
  if (cookie) {
    const p = await auth.fromSession(cookie);
    if (p) return p;
  }
  const bearer = /^Bearer\s+(\S+)$/i.exec(headers.authorization ?? '')?.[1] ?? token ?? null;
  return bearer ? auth.fromToken(bearer) : null;
}

export function authenticate(auth: AuthService): RequestHandler {
  return async (req, _res, next) => {
    try {
      req.principal = await principalOf(auth, req.headers);
      next();
    } catch (err) {
      next(err);
    }
  };
}

export function requestContext(req: Request): RequestContext {
  return {
    ip: req.socket.remoteAddress ?? 'unknown',
    userAgent: String(req.headers['user-agent'] ?? ''),
  };
}

/** The caller, or 401. */
export function requirePrincipal(req: Request): Principal {
  const p = req.principal;
  if (!p) throw new HttpError(401, 'unauthenticated', 'Sign in first');
  return p;
}

/** A signed-in person with an account (not a meeting-link guest), or 401/403. */
export function requireAccount(req: Request): Principal {
  const p = requirePrincipal(req);
  if (p.user.kind !== 'user')
    throw new HttpError(403, 'forbidden', 'Guests cannot do this; sign in with an account');
  return p;
}

export function requireAdmin(req: Request): Principal {
  const p = requireAccount(req);
  if (!p.user.isAdmin) throw new HttpError(403, 'forbidden', 'Administrators only');
  if (p.token?.role) throw new HttpError(403, 'forbidden', 'This token cannot administer');
  return p;
}

/** Every /api route after this needs a signed-in caller. */
export const requireSignedIn: RequestHandler = (req, _res, next) => {
  try {
    requirePrincipal(req);
    next();
  } catch (err) {
    next(err);
  }
};

export function setSessionCookie(
  res: Response,
  secret: string,
  expires: Date,
  secure: boolean,
): void {
  res.cookie(SESSION_COOKIE, secret, {
    httpOnly: true,
    sameSite: 'lax',
    secure,
    path: '/',
    expires,
  });
}

export function clearSessionCookie(res: Response, secure: boolean): void {
  res.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'lax', secure, path: '/' });
}
