/**
 * The agency (mounted at /api): its people and its units. Administrators change them;
 * members read what the sharing dialog needs. (The agency's name and profile:
 * `routes/agency.ts`.)
 * - `GET /users`, `POST /users` (→ 201 `{id}`), `PATCH /users/:id`
 * - `GET /units`, `POST /units`, `PATCH|DELETE /units/:id`,
 *   `PUT|DELETE /units/:id/members/:userId`, `PUT /units/:id/chain`
 */
import express from 'express';
import * as v from 'valibot';
import type { Accounts } from '../accounts/index.js';
import { hashPassword } from '../accounts/passwords.js';
import { newId } from '../accounts/secrets.js';
import type { UserRecord } from '../accounts/types.js';
import { requestContext, requireAccount, requireAdmin } from '../http/auth.js';
import { HttpError } from '../http/errors.js';
import { fields, parseOr } from '../http/validate.js';

const ApproverUnits = v.pipe(v.array(v.pipe(v.string(), v.maxLength(64))), v.maxLength(500));

const NewUser = v.object({
  email: fields.email,
  name: fields.name,
  password: fields.password,
  title: v.optional(fields.title, ''),
  nip: fields.nip,
  isAdmin: v.optional(v.boolean(), false),
  isApprover: v.optional(v.boolean(), false),
  approverUnits: v.optional(ApproverUnits, []),
});

const UserPatch = v.object({
  email: v.optional(fields.email),
  name: v.optional(fields.name),
  title: v.optional(fields.title),
  nip: fields.nip,
  isAdmin: v.optional(v.boolean()),
  isApprover: v.optional(v.boolean()),
  approverUnits: v.optional(ApproverUnits),
  disabled: v.optional(v.boolean()),
  password: v.optional(fields.password),
});

const UnitBody = v.object({ name: fields.name });
const ChainBody = v.object({ approvers: v.pipe(v.array(fields.id), v.maxLength(20)) });

function adminView(u: UserRecord, unitIds: string[]) {
  return {
    id: u.id,
    email: u.email,
    nip: u.nip,
    name: u.name,
    title: u.title,
    isAdmin: u.isAdmin,
    isApprover: u.isApprover,
    approverUnits: u.approverUnits,
    unitIds,
    disabled: u.disabled,
    createdAt: u.createdAt,
  };
}

