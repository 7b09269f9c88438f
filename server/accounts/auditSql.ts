/**
 * What the SQL audit logs (SQLite, PostgreSQL) share: the table's columns, the insert
 * values of an entry, the WHERE clause of a query and the row → entry mapping. Each
 * store only runs the statements on its own connection (`?` placeholders here; the
 * PostgreSQL store numbers them).
 */
import { type AuditEntry, type AuditQuery, auditLimit, type NewAuditEntry } from './audit.js';

/** A row of `acc_audit` as a driver returns it (`id`: bigint as text on PostgreSQL). */
export interface AuditRow {
  id: number | string;
  at: string;
  actor_id: string | null;
  actor_name: string;
  action: string;
  sop_id: string | null;
  target: string | null;
  detail: string;
  ip: string | null;
}

/** `INSERT` of one entry: its column list and values in that order. */
export const AUDIT_INSERT_COLUMNS = 'at, actor_id, actor_name, action, sop_id, target, detail, ip';

export function auditInsertValues(e: NewAuditEntry): unknown[] {
  return [
    e.at ?? new Date().toISOString(),
    e.actorId,
    e.actorName,
    e.action,
    e.sopId,
    e.target,
    JSON.stringify(e.detail),
    e.ip,
  ];
}

/** The `SELECT` of a query, newest first, with `?` placeholders, and its values (the limit last). */
export function auditSelect(q: AuditQuery): { sql: string; values: unknown[] } {
  const where: string[] = [];
  const values: unknown[] = [];
  const add = (cond: string, v: unknown) => {
    where.push(cond);
    values.push(v);
  };
  if (q.action) add('action = ?', q.action);
  if (q.actorId) add('actor_id = ?', q.actorId);
  if (q.sopId) add('sop_id = ?', q.sopId);
  if (q.from) add('at >= ?', q.from);
  if (q.to) add('at < ?', q.to);
  if (q.before !== undefined) add('id < ?', q.before);
  values.push(auditLimit(q));
  return {
    sql: `SELECT * FROM acc_audit ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY id DESC LIMIT ?`,
    values,
  };
}

export function auditEntryOf(r: AuditRow): AuditEntry {
  return {
    id: Number(r.id),
    at: r.at,
    actorId: r.actor_id,
    actorName: r.actor_name,
    action: r.action,
    sopId: r.sop_id,
    target: r.target,
    detail: JSON.parse(r.detail || '{}') as Record<string, unknown>,
    ip: r.ip,
  };
}
