/**
 * Meeting links (mounted at /api, public): `GET /join/:code` describes the link,
 * `POST /join/:code {name}` lets a visitor in as a named guest with exactly the link's
 * role on that one SOP (a signed-in user just keeps their own session). Unknown codes
 * count against the address (guessing is limited on top of the 50-bit codes).
 */
import express, { type Request } from 'express';
import * as v from 'valibot';
import { linkActive } from '../accounts/authService.js';
import type { Accounts } from '../accounts/index.js';
import { FailureLimiter } from '../accounts/loginLimiter.js';
import { normaliseLinkCode } from '../accounts/secrets.js';
import type { LinkRecord } from '../accounts/types.js';
import { requestContext, setSessionCookie } from '../http/auth.js';
import { HttpError } from '../http/errors.js';
import { fields, parseOr } from '../http/validate.js';

const JoinBody = v.object({ name: fields.name });

export function createJoinRouter(deps: {
  accounts: Accounts;
  secureCookies: boolean;
  sopName(sopId: string): Promise<string>;
}): express.Router {
  const { accounts } = deps;
  const router = express.Router();
  const misses = new FailureLimiter({ max: 30, windowMs: 15 * 60_000 });

  async function activeLink(req: Request): Promise<LinkRecord> {
    const ip = requestContext(req).ip;
    const wait = misses.retryAfter(ip);
    if (wait > 0)
      throw new HttpError(
        429,
        'too_many_attempts',
        `Too many unknown links; wait ${wait} s`,
        {},
        {
          'Retry-After': String(wait),
        },
      );
    const code = normaliseLinkCode(String(req.params.code ?? '')).slice(0, 40);
    const link = code ? await accounts.store.findLinkByCode(code) : null;
    if (!link) {
      misses.fail(ip);
      throw new HttpError(404, 'link_not_found', 'This meeting link does not exist');
    }
    if (link.revokedAt !== null) throw new HttpError(410, 'link_revoked', 'This link was revoked');
    if (!linkActive(link, Date.now()))
      throw new HttpError(410, 'link_expired', 'This link has expired');
    if (!(await accounts.store.getSopAccess(link.sopId)))
      throw new HttpError(404, 'link_not_found', 'The SOP of this link no longer exists');
    return link;
  }

  router.get('/join/:code', async (req, res) => {
    const link = await activeLink(req);
    res.json({
      sopId: link.sopId,
      sopName: await deps.sopName(link.sopId),
      role: link.role,
      expiresAt: link.expiresAt,
    });
  });

  router.post('/join/:code', async (req, res) => {
    const link = await activeLink(req);
    const body = parseOr(JoinBody, req.body);
    const ctx = requestContext(req);
    if (req.principal && req.principal.user.kind === 'user') {
      // A signed-in person keeps their own identity (and whatever access they have).
      res.json({ sopId: link.sopId, guest: false });
      return;
    }
    const g = await accounts.auth.joinAsGuest(link, body.name, ctx);
    await accounts.audit({ id: g.user.id, name: `${g.user.name} (tamu)` }, ctx, 'link.joined', {
      sopId: link.sopId,
      target: link.id,
      detail: { role: link.role },
    });
    setSessionCookie(res, g.secret, g.expiresAt, deps.secureCookies);
    res.json({ sopId: link.sopId, guest: true });
  });

  return router;
}
