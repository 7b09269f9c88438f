/**
 * Authentication: password logins, sessions, API tokens and meeting-link guests.
 *
 * Sessions are opaque 256-bit random ids in an httpOnly cookie, stored only as their
 * SHA-256; they slide (`sessionIdleHours`) up to an absolute life (`sessionMaxDays`).
 * Failed logins are limited per account and per address. Nothing here logs a password,
 * a session id or a token.
 */
import type { Logger } from 'pino';
import type { AccessEvents } from './events.js';
import { FailureLimiter } from './loginLimiter.js';
import { hashPassword, verifyPassword } from './passwords.js';
import type { Principal, RequestContext } from './principal.js';
import { newId, newSecret, newToken, sha256hex, TOKEN_PREFIX } from './secrets.js';
import type { AccountsStore, LinkRecord, TokenRecord, UserRecord } from './types.js';

export interface AuthConfig {
  sessionIdleHours: number;
  sessionMaxDays: number;
  loginMaxFailures: number;
  loginMaxFailuresPerAddress: number;
  loginWindowMinutes: number;
}

export type LoginResult =
  | { ok: true; user: UserRecord; secret: string; expiresAt: Date }
  | { ok: false; status: 401 }
  | { ok: false; status: 429; retryAfter: number };

export interface NewUserInput {
  email: string;
  name: string;
  password: string;
  title?: string;
  nip?: string | null;
  isAdmin?: boolean;
  isApprover?: boolean;
  approverUnits?: string[];
}

const HOUR = 3600_000;

export class AuthService {
  private readonly perAccount: FailureLimiter;
  private readonly perAddress: FailureLimiter;

  constructor(
    private readonly store: AccountsStore,
    private readonly events: AccessEvents,
    private readonly config: AuthConfig,
    private readonly log: Logger,
    private readonly now: () => number = Date.now,
  ) {
    const windowMs = config.loginWindowMinutes * 60_000;
    this.perAccount = new FailureLimiter({ max: config.loginMaxFailures, windowMs, now });
    this.perAddress = new FailureLimiter({
      max: config.loginMaxFailuresPerAddress,
      windowMs,
      now,
    });
  }

  async createUser(
    input: NewUserInput,
  ): Promise<{ ok: true; user: UserRecord } | { ok: false; code: 'email_taken' | 'nip_taken' }> {
    const user: UserRecord = {
      id: newId(),
      kind: 'user',
      email: input.email.trim().toLowerCase(),
      nip: input.nip ? input.nip.replace(/\s+/g, '') : null,
      name: input.name.trim(),
      title: (input.title ?? '').trim(),
      passwordHash: await hashPassword(input.password),
      isAdmin: input.isAdmin ?? false,
      isApprover: input.isApprover ?? false,
      approverUnits: input.approverUnits ?? [],
      disabled: false,
      linkId: null,
      createdAt: new Date(this.now()).toISOString(),
    };
    const r = await this.store.createUser(user);
    return r === 'ok' ? { ok: true, user } : { ok: false, code: r };
  }

  /** Email-or-NIP and password. Limits are checked before the password is. */
  async login(login: string, password: string, ctx: RequestContext): Promise<LoginResult> {
    const account = `acct:${login.trim().toLowerCase()}`;
    const address = `addr:${ctx.ip}`;
    const wait = Math.max(this.perAccount.retryAfter(account), this.perAddress.retryAfter(address));
    if (wait > 0) return { ok: false, status: 429, retryAfter: wait };
    const user = await this.store.findUserByLogin(login.trim());
    const good = await verifyPassword(user?.passwordHash ?? null, password);
    if (!user || !good || user.disabled) {
      this.perAccount.fail(account);
      this.perAddress.fail(address);
      return { ok: false, status: 401 };
    }
    this.perAccount.clear(account);
    const { secret, expiresAt } = await this.startSession(user.id, ctx);
    return { ok: true, user, secret, expiresAt };
  }

  /** A new session for `userId`; returns the cookie value (shown once, stored hashed). */
  async startSession(
    userId: string,
    ctx: RequestContext,
    absoluteEnd?: Date,
  ): Promise<{ secret: string; expiresAt: Date }> {
    const secret = newSecret();
    const now = this.now();
    const absolute = absoluteEnd ?? new Date(now + this.config.sessionMaxDays * 24 * HOUR);
    const sliding = new Date(
      Math.min(now + this.config.sessionIdleHours * HOUR, absolute.getTime()),
    );
    await this.store.createSession({
      idHash: sha256hex(secret),
      userId,
      createdAt: new Date(now).toISOString(),
      expiresAt: sliding.toISOString(),
      absoluteExpiresAt: absolute.toISOString(),
      ip: ctx.ip,
      userAgent: ctx.userAgent.slice(0, 300),
    });
    return { secret, expiresAt: absolute };
  }

  /** The principal of a session cookie, or null (unknown, expired, user disabled). */
  async fromSession(secret: string): Promise<Principal | null> {
    if (!secret || secret.length > 200) return null;
    return this.fromSessionHash(sha256hex(secret));
  }

