/**
 * Sign-in and the first run (mounted at /api):
 * - `GET /setup` (public) → `{needed, agencyName}`; `POST /setup` (public, only while no
 *   account exists) creates the agency and its first administrator, signed in.
 * - `POST /auth/login` (public) `{email, password}` (email or NIP) → `{user}` + cookie;
 *   401 `invalid_credentials`, 429 `too_many_attempts` with `Retry-After`.
 * - `POST /auth/logout`, `POST /auth/logout-all`, `GET|PATCH /auth/me`, `POST /auth/password`.
 */
import express, { type Request } from 'express';
import * as v from 'valibot';
import type { Accounts } from '../accounts/index.js';
import { hashPassword, verifyPassword } from '../accounts/passwords.js';
import { type Principal, type PublicUser, publicUser } from '../accounts/principal.js';
import type { UserRecord } from '../accounts/types.js';
import {
  clearSessionCookie,
  requestContext,
  requireAccount,
  requirePrincipal,
  setSessionCookie,
} from '../http/auth.js';
import { HttpError } from '../http/errors.js';
import { fields, parseOr } from '../http/validate.js';

const SetupBody = v.object({
  agencyName: v.pipe(v.string(), v.trim(), v.minLength(1, 'must not be empty'), v.maxLength(300)),
  name: fields.name,
  email: fields.email,
  password: fields.password,
  title: v.optional(fields.title, ''),
  nip: fields.nip,
});

const LoginBody = v.object({
  email: v.pipe(v.string(), v.trim(), v.minLength(1, 'must not be empty'), v.maxLength(254)),
  password: v.pipe(v.string(), v.maxLength(1024)),
});

const MeBody = v.object({
  name: v.optional(fields.name),
  title: v.optional(fields.title),
  nip: fields.nip,
});

const PasswordBody = v.object({
  currentPassword: v.pipe(v.string(), v.maxLength(1024)),
  newPassword: fields.password,
});

export interface AuthRouterDeps {
  accounts: Accounts;
  /** Cookies get `Secure` (PUBLIC_URL is https). */
  secureCookies: boolean;
  /** Run once the first administrator exists (claims existing SOPs, seeds the sample). */
  onFirstAdmin(userId: string): Promise<void>;
}

export function createAuthRouter(deps: AuthRouterDeps): express.Router {
  const { accounts, secureCookies } = deps;
  const { store, auth } = accounts;
  const router = express.Router();

  async function describe(user: UserRecord, p: Principal | null): Promise<PublicUser> {
    const unitIds = await store.unitsOfUser(user.id);
    const all = await store.listUnits();
    const units = all
      .filter((u) => unitIds.includes(u.id))
      .map((u) => ({ id: u.id, name: u.name }));
    return publicUser(user, units, p?.link ?? null);
  }

  let settingUp: Promise<unknown> | null = null;

  router.get('/setup', async (_req, res) => {
    res.json({
      needed: (await store.countUsers()) === 0,
      agencyName: await store.getAgencyName(),
    });
  });

  router.post('/setup', async (req, res) => {
    const body = parseOr(SetupBody, req.body);
    // One at a time: two first visitors racing must not both become administrator.
    while (settingUp) await settingUp.catch(() => {});
    const run = (async () => {
      if ((await store.countUsers()) > 0)
        throw new HttpError(409, 'already_set_up', 'Susun is already set up; sign in instead');
      const created = await auth.createUser({
        ...body,
        isAdmin: true,
        isApprover: true,
        approverUnits: ['*'],
      });
      if (!created.ok) throw new HttpError(409, created.code, 'That email or NIP is taken');
      await store.setAgencyName(body.agencyName);
      await deps.onFirstAdmin(created.user.id);
      return created.user;
    })();
    settingUp = run;
    let user: UserRecord;
    try {
      user = await run;
    } finally {
      settingUp = null;
    }
    const ctx = requestContext(req);
    await accounts.audit({ id: user.id, name: user.name }, ctx, 'setup', {
      detail: { agencyName: body.agencyName },
    });
    const session = await auth.startSession(user.id, ctx);
    setSessionCookie(res, session.secret, session.expiresAt, secureCookies);
    res.status(201).json({ user: await describe(user, null) });
  });

  router.post('/auth/login', async (req, res) => {
    const body = parseOr(LoginBody, req.body);
    const ctx = requestContext(req);
    const r = await auth.login(body.email, body.password, ctx);
    if (!r.ok) {
      await accounts.audit(null, ctx, 'login.failed', {
        target: body.email.slice(0, 254).toLowerCase(),
        detail: { limited: r.status === 429 },
      });
      if (r.status === 429)
        throw new HttpError(
          429,
          'too_many_attempts',
          `Too many failed sign-ins; try again in ${r.retryAfter} s`,
          { retryAfter: r.retryAfter },
          { 'Retry-After': String(r.retryAfter) },
        );
      throw new HttpError(401, 'invalid_credentials', 'Wrong email/NIP or password');
    }
    await accounts.audit({ id: r.user.id, name: r.user.name }, ctx, 'login');
    setSessionCookie(res, r.secret, r.expiresAt, secureCookies);
    res.json({ user: await describe(r.user, null) });
  });

  router.post('/auth/logout', async (req, res) => {
    const p = req.principal;
    if (p) {
      await auth.logout(p);
      await accounts.audit(p, requestContext(req), 'logout');
    }
    clearSessionCookie(res, secureCookies);
    res.status(204).end();
  });

  router.post('/auth/logout-all', async (req, res) => {
    const p = requirePrincipal(req);
    await auth.endSessions(p.user.id);
    await accounts.audit(p, requestContext(req), 'logout.all');
    clearSessionCookie(res, secureCookies);
    res.status(204).end();
  });

  router.get('/auth/me', async (req, res) => {
    const p = requirePrincipal(req);
    res.json({
      user: await describe(p.user, p),
      agency: { name: (await store.getAgencyName()) ?? '' },
    });
  });

  router.patch('/auth/me', async (req, res) => {
    const p = requireAccount(req);
    const body = parseOr(MeBody, req.body);
    const patch: Partial<UserRecord> = {};
    if (body.name !== undefined) patch.name = body.name;
    if (body.title !== undefined) patch.title = body.title;
    if (body.nip !== undefined) patch.nip = body.nip;
    const r = await store.updateUser(p.user.id, patch);
    if (r === 'nip_taken' || r === 'email_taken')
      throw new HttpError(409, r, 'That NIP belongs to another account');
    const user = await store.getUser(p.user.id);
    if (!user) throw new HttpError(404, 'not_found', 'No such user');
    await accounts.audit(p, requestContext(req), 'profile.updated', {
      target: user.id,
      detail: { fields: Object.keys(patch) },
    });
    res.json({ user: await describe(user, p) });
  });

  router.post('/auth/password', async (req: Request, res) => {
    const p = requireAccount(req);
    const body = parseOr(PasswordBody, req.body);
    if (!(await verifyPassword(p.user.passwordHash, body.currentPassword)))
      throw new HttpError(403, 'wrong_password', 'The current password is wrong');
    await store.updateUser(p.user.id, { passwordHash: await hashPassword(body.newPassword) });
    await auth.endSessions(p.user.id, p.sessionHash ?? undefined);
    await accounts.audit(p, requestContext(req), 'password.changed', { target: p.user.id });
    res.status(204).end();
  });

  return router;
}
