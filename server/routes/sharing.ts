/**
 * Who has access to an SOP (mounted at /api/sops, behind the access gate):
 * - `GET /:id/access` → the caller's rights (what the browser mirrors)
 * - `PATCH /:id/settings` `{unitId?, unitRole?}` (owner)
 * - `GET /:id/members`; `PUT|DELETE /:id/members/:userId` `{role}` (owner)
 * - `POST|GET /:id/links`, `DELETE /:id/links/:linkId` (owner, or the review's presenter)
 */
import express, { type Request } from 'express';
import * as v from 'valibot';
import {
  can,
  isSopRole,
  LINK_ROLES,
  sopRights,
  UNIT_ROLES,
} from '../../shared/access/permissions.js';
import { approvesFor } from '../accounts/accessService.js';
import type { Accounts } from '../accounts/index.js';
import { newId, newLinkCode } from '../accounts/secrets.js';
import type { LinkRecord } from '../accounts/types.js';
import { requestContext, requirePrincipal } from '../http/auth.js';
import { HttpError } from '../http/errors.js';
import { callerSop } from '../http/sopAccess.js';
import { fields, parseOr } from '../http/validate.js';

export interface SharingDeps {
  accounts: Accounts;
  /** Current status of the SOP (live doc if open). */
  status(sopId: string): Promise<string>;
  /** User id of the running review session's presenter, if any. */
  presenter(sopId: string): Promise<string | null>;
  /** The SOP's name (notifications, audit). */
  sopName(sopId: string): Promise<string>;
  /** Public origin for links (PUBLIC_URL, else the request's). */
  origin(req: Request): string;
}

const Settings = v.object({
  unitId: v.optional(v.nullable(fields.id)),
  unitRole: v.optional(v.picklist(UNIT_ROLES, `must be one of ${UNIT_ROLES.join(', ')}`)),
});
const LinkBody = v.object({
  role: v.optional(v.picklist(LINK_ROLES, `must be one of ${LINK_ROLES.join(', ')}`), 'commenter'),
  expiresAt: v.optional(v.pipe(v.string(), v.isoTimestamp('expected an ISO timestamp'))),
});

/** End of today in the server's local time (a meeting link's default life). */
export function endOfToday(now = new Date()): Date {
  const d = new Date(now);
  d.setHours(23, 59, 59, 999);
  return d;
}

export function linkView(l: LinkRecord, origin: string) {
  return {
    id: l.id,
    code: l.code,
    url: `${origin}/j/${l.code}`,
    role: l.role,
    createdAt: l.createdAt,
    expiresAt: l.expiresAt,
    createdBy: l.createdBy,
  };
}

