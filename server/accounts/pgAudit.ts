/** PostgreSQL {@link AuditLog} (table `acc_audit`) on the server's one pool. */
import type { PgPool } from '../storage/pgDb.js';
import type { AuditLog } from './audit.js';
import {
  AUDIT_INSERT_COLUMNS,
  type AuditRow,
  auditEntryOf,
  auditInsertValues,
  auditSelect,
} from './auditSql.js';

/** `?` placeholders as PostgreSQL's `$1`, `$2`, … */
const numbered = (sql: string): string => {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
};

export function createPgAudit(pool: PgPool): AuditLog {
  const insert = numbered(
    `INSERT INTO acc_audit (${AUDIT_INSERT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  return {
    async add(e) {
      await pool.query(insert, auditInsertValues(e));
    },
    async query(q) {
      const { sql, values } = auditSelect(q);
      const { rows } = await pool.query<AuditRow>(numbered(sql), values);
      return rows.map(auditEntryOf);
    },
  };
}
