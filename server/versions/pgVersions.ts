/** PostgreSQL {@link VersionStore}: table `versions` on the server's one pool. */
import type { SopSnapshot } from '../../shared/model/types.js';
import { type PgPool, toBytea } from '../storage/pgDb.js';
import type { VersionStore } from './types.js';
import { changesColumn, newVersionId, rowToVersionMeta } from './versionStore.js';

interface FullRow {
  id: string;
  sop_id: string;
  label: string;
  kind: string;
  created_at: string;
  created_by: string | null;
  state: Buffer;
  snapshot: string;
  summary: string | null;
  changes: string | null;
}

export function createPgVersionStore(pool: PgPool): VersionStore {
  return {
    async add(v) {
      const row = {
        id: newVersionId(),
        sop_id: v.sopId,
        label: v.label,
        kind: v.kind,
        created_at: (v.createdAt ?? new Date()).toISOString(),
        created_by: v.createdBy,
        changes: changesColumn(v.changes),
      };
      // One autocommit statement: committed when the query resolves.
      await pool.query(
        `INSERT INTO versions (id, sop_id, label, kind, created_at, created_by, state, snapshot, summary, changes)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
        [
          row.id,
          row.sop_id,
          row.label,
          row.kind,
          row.created_at,
          row.created_by,
          toBytea(v.state),
          JSON.stringify(v.snapshot),
          v.summary === undefined || v.summary === null ? null : JSON.stringify(v.summary),
          row.changes,
        ],
      );
      return rowToVersionMeta(row);
    },
    async list(sopId) {
      const { rows } = await pool.query<FullRow>(
        `SELECT id, sop_id, label, kind, created_at, created_by, changes FROM versions
         WHERE sop_id = $1 ORDER BY created_at DESC, seq DESC`,
        [sopId],
      );
      return rows.map(rowToVersionMeta);
    },
    async get(sopId, versionId) {
      const { rows } = await pool.query<FullRow>(
        `SELECT id, sop_id, label, kind, created_at, created_by, state, snapshot, summary, changes
         FROM versions WHERE sop_id = $1 AND id = $2`,
        [sopId, versionId],
      );
      const r = rows[0];
      if (!r) return null;
      return {
        ...rowToVersionMeta(r),
        state: new Uint8Array(r.state),
        snapshot: JSON.parse(r.snapshot) as SopSnapshot,
        summary: r.summary === null ? null : (JSON.parse(r.summary) as unknown),
      };
    },
    async close() {},
  };
}