export function createSharingRouter(deps: SharingDeps): express.Router {
  const { accounts } = deps;
  const { store, access } = accounts;
  const router = express.Router();

  router.get('/:id/access', async (req, res) => {
    const sop = callerSop(req);
    const status = await deps.status(sop.id);
    const presenter = (await deps.presenter(sop.id)) === requirePrincipal(req).user.id;
    const rights = sopRights({ role: sop.role, status, unitApprover: sop.unitApprover, presenter });
    res.json({
      role: sop.role,
      can: rights,
      status,
      locked: !rights.edit && can(sop.role, 'edit'),
      unitId: sop.record.unitId,
      unitRole: sop.record.unitRole,
    });
  });

  router.patch('/:id/settings', async (req, res) => {
    const p = requirePrincipal(req);
    const sop = callerSop(req);
    const body = parseOr(Settings, req.body);
    if (body.unitId) {
      if (!(await store.getUnit(body.unitId)))
        throw new HttpError(404, 'not_found', 'No such unit');
      const mine = await store.unitsOfUser(p.user.id);
      if (!p.user.isAdmin && !mine.includes(body.unitId))
        throw new HttpError(403, 'forbidden', 'You can only move an SOP to a unit you belong to');
    }
    const next = await access.setSettings(sop.id, body);
    await accounts.audit(p, requestContext(req), 'sop.settings', { sopId: sop.id, detail: body });
    res.json({ unitId: next?.unitId ?? null, unitRole: next?.unitRole ?? 'editor' });
  });

  router.get('/:id/members', async (req, res) => {
    const sop = callerSop(req);
    const explicit = await store.sopMembers(sop.id);
    const unitMembers = sop.record.unitId
      ? ((await store.unitMembers()).get(sop.record.unitId) ?? [])
      : [];
    const members = [];
    for (const u of await store.listUsers()) {
      if (u.disabled) continue;
      const own = explicit.get(u.id);
      let source: 'member' | 'unit' | 'admin' | 'approver' | null = null;
      let role = own ?? null;
      if (own) source = 'member';
      else if (unitMembers.includes(u.id) && sop.record.unitRole !== 'none') {
        source = 'unit';
        role = sop.record.unitRole as typeof role;
      }
      if (u.isAdmin) {
        role = 'owner';
        source ??= 'admin';
      } else if (!role && approvesFor(u, sop.record.unitId)) {
        role = 'commenter';
        source = 'approver';
      }
      if (role && source)
        members.push({ userId: u.id, name: u.name, email: u.email, title: u.title, role, source });
    }
    res.json({ unitId: sop.record.unitId, unitRole: sop.record.unitRole, members });
  });

  router.put('/:id/members/:userId', async (req, res) => {
    const p = requirePrincipal(req);
    const sop = callerSop(req);
    const role = (req.body as { role?: unknown } | undefined)?.role;
    if (!isSopRole(role))
      throw new HttpError(
        422,
        'invalid_role',
        'role must be one of owner, editor, commenter, viewer',
        {
          issues: [{ path: 'role', message: 'must be one of owner, editor, commenter, viewer' }],
        },
      );
    const user = await store.getUser(String(req.params.userId));
    if (user?.kind !== 'user' || user.disabled)
      throw new HttpError(404, 'not_found', 'No such user');
    const r = await access.setMember(sop.id, user.id, role);
    if (r === 'last_owner')
      throw new HttpError(409, 'last_owner', 'An SOP needs at least one owner; add another first');
    await accounts.audit(p, requestContext(req), 'sop.member.set', {
      sopId: sop.id,
      target: user.id,
      detail: { role, user: user.name },
    });
    if (user.id !== p.user.id)
      await accounts.notify(user.id, 'sop.shared', sop.id, {
        role,
        by: p.user.name,
        sopName: await deps.sopName(sop.id),
      });
    res.json({ userId: user.id, role });
  });

  router.delete('/:id/members/:userId', async (req, res) => {
    const p = requirePrincipal(req);
    const sop = callerSop(req);
    const userId = String(req.params.userId);
    const r = await access.setMember(sop.id, userId, null);
    if (r === 'last_owner')
      throw new HttpError(409, 'last_owner', 'An SOP needs at least one owner; add another first');
    if (r === 'not_member')
      throw new HttpError(404, 'not_found', 'That person has no role of their own on this SOP');
    await accounts.audit(p, requestContext(req), 'sop.member.removed', {
      sopId: sop.id,
      target: userId,
    });
    res.json({ userId, removed: true });
  });

  async function mayManageLinks(req: Request): Promise<void> {
    const sop = callerSop(req);
    if (can(sop.role, 'manage')) return;
    const presenter = await deps.presenter(sop.id);
    if (can(sop.role, 'review') && presenter === requirePrincipal(req).user.id) return;
    throw new HttpError(403, 'forbidden', 'Only the owner or the presenter manages meeting links');
  }

  router.post('/:id/links', async (req, res) => {
    const p = requirePrincipal(req);
    const sop = callerSop(req);
    await mayManageLinks(req);
    const body = parseOr(LinkBody, req.body ?? {});
    const now = new Date();
    const expires = body.expiresAt ? new Date(body.expiresAt) : endOfToday(now);
    if (expires.getTime() <= now.getTime() || expires.getTime() > now.getTime() + 30 * 86400_000)
      throw new HttpError(422, 'invalid_body', 'expiresAt must be within the next 30 days', {
        issues: [{ path: 'expiresAt', message: 'must be within the next 30 days' }],
      });
    const link: LinkRecord = {
      id: newId(),
      code: newLinkCode(),
      sopId: sop.id,
      role: body.role,
      createdBy: p.user.id,
      createdAt: now.toISOString(),
      expiresAt: expires.toISOString(),
      revokedAt: null,
    };
    await store.createLink(link);
    await accounts.audit(p, requestContext(req), 'link.created', {
      sopId: sop.id,
      target: link.id,
      detail: { role: link.role, expiresAt: link.expiresAt },
    });
    res.status(201).json(linkView(link, deps.origin(req)));
  });

  router.get('/:id/links', async (req, res) => {
    const sop = callerSop(req);
    await mayManageLinks(req);
    const now = Date.now();
    const links = (await store.listLinks(sop.id)).filter(
      (l) => l.revokedAt === null && Date.parse(l.expiresAt) > now,
    );
    res.json(links.map((l) => linkView(l, deps.origin(req))));
  });

  router.delete('/:id/links/:linkId', async (req, res) => {
    const p = requirePrincipal(req);
    const sop = callerSop(req);
    await mayManageLinks(req);
    const link = await store.getLink(String(req.params.linkId));
    if (!link || link.sopId !== sop.id) throw new HttpError(404, 'not_found', 'No such link');
    await store.revokeLink(link.id, new Date().toISOString());
    accounts.events.emit({ kind: 'link', linkId: link.id });
    await accounts.audit(p, requestContext(req), 'link.revoked', {
      sopId: sop.id,
      target: link.id,
    });
    res.json({ id: link.id, revoked: true });
  });

  return router;
}