export function createAdminRouter(deps: { accounts: Accounts }): express.Router {
  const { accounts } = deps;
  const { store, auth, events } = accounts;
  const router = express.Router();

  async function unitIdsByUser(): Promise<Map<string, string[]>> {
    const out = new Map<string, string[]>();
    for (const [unit, members] of await store.unitMembers())
      for (const m of members) out.set(m, [...(out.get(m) ?? []), unit]);
    return out;
  }

  async function knownUnits(ids: readonly string[]): Promise<void> {
    const units = new Set((await store.listUnits()).map((u) => u.id));
    const bad = ids.filter((id) => id !== '*' && !units.has(id));
    if (bad.length)
      throw new HttpError(422, 'unknown_unit', `Unknown unit ${bad[0]}`, {
        issues: [{ path: 'approverUnits', message: `unknown unit ${bad[0]}` }],
      });
  }

  router.get('/users', async (req, res) => {
    const p = requireAccount(req);
    const users = await store.listUsers();
    const units = await unitIdsByUser();
    if (p.user.isAdmin) {
      res.json(users.map((u) => adminView(u, units.get(u.id) ?? [])));
      return;
    }
    res.json(
      users
        .filter((u) => !u.disabled)
        .map((u) => ({
          id: u.id,
          email: u.email,
          name: u.name,
          title: u.title,
          unitIds: units.get(u.id) ?? [],
        })),
    );
  });

  router.post('/users', async (req, res) => {
    const p = requireAdmin(req);
    const body = parseOr(NewUser, req.body);
    await knownUnits(body.approverUnits);
    const r = await auth.createUser(body);
    if (!r.ok)
      throw new HttpError(
        409,
        r.code,
        r.code === 'email_taken' ? 'That email is taken' : 'That NIP is taken',
      );
    await accounts.audit(p, requestContext(req), 'user.created', {
      target: r.user.id,
      detail: { email: r.user.email, isAdmin: r.user.isAdmin, isApprover: r.user.isApprover },
    });
    res.status(201).location(`/api/users/${r.user.id}`).json({ id: r.user.id });
  });

  router.patch('/users/:id', async (req, res) => {
    const p = requireAdmin(req);
    const id = String(req.params.id);
    const body = parseOr(UserPatch, req.body);
    const before = await store.getUser(id);
    if (before?.kind !== 'user') throw new HttpError(404, 'not_found', 'No such user');
    if (body.approverUnits) await knownUnits(body.approverUnits);
    if (id === p.user.id && (body.isAdmin === false || body.disabled === true))
      throw new HttpError(409, 'self_lockout', 'You cannot remove your own administrator rights');
    const { password, ...rest } = body;
    const patch: Partial<UserRecord> = { ...rest };
    if (password !== undefined) patch.passwordHash = await hashPassword(password);
    const r = await store.updateUser(id, patch);
    if (r !== 'ok') throw new HttpError(r === 'not_found' ? 404 : 409, r, `Cannot update: ${r}`);
    if (body.disabled === true || password !== undefined) await auth.endSessions(id);
    events.emit({ kind: 'user', userId: id });
    const changed = Object.keys(body).filter((k) => k !== 'password');
    await accounts.audit(p, requestContext(req), 'user.updated', {
      target: id,
      detail: { fields: password !== undefined ? [...changed, 'password'] : changed, ...rest },
    });
    const after = (await store.getUser(id)) as UserRecord;
    res.json(adminView(after, (await unitIdsByUser()).get(id) ?? []));
  });

  router.get('/units', async (req, res) => {
    requireAccount(req);
    const members = await store.unitMembers();
    const out = [];
    for (const u of await store.listUnits())
      out.push({
        id: u.id,
        name: u.name,
        memberIds: members.get(u.id) ?? [],
        chain: await store.getChain(u.id),
        sopCount: await store.countSopsInUnit(u.id),
      });
    res.json(out);
  });

  router.post('/units', async (req, res) => {
    const p = requireAdmin(req);
    const body = parseOr(UnitBody, req.body);
    const id = newId();
    await store.createUnit({ id, name: body.name, createdAt: new Date().toISOString() });
    await accounts.audit(p, requestContext(req), 'unit.created', {
      target: id,
      detail: { name: body.name },
    });
    res.status(201).json({ id });
  });

  async function unitOr404(id: string) {
    const u = await store.getUnit(id);
    if (!u) throw new HttpError(404, 'not_found', 'No such unit');
    return u;
  }

  router.patch('/units/:id', async (req, res) => {
    const p = requireAdmin(req);
    const u = await unitOr404(String(req.params.id));
    const body = parseOr(UnitBody, req.body);
    await store.renameUnit(u.id, body.name);
    await accounts.audit(p, requestContext(req), 'unit.renamed', {
      target: u.id,
      detail: { from: u.name, to: body.name },
    });
    res.json({ id: u.id, name: body.name });
  });

  router.delete('/units/:id', async (req, res) => {
    const p = requireAdmin(req);
    const u = await unitOr404(String(req.params.id));
    if ((await store.countSopsInUnit(u.id)) > 0)
      throw new HttpError(409, 'unit_in_use', 'SOPs still belong to this unit; move them first');
    const members = (await store.unitMembers()).get(u.id) ?? [];
    await store.deleteUnit(u.id);
    for (const m of members) events.emit({ kind: 'user', userId: m });
    await accounts.audit(p, requestContext(req), 'unit.deleted', {
      target: u.id,
      detail: { name: u.name },
    });
    res.json({ id: u.id, deleted: true });
  });

  router.put('/units/:id/members/:userId', async (req, res) => {
    const p = requireAdmin(req);
    const u = await unitOr404(String(req.params.id));
    const user = await store.getUser(String(req.params.userId));
    if (user?.kind !== 'user') throw new HttpError(404, 'not_found', 'No such user');
    await store.addUnitMember(u.id, user.id);
    events.emit({ kind: 'user', userId: user.id });
    await accounts.audit(p, requestContext(req), 'unit.member.added', {
      target: user.id,
      detail: { unitId: u.id, unit: u.name, user: user.name },
    });
    res.json({ unitId: u.id, userId: user.id });
  });

  router.delete('/units/:id/members/:userId', async (req, res) => {
    const p = requireAdmin(req);
    const u = await unitOr404(String(req.params.id));
    const userId = String(req.params.userId);
    await store.removeUnitMember(u.id, userId);
    events.emit({ kind: 'user', userId });
    await accounts.audit(p, requestContext(req), 'unit.member.removed', {
      target: userId,
      detail: { unitId: u.id, unit: u.name },
    });
    res.json({ unitId: u.id, userId, removed: true });
  });

  router.put('/units/:id/chain', async (req, res) => {
    const p = requireAdmin(req);
    const u = await unitOr404(String(req.params.id));
    const body = parseOr(ChainBody, req.body);
    if (new Set(body.approvers).size !== body.approvers.length)
      throw new HttpError(422, 'invalid_chain', 'An approver appears twice in the chain');
    for (const id of body.approvers) {
      const a = await store.getUser(id);
      const ok =
        a?.isApprover &&
        !a.disabled &&
        (a.approverUnits.includes('*') || a.approverUnits.includes(u.id));
      if (!ok)
        throw new HttpError(422, 'invalid_chain', `User ${id} is not an approver for this unit`);
    }
    await store.setChain(u.id, body.approvers);
    await accounts.audit(p, requestContext(req), 'unit.chain.set', {
      target: u.id,
      detail: { approvers: body.approvers },
    });
    res.json({ unitId: u.id, chain: body.approvers });
  });

  return router;
}
