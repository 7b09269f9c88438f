/** SQLite {@link AuditLog} (table `acc_audit`) on the server's shared connection. */
import type { SqliteDb } from '../storage/sqliteDb.js';
import { type AuditEntry, type AuditLog, auditLimit } from './audit.js';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS acc_audit (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  at TEXT NOT NULL,
  actor_id TEXT,
  actor_name TEXT NOT NULL DEFAULT '',
  action TEXT NOT NULL,
  sop_id TEXT,
  target TEXT,
  detail TEXT NOT NULL DEFAULT '{}',
  ip TEXT
);
CREATE INDEX IF NOT EXISTS acc_audit_by_sop ON acc_audit (sop_id, id);
CREATE INDEX IF NOT EXISTS acc_audit_by_actor ON acc_audit (actor_id, id);
`;

interface Row {
  id: number;
  at: string;
  actor_id: string | null;
  actor_name: string;
  action: string;
  sop_id: string | null;
  target: string | null;
  detail: string;
  ip: string | null;
}

export function createSqliteAudit(db: SqliteDb): AuditLog {
  db.exec(SCHEMA);
  const insert = db.prepare(
    `INSERT INTO acc_audit (at, actor_id, actor_name, action, sop_id, target, detail, ip)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  return {
    async add(e) {
      insert.run(
        e.at ?? new Date().toISOString(),
        e.actorId,
        e.actorName,
        e.action,
        e.sopId,
        e.target,
        JSON.stringify(e.detail),
        e.ip,
      );
    },
    async query(q) {
      const where: string[] = [];
      const vals: unknown[] = [];
      const add = (cond: string, v: unknown) => {
        where.push(cond);
        vals.push(v);
      };
      if (q.action) add('action = ?', q.action);
      if (q.actorId) add('actor_id = ?', q.actorId);
      if (q.sopId) add('sop_id = ?', q.sopId);
      if (q.from) add('at >= ?', q.from);
      if (q.to) add('at < ?', q.to);
      if (q.before !== undefined) add('id < ?', q.before);
      const sql = `SELECT * FROM acc_audit ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY id DESC LIMIT ?`;
      return db
        .prepare<unknown[], Row>(sql)
        .all(...vals, auditLimit(q))
        .map(
          (r): AuditEntry => ({
            id: Number(r.id),
            at: r.at,
            actorId: r.actor_id,
            actorName: r.actor_name,
            action: r.action,
            sopId: r.sop_id,
            target: r.target,
            detail: JSON.parse(r.detail || '{}') as Record<string, unknown>,
            ip: r.ip,
          }),
        );
    },
  };
}
