/**
 * API tokens for non-browser clients (mounted at /api): `POST /tokens` → 201
 * `{id, token}` (shown once), `GET /tokens`, `DELETE /tokens/:id`. A token carries at
 * most its owner's rights, optionally capped to one SOP and a lower role; revoking it
 * closes the sockets that use it.
 */
import express from 'express';
import * as v from 'valibot';
import { SOP_ROLES } from '../../shared/access/permissions.js';
import type { Accounts } from '../accounts/index.js';
import type { TokenRecord } from '../accounts/types.js';
import { requestContext, requireAccount } from '../http/auth.js';
import { HttpError } from '../http/errors.js';
import { fields, parseOr } from '../http/validate.js';

const TokenBody = v.object({
  name: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(200)), ''),
  sopId: v.optional(v.nullable(fields.id), null),
  role: v.optional(
    v.nullable(v.picklist(SOP_ROLES, `must be one of ${SOP_ROLES.join(', ')}`)),
    null,
  ),
  expiresInDays: v.optional(
    v.nullable(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(3650))),
    null,
  ),
});

const view = (t: TokenRecord) => ({
  id: t.id,
  name: t.name,
  sopId: t.sopId,
  role: t.role,
  createdAt: t.createdAt,
  lastUsedAt: t.lastUsedAt,
  expiresAt: t.expiresAt,
});

export function createTokensRouter(deps: { accounts: Accounts }): express.Router {
  const { accounts } = deps;
  const router = express.Router();

  router.post('/tokens', async (req, res) => {
    const p = requireAccount(req);
    if (p.via === 'token') throw new HttpError(403, 'forbidden', 'A token cannot create tokens');
    const body = parseOr(TokenBody, req.body ?? {});
    const { record, token } = await accounts.auth.createToken(p, body);
    await accounts.audit(p, requestContext(req), 'token.created', {
      target: record.id,
      detail: { name: record.name, sopId: record.sopId, role: record.role },
    });
    res.status(201).json({ ...view(record), token });
  });

  router.get('/tokens', async (req, res) => {
    const p = requireAccount(req);
    res.json((await accounts.store.listTokens(p.user.id)).map(view));
  });

  router.delete('/tokens/:id', async (req, res) => {
    const p = requireAccount(req);
    const id = String(req.params.id);
    if (!(await accounts.auth.deleteToken(p.user.id, id)))
      throw new HttpError(404, 'not_found', 'No such token');
    await accounts.audit(p, requestContext(req), 'token.revoked', { target: id });
    res.json({ id, revoked: true });
  });

  return router;
}
