/**
 * The accounts side of the server, built once per server: the store, authentication,
 * access resolution, change events, the audit log and in-app notifications.
 */
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import { AccessService } from './accessService.js';
import type { AuditLog } from './audit.js';
import { AuthService } from './authService.js';
import { AccessEvents } from './events.js';
import type { Principal, RequestContext } from './principal.js';
import { newId } from './secrets.js';
import type { AccountsStore } from './types.js';

export interface AuditFields {
  sopId?: string | null;
  target?: string | null;
  detail?: Record<string, unknown>;
}

export interface Accounts {
  store: AccountsStore;
  /** The audit log itself (reads; writes go through {@link Accounts.audit}). */
  auditLog: AuditLog;
  auth: AuthService;
  access: AccessService;
  events: AccessEvents;
  /** Appends to the audit log: who (principal or a name), what, when, from where. */
  audit(
    who: Principal | { id: string | null; name: string } | null,
    ctx: RequestContext | null,
    action: string,
    fields?: AuditFields,
  ): Promise<void>;
  /** An in-app notification for `userId` (data is rendered by the client in its language). */
  notify(
    userId: string,
    kind: string,
    sopId: string | null,
    data: Record<string, unknown>,
  ): Promise<void>;
}

export function createAccounts(deps: {
  store: AccountsStore;
  audit: AuditLog;
  config: Config;
  logger: Logger;
}): Accounts {
  const { store, config, audit: auditLog } = deps;
  const log = deps.logger.child({ component: 'accounts' });
  const events = new AccessEvents();
  const auth = new AuthService(store, events, config, log);
  const access = new AccessService(store, events);
  return {
    store,
    auditLog,
    auth,
    access,
    events,
    async audit(who, ctx, action, fields = {}) {
      const actor =
        who === null
          ? { id: null, name: '' }
          : 'user' in who
            ? { id: who.user.id, name: who.user.name }
            : who;
      try {
        await auditLog.add({
          actorId: actor.id,
          actorName: actor.name,
          action,
          sopId: fields.sopId ?? null,
          target: fields.target ?? null,
          detail: fields.detail ?? {},
          ip: ctx?.ip ?? null,
        });
      } catch (err) {
        // An audit write failure is logged loudly but does not undo what was done.
        log.error({ err, action }, 'audit log write failed');
      }
    },
    async notify(userId, kind, sopId, data) {
      try {
        await store.addNotification({
          id: newId(),
          userId,
          at: new Date().toISOString(),
          kind,
          sopId,
          data,
          readAt: null,
        });
      } catch (err) {
        log.error({ err, kind }, 'notification write failed');
      }
    },
  };
}
