/**
 * The gate in front of every `/api/sops/:id/...` route: resolves the caller's role on
 * that SOP (404 unknown SOP, 403 no access), then checks the operation the route needs
 * from ONE table ({@link ROUTE_OPS}), so which REST call needs which right can be read
 * in one place. Routes that need finer rules (the approver of the unit, the presenter,
 * the author of a message) check those themselves after this baseline.
 */
import type { RequestHandler } from 'express';
import { can, type SopOp, type SopRole } from '../../shared/access/permissions.js';
import { isValidDocId } from '../../shared/protocol.js';
import type { Accounts } from '../accounts/index.js';
import type { SopAccessRecord } from '../accounts/types.js';
import { requirePrincipal } from './auth.js';
import { HttpError } from './errors.js';

export interface SopCallerAccess {
  id: string;
  role: SopRole;
  /** The caller approves for the SOP's unit. */
  unitApprover: boolean;
  record: SopAccessRecord;
}

declare global {
  namespace Express {
    interface Request {
      /** Set by {@link sopAccessGate} on `/api/sops/:id/...`. */
      sop?: SopCallerAccess;
    }
  }
}

/** Method + sub-path (after `/api/sops/:id`) → the operation it needs. */
export const ROUTE_OPS: ReadonlyArray<{ method: string; path: RegExp; op: SopOp }> = [
  { method: 'GET', path: /^\/?$/, op: 'read' },
  { method: 'DELETE', path: /^\/?$/, op: 'manage' },
  { method: 'POST', path: /^\/restore\/?$/, op: 'manage' },
  { method: 'GET', path: /^\/export\.(json|pdf|docx)$/, op: 'export' },
  { method: 'GET', path: /^\/forms\.pdf$/, op: 'export' },
  { method: 'POST', path: /^\/versions\/?$/, op: 'version' },
  { method: 'POST', path: /^\/versions\/[^/]+\/restore\/?$/, op: 'edit' },
  { method: 'PATCH', path: /^\/settings\/?$/, op: 'manage' },
  { method: 'PUT', path: /^\/members\/[^/]+$/, op: 'manage' },
  { method: 'DELETE', path: /^\/members\/[^/]+$/, op: 'manage' },
  { method: 'POST', path: /^\/discussion\/?$/, op: 'read' },
];

/** Anything not in the table needs at least `read` (the route checks the rest). */
const BASELINE: SopOp = 'read';

export function opFor(method: string, subPath: string): SopOp {
  for (const r of ROUTE_OPS) if (r.method === method && r.path.test(subPath)) return r.op;
  return BASELINE;
}

export function sopAccessGate(accounts: Accounts): RequestHandler {
  return async (req, _res, next) => {
    try {
      const id = String(req.params.id ?? '');
      if (id === 'import' && req.method === 'POST') return next();
      const p = requirePrincipal(req);
      if (!isValidDocId(id))
        throw new HttpError(404, 'not_found', `No SOP with id ${JSON.stringify(id.slice(0, 130))}`);
      const info = await accounts.access.resolve(p, id);
      if (!info.record) throw new HttpError(404, 'not_found', `No SOP with id ${id}`);
      if (!info.role) throw new HttpError(403, 'forbidden', 'You have no access to this SOP');
      const op = opFor(req.method, req.path);
      if (!can(info.role, op))
        throw new HttpError(403, 'forbidden', `Your role (${info.role}) cannot ${op} this SOP`);
      req.sop = { id, role: info.role, unitApprover: info.unitApprover, record: info.record };
      next();
    } catch (err) {
      next(err);
    }
  };
}

/** The gate's result (routes mounted behind it). */
export function callerSop(req: Express.Request): SopCallerAccess {
  if (!req.sop) throw new HttpError(500, 'internal', 'SOP access was not resolved');
  return req.sop;
}
