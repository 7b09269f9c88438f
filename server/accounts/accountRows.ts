/**
 * Row ↔ record mapping shared by the SQL accounts stores (SQLite and PostgreSQL use the
 * same `acc_` columns; booleans are 0/1 in SQLite and true/false in PostgreSQL).
 */
import type { SopRole } from '../../shared/access/permissions.js';
import type {
  LinkRecord,
  NotificationRecord,
  SessionRecord,
  SignoffRecord,
  SopAccessRecord,
  TokenRecord,
  UnitRecord,
  UserRecord,
} from './types.js';

export type Row = Record<string, unknown>;

export const s = (v: unknown): string => String(v ?? '');
export const sn = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

const truthy = (v: unknown): boolean => v === 1 || v === true;

export function userFrom(r: Row): UserRecord {
  return {
    id: s(r.id),
    kind: r.kind === 'guest' ? 'guest' : 'user',
    email: sn(r.email),
    nip: sn(r.nip),
    name: s(r.name),
    title: s(r.title),
    passwordHash: sn(r.password_hash),
    isAdmin: truthy(r.is_admin),
    isApprover: truthy(r.is_approver),
    approverUnits: JSON.parse(s(r.approver_units) || '[]') as string[],
    disabled: truthy(r.disabled),
    linkId: sn(r.link_id),
    createdAt: s(r.created_at),
  };
}

export const USER_COLS: Record<string, string> = {
  email: 'email',
  nip: 'nip',
  name: 'name',
  title: 'title',
  passwordHash: 'password_hash',
  isAdmin: 'is_admin',
  isApprover: 'is_approver',
  approverUnits: 'approver_units',
  disabled: 'disabled',
  linkId: 'link_id',
};

/** A user field's column value; `bools` says how booleans are stored. */
export function userCol(k: string, v: unknown, bools: 'int' | 'bool'): unknown {
  if (typeof v === 'boolean') return bools === 'int' ? (v ? 1 : 0) : v;
  if (k === 'approverUnits') return JSON.stringify(v);
  return v;
}

/** Which unique user field an insert/update hit (SQLite: `UNIQUE constraint failed: acc_users.nip`; PostgreSQL: 23505 on `acc_users_nip_key`), or null for any other error. */
export function uniqueViolation(err: unknown): 'email_taken' | 'nip_taken' | null {
  const msg = err instanceof Error ? err.message : '';
  const pgCode = (err as { code?: unknown } | null)?.code;
  if (!msg.includes('UNIQUE') && pgCode !== '23505') return null;
  const where = `${msg} ${(err as { constraint?: unknown }).constraint ?? ''}`;
  return where.includes('nip') ? 'nip_taken' : 'email_taken';
}

export const linkFrom = (r: Row): LinkRecord => ({
  id: s(r.id),
  code: s(r.code),
  sopId: s(r.sop_id),
  role: s(r.role) as LinkRecord['role'],
  createdBy: s(r.created_by),
  createdAt: s(r.created_at),
  expiresAt: s(r.expires_at),
  revokedAt: sn(r.revoked_at),
});

export const tokenFrom = (r: Row): TokenRecord => ({
  id: s(r.id),
  hash: s(r.hash),
  userId: s(r.user_id),
  name: s(r.name),
  sopId: sn(r.sop_id),
  role: sn(r.role) as SopRole | null,
  createdAt: s(r.created_at),
  expiresAt: sn(r.expires_at),
  lastUsedAt: sn(r.last_used_at),
});

export const sessionFrom = (r: Row): SessionRecord => ({
  idHash: s(r.id_hash),
  userId: s(r.user_id),
  createdAt: s(r.created_at),
  expiresAt: s(r.expires_at),
  absoluteExpiresAt: s(r.absolute_expires_at),
  ip: s(r.ip),
  userAgent: s(r.user_agent),
});

export const signoffFrom = (r: Row): SignoffRecord => ({
  id: s(r.id),
  sopId: s(r.sop_id),
  round: Number(r.round),
  userId: s(r.user_id),
  decision: s(r.decision) as SignoffRecord['decision'],
  note: s(r.note),
  contentHash: s(r.content_hash),
  at: s(r.at),
});

export const accessFrom = (r: Row): SopAccessRecord => ({
  sopId: s(r.sop_id),
  unitId: sn(r.unit_id),
  unitRole: s(r.unit_role) as SopAccessRecord['unitRole'],
  createdBy: sn(r.created_by),
});

export const unitFrom = (r: Row): UnitRecord => ({
  id: s(r.id),
  name: s(r.name),
  createdAt: s(r.created_at),
});

export const notificationFrom = (r: Row): NotificationRecord => ({
  id: s(r.id),
  userId: s(r.user_id),
  at: s(r.at),
  kind: s(r.kind),
  sopId: sn(r.sop_id),
  data: JSON.parse(s(r.data) || '{}') as Record<string, unknown>,
  readAt: sn(r.read_at),
});
