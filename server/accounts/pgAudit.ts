/** PostgreSQL {@link AuditLog} (table `acc_audit`) on the server's one pool. */
import { type PgPool, toNum } from '../storage/pgDb.js';
import { type AuditEntry, type AuditLog, auditLimit } from './audit.js';

interface Row {
  id: string;
  at: string;
  actor_id: string | null;
  actor_name: string;
  action: string;
  sop_id: string | null;
  target: string | null;
  detail: string;
  ip: string | null;
}

export function createPgAudit(pool: PgPool): AuditLog {
  return {
    async add(e) {
      await pool.query(
        `INSERT INTO acc_audit (at, actor_id, actor_name, action, sop_id, target, detail, ip)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [
          e.at ?? new Date().toISOString(),
          e.actorId,
          e.actorName,
          e.action,
          e.sopId,
          e.target,
          JSON.stringify(e.detail),
          e.ip,
        ],
      );
    },
    async query(q) {
      const where: string[] = [];
      const vals: unknown[] = [];
      const add = (cond: string, v: unknown) => {
        vals.push(v);
        where.push(cond.replace('?', `$${vals.length}`));
      };
      if (q.action) add('action = ?', q.action);
      if (q.actorId) add('actor_id = ?', q.actorId);
      if (q.sopId) add('sop_id = ?', q.sopId);
      if (q.from) add('at >= ?', q.from);
      if (q.to) add('at < ?', q.to);
      if (q.before !== undefined) add('id < ?', q.before);
      vals.push(auditLimit(q));
      const { rows } = await pool.query<Row>(
        `SELECT * FROM acc_audit ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
         ORDER BY id DESC LIMIT $${vals.length}`,
        vals,
      );
      return rows.map(
        (r): AuditEntry => ({
          id: toNum(r.id),
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
