/** SQLite {@link AuditLog} (table `acc_audit`) on the server's shared connection. */
import type { SqliteDb } from '../storage/sqliteDb.js';
import type { AuditLog } from './audit.js';
import {
  AUDIT_INSERT_COLUMNS,
  type AuditRow,
  auditEntryOf,
  auditInsertValues,
  auditSelect,
} from './auditSql.js';

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

export function createSqliteAudit(db: SqliteDb): AuditLog {
  db.exec(SCHEMA);
  const insert = db.prepare(
    `INSERT INTO acc_audit (${AUDIT_INSERT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  return {
    async add(e) {
      insert.run(...auditInsertValues(e));
    },
    async query(q) {
      const { sql, values } = auditSelect(q);
      return db
        .prepare<unknown[], AuditRow>(sql)
        .all(...values)
        .map(auditEntryOf);
    },
  };
}
