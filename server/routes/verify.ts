/**
 * Public verification of printed copies (issue 14), no sign-in:
 * - `GET /v/<code>` → the HTML page (`agency/verifyPage.ts`); unknown code → 404 page
 * - `GET /api/verify/<code>` → the same as JSON ({@link PublicVerification}); 404
 *   `not_found`
 * Both count against one limit per address (`VERIFY_RATE_PER_MINUTE`): beyond it 429 with
 * `Retry-After`, so the short codes cannot be enumerated quickly.
 */
import express, { type Request, type Response } from 'express';
import { localIsoDate } from '../../shared/model/index.js';
import { FailureLimiter } from '../accounts/loginLimiter.js';
import { verificationUrl } from '../agency/agencyService.js';
import type { VerificationRecord } from '../agency/types.js';
import { formatCode, normalizeCode, type Verifications } from '../agency/verification.js';
import {
  notFoundPage,
  PAGE_CSP,
  type PublicVerification,
  tooManyPage,
  verificationPage,
} from '../agency/verifyPage.js';
import { requestContext } from '../http/auth.js';

export interface VerifyDeps {
  verifications: Verifications;
  agencyName(): Promise<string>;
  /** The SOP's status (revoked/superseded SOPs' copies are no longer in force). */
  status(sopId: string): Promise<string>;
  /** The public address (`PUBLIC_URL`), or the request's own origin when unset. */
  origin(req: Request): string;
  /** Lookups per address per minute. */
  ratePerMinute: number;
}

/** The public view of a code, or null when it is unknown. */
async function lookup(
  deps: VerifyDeps,
  raw: string,
  origin: string,
): Promise<PublicVerification | null> {
  const code = normalizeCode(raw);
  if (!code) return null;
  const rec = await deps.verifications.get(code);
  if (!rec) return null;
  const [all, status, agencyName] = await Promise.all([
    deps.verifications.list(rec.sopId),
    deps.status(rec.sopId),
    deps.agencyName(),
  ]);
  const latest = all.reduce<VerificationRecord>((a, b) => (b.version > a.version ? b : a), rec);
  const newer = latest.version > rec.version ? latest : null;
  return {
    code: formatCode(rec.code),
    agencyName,
    sopNumber: rec.sopNumber,
    sopName: rec.sopName,
    version: rec.version,
    approver: { name: rec.approverName, title: rec.approverTitle, nip: rec.approverNip },
    approvedAt: rec.approvedAt,
    approvalDate: localIsoDate(new Date(rec.approvedAt)),
    effectiveDate: rec.effectiveDate,
    sha256: rec.sha256,
    status:
      newer || status === 'superseded'
        ? 'superseded'
        : status === 'revoked'
          ? 'revoked'
          : 'current',
    supersededBy: newer
      ? {
          version: newer.version,
          code: formatCode(newer.code),
          url: verificationUrl(origin, newer.code),
        }
      : null,
  };
}

function limiter(deps: VerifyDeps) {
  const hits = new FailureLimiter({ max: deps.ratePerMinute, windowMs: 60_000 });
  /** Seconds to wait, or 0 (and the lookup is counted). */
  return (req: Request): number => {
    const key = requestContext(req).ip;
    const wait = hits.retryAfter(key);
    if (wait === 0) hits.fail(key);
    return wait;
  };
}

/** `/api/verify/:code` (mount with the public API routers). */
export function createVerifyApiRouter(deps: VerifyDeps, limit = limiter(deps)): express.Router {
  const router = express.Router();
  router.get('/verify/:code', async (req, res) => {
    const wait = limit(req);
    if (wait > 0) {
      res.setHeader('Retry-After', String(wait));
      res.status(429).json({
        error: { code: 'too_many_requests', message: `Too many lookups; try again in ${wait} s` },
      });
      return;
    }
    const v = await lookup(deps, String(req.params.code), deps.origin(req));
    if (!v) {
      res.status(404).json({ error: { code: 'not_found', message: 'Unknown verification code' } });
      return;
    }
    res.json(v);
  });
  return router;
}

function htmlHeaders(res: Response): void {
  res.setHeader('Content-Security-Policy', PAGE_CSP);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('X-Robots-Tag', 'noindex');
  // The answer changes when a later version is approved: never cached.
  res.setHeader('Cache-Control', 'no-store');
  res.type('html');
}

/** `/v/:code` (mount before the client's SPA fallback, which must not answer `/v/`). */
export function createVerifyPageRouter(deps: VerifyDeps, limit = limiter(deps)): express.Router {
  const router = express.Router();
  router.get('/v/:code', async (req, res, next) => {
    try {
      htmlHeaders(res);
      const wait = limit(req);
      if (wait > 0) {
        res.setHeader('Retry-After', String(wait));
        res.status(429).send(tooManyPage(wait));
        return;
      }
      const v = await lookup(deps, String(req.params.code), deps.origin(req));
      if (!v) {
        res.status(404).send(notFoundPage());
        return;
      }
      res.send(verificationPage(v));
    } catch (err) {
      next(err);
    }
  });
  // `/v`, `/v/` and deeper paths are not the app either.
  router.get(/^\/v(\/.*)?$/, (_req, res) => {
    htmlHeaders(res);
    res.status(404).send(notFoundPage());
  });
  return router;
}

/** Both routers sharing one limit. */
export function createVerifyRouters(deps: VerifyDeps): {
  api: express.Router;
  page: express.Router;
} {
  const limit = limiter(deps);
  return { api: createVerifyApiRouter(deps, limit), page: createVerifyPageRouter(deps, limit) };
}
