/**
 * The audit log and in-app notifications (mounted at /api):
 * - `GET /audit?action=&userId=&sopId=&from=&to=&before=&limit=` (administrators)
 * - `GET /sops/:id/history` (anyone who may read the SOP; addresses only for administrators)
 * - `GET /notifications`, `POST /notifications/read {ids?}`
 */
import express from 'express';
import * as v from 'valibot';
import type { AuditEntry } from '../accounts/audit.js';
import type { Accounts } from '../accounts/index.js';
import { requireAccount, requireAdmin, requirePrincipal } from '../http/auth.js';
import { callerSop } from '../http/sopAccess.js';
import { fields, parseOr } from '../http/validate.js';

const Query = v.object({
  action: v.optional(v.pipe(v.string(), v.maxLength(64))),
  userId: v.optional(v.pipe(v.string(), v.maxLength(80))),
  sopId: v.optional(fields.id),
  from: v.optional(v.pipe(v.string(), v.maxLength(40))),
  to: v.optional(v.pipe(v.string(), v.maxLength(40))),
  before: v.optional(v.pipe(v.string(), v.regex(/^\d{1,15}$/), v.transform(Number))),
  limit: v.optional(v.pipe(v.string(), v.regex(/^\d{1,3}$/), v.transform(Number))),
});
const ReadBody = v.object({ ids: v.optional(v.pipe(v.array(fields.id), v.maxLength(500))) });

function view(e: AuditEntry, withIp: boolean) {
  return {
    id: e.id,
    at: e.at,
    actor: e.actorId || e.actorName ? { id: e.actorId, name: e.actorName } : null,
    action: e.action,
    sopId: e.sopId,
    target: e.target,
    detail: e.detail,
    ip: withIp ? e.ip : null,
  };
}

export function createAuditRouter(deps: {
  accounts: Accounts;
  sopName(id: string): Promise<string>;
}): express.Router {
  const { store, auditLog } = deps.accounts;
  const router = express.Router();

  router.get('/audit', async (req, res) => {
    requireAdmin(req);
    const q = parseOr(Query, req.query, { status: 400, code: 'invalid_query', what: 'query' });
    const limit = q.limit ?? 100;
    const items = await auditLog.query({
      ...(q.action ? { action: q.action } : {}),
      ...(q.userId ? { actorId: q.userId } : {}),
      ...(q.sopId ? { sopId: q.sopId } : {}),
      ...(q.from ? { from: q.from } : {}),
      ...(q.to ? { to: q.to } : {}),
      ...(q.before !== undefined ? { before: q.before } : {}),
      limit,
    });
    res.json({
      items: items.map((e) => view(e, true)),
      nextBefore: items.length === limit ? (items[items.length - 1]?.id ?? null) : null,
    });
  });

  router.get('/sops/:id/history', async (req, res) => {
    const p = requirePrincipal(req);
    const sop = callerSop(req);
    const q = parseOr(Query, req.query, { status: 400, code: 'invalid_query', what: 'query' });
    const limit = q.limit ?? 100;
    const items = await auditLog.query({
      sopId: sop.id,
      ...(q.before !== undefined ? { before: q.before } : {}),
      limit,
    });
    res.json({
      items: items.map((e) => view(e, p.user.isAdmin)),
      nextBefore: items.length === limit ? (items[items.length - 1]?.id ?? null) : null,
    });
  });

  router.get('/notifications', async (req, res) => {
    const p = requireAccount(req);
    const list = await store.listNotifications(p.user.id, 50);
    const names = new Map<string, string>();
    for (const n of list)
      if (n.sopId && !names.has(n.sopId)) names.set(n.sopId, await deps.sopName(n.sopId));
    res.json({
      unread: await store.countUnread(p.user.id),
      items: list.map((n) => ({
        id: n.id,
        at: n.at,
        kind: n.kind,
        sopId: n.sopId,
        sopName: n.sopId ? (names.get(n.sopId) ?? '') : '',
        data: n.data,
        readAt: n.readAt,
      })),
    });
  });

  router.post('/notifications/read', async (req, res) => {
    const p = requireAccount(req);
    const body = parseOr(ReadBody, req.body ?? {});
    await store.markRead(p.user.id, body.ids ?? null, new Date().toISOString());
    res.status(204).end();
  });

  return router;
}