  /**
   * Re-checks a principal established earlier (an open socket): its session or token
   * may have ended, its account been disabled, its link revoked. Fresh records, or null.
   */
  async revalidate(p: Principal): Promise<Principal | null> {
    if (p.sessionHash) return this.fromSessionHash(p.sessionHash);
    if (p.token) return this.fromTokenHash(p.token.hash);
    return null;
  }

  private async fromSessionHash(hash: string): Promise<Principal | null> {
    const s = await this.store.getSession(hash);
    if (!s) return null;
    const now = this.now();
    if (Date.parse(s.expiresAt) <= now || Date.parse(s.absoluteExpiresAt) <= now) {
      await this.store.deleteSession(hash);
      return null;
    }
    const user = await this.store.getUser(s.userId);
    if (!user || user.disabled) return null;
    let link: LinkRecord | null = null;
    if (user.kind === 'guest') {
      link = user.linkId ? await this.store.getLink(user.linkId) : null;
      if (!link || !linkActive(link, now)) return null;
    }
    // Slide the idle expiry, at most once a minute per session (writes stay rare).
    const next = Math.min(
      now + this.config.sessionIdleHours * HOUR,
      Date.parse(s.absoluteExpiresAt),
    );
    if (next - Date.parse(s.expiresAt) > 60_000)
      await this.store.touchSession(hash, new Date(next).toISOString());
    return { user, via: 'session', sessionHash: hash, token: null, link };
  }

  /** The principal of an API token, or null. */
  async fromToken(token: string): Promise<Principal | null> {
    if (!token.startsWith(TOKEN_PREFIX) || token.length > 200) return null;
    return this.fromTokenHash(sha256hex(token));
  }

  private async fromTokenHash(hash: string): Promise<Principal | null> {
    const t = await this.store.findTokenByHash(hash);
    if (!t) return null;
    const now = this.now();
    if (t.expiresAt && Date.parse(t.expiresAt) <= now) return null;
    const user = await this.store.getUser(t.userId);
    if (!user || user.disabled || user.kind !== 'user') return null;
    if (!t.lastUsedAt || now - Date.parse(t.lastUsedAt) > 60_000)
      await this.store.touchToken(t.id, new Date(now).toISOString());
    return { user, via: 'token', sessionHash: null, token: t, link: null };
  }

  async logout(p: Principal): Promise<void> {
    if (!p.sessionHash) return;
    await this.store.deleteSession(p.sessionHash);
    this.events.emit({ kind: 'session', sessionHash: p.sessionHash });
  }

  /** Ends every session of the user (but `keep`); their sockets close. */
  async endSessions(userId: string, keep?: string): Promise<void> {
    const ended = await this.store.deleteUserSessions(userId, keep);
    for (const h of ended) this.events.emit({ kind: 'session', sessionHash: h });
  }

  async createToken(
    p: Principal,
    opts: {
      name: string;
      sopId: string | null;
      role: TokenRecord['role'];
      expiresInDays: number | null;
    },
  ): Promise<{ record: TokenRecord; token: string }> {
    const token = newToken();
    const now = this.now();
    const record: TokenRecord = {
      id: newId(),
      hash: sha256hex(token),
      userId: p.user.id,
      name: opts.name,
      sopId: opts.sopId,
      role: opts.role,
      createdAt: new Date(now).toISOString(),
      expiresAt: opts.expiresInDays
        ? new Date(now + opts.expiresInDays * 24 * HOUR).toISOString()
        : null,
      lastUsedAt: null,
    };
    await this.store.createToken(record);
    return { record, token };
  }

  async deleteToken(userId: string, id: string): Promise<boolean> {
    const ok = await this.store.deleteToken(id, userId);
    if (ok) this.events.emit({ kind: 'token', tokenId: id });
    return ok;
  }

  /** A guest for a meeting link: a user record of kind guest, and a session ending with the link. */
  async joinAsGuest(
    link: LinkRecord,
    name: string,
    ctx: RequestContext,
  ): Promise<{ user: UserRecord; secret: string; expiresAt: Date }> {
    const user: UserRecord = {
      id: `g-${newId()}`,
      kind: 'guest',
      email: null,
      nip: null,
      name: name.trim(),
      title: '',
      passwordHash: null,
      isAdmin: false,
      isApprover: false,
      approverUnits: [],
      disabled: false,
      linkId: link.id,
      createdAt: new Date(this.now()).toISOString(),
    };
    await this.store.createUser(user);
    const { secret, expiresAt } = await this.startSession(user.id, ctx, new Date(link.expiresAt));
    this.log.info({ user: user.id, link: link.id, sop: link.sopId }, 'guest joined');
    return { user, secret, expiresAt };
  }

  /** Drop expired sessions (periodic housekeeping). */
  async sweep(): Promise<void> {
    await this.store.deleteExpiredSessions(new Date(this.now()).toISOString());
  }
}

export function linkActive(link: LinkRecord, now: number): boolean {
  return link.revokedAt === null && Date.parse(link.expiresAt) > now;
}
