/**
 * PostgreSQL {@link AccountsStore} on the server's one pool: the `acc_` tables of
 * `server/storage/pgMigrations.ts`. Every method is one statement or one transaction, so
 * each call is atomic; a resolved promise means committed.
 */
import type { SopRole } from '../../shared/access/permissions.js';
import { type PgPool, toNum, withTransaction } from '../storage/pgDb.js';
import {
  accessFrom,
  linkFrom,
  notificationFrom,
  type Row,
  s,
  sessionFrom,
  signoffFrom,
  tokenFrom,
  USER_COLS,
  uniqueViolation,
  unitFrom,
  userCol,
  userFrom,
} from './accountRows.js';
import type { AccountsStore } from './types.js';

export function createPgAccounts(pool: PgPool): AccountsStore {
  const all = async (sql: string, params: unknown[] = []): Promise<Row[]> =>
    (await pool.query<Row>(sql, params)).rows;
  const one = async (sql: string, params: unknown[] = []): Promise<Row | undefined> =>
    (await all(sql, params))[0];
  const run = async (sql: string, params: unknown[] = []): Promise<number> =>
    (await pool.query(sql, params)).rowCount ?? 0;
  const count = async (sql: string, params: unknown[] = []): Promise<number> =>
    toNum((await one(sql, params))?.n ?? 0);
  const taken = async <T>(fn: () => Promise<T>): Promise<T | 'email_taken' | 'nip_taken'> => {
    try {
      return await fn();
    } catch (err) {
      const v = uniqueViolation(err);
      if (v) return v;
      throw err;
    }
  };

  return {
    async getAgencyName() {
      const r = await one('SELECT value FROM acc_settings WHERE key = $1', ['agency.name']);
      return r ? s(r.value) : null;
    },
    async setAgencyName(name) {
      await run(
        `INSERT INTO acc_settings (key, value) VALUES ($1, $2)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
        ['agency.name', name],
      );
    },

    async countUsers() {
      return count("SELECT count(*) AS n FROM acc_users WHERE kind = 'user'");
    },
    async createUser(u) {
      return taken(async () => {
        await run(
          `INSERT INTO acc_users (id, kind, email, nip, name, title, password_hash, is_admin,
             is_approver, approver_units, disabled, link_id, created_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
          [
            u.id,
            u.kind,
            u.email,
            u.nip,
            u.name,
            u.title,
            u.passwordHash,
            u.isAdmin,
            u.isApprover,
            JSON.stringify(u.approverUnits),
            u.disabled,
            u.linkId,
            u.createdAt,
          ],
        );
        return 'ok' as const;
      });
    },
    async getUser(id) {
      const r = await one('SELECT * FROM acc_users WHERE id = $1', [id]);
      return r ? userFrom(r) : null;
    },
    async findUserByLogin(login) {
      const r = await one(
        "SELECT * FROM acc_users WHERE kind = 'user' AND (email = $1 OR nip = $2)",
        [login.toLowerCase(), login],
      );
      return r ? userFrom(r) : null;
    },
    async listUsers() {
      return (await all("SELECT * FROM acc_users WHERE kind = 'user' ORDER BY name, id")).map(
        userFrom,
      );
    },
    async updateUser(id, fields) {
      const sets: string[] = [];
      const vals: unknown[] = [id];
      for (const [k, v] of Object.entries(fields)) {
        const col = USER_COLS[k];
        if (!col || v === undefined) continue;
        vals.push(userCol(k, v, 'bool'));
        sets.push(`${col} = $${vals.length}`);
      }
      if (sets.length === 0) return (await this.getUser(id)) ? 'ok' : 'not_found';
      return taken(async () =>
        (await run(`UPDATE acc_users SET ${sets.join(', ')} WHERE id = $1`, vals)) === 1
          ? ('ok' as const)
          : ('not_found' as const),
      );
    },

    async createSession(x) {
      await run(
        `INSERT INTO acc_sessions (id_hash, user_id, created_at, expires_at, absolute_expires_at, ip, user_agent)
         VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [x.idHash, x.userId, x.createdAt, x.expiresAt, x.absoluteExpiresAt, x.ip, x.userAgent],
      );
    },
    async getSession(idHash) {
      const r = await one('SELECT * FROM acc_sessions WHERE id_hash = $1', [idHash]);
      return r ? sessionFrom(r) : null;
    },
    async touchSession(idHash, expiresAt) {
      await run('UPDATE acc_sessions SET expires_at = $1 WHERE id_hash = $2', [expiresAt, idHash]);
    },
    async deleteSession(idHash) {
      await run('DELETE FROM acc_sessions WHERE id_hash = $1', [idHash]);
    },
    async deleteUserSessions(userId, keepHash) {
      const rows = await all(
        `DELETE FROM acc_sessions WHERE user_id = $1 AND id_hash IS DISTINCT FROM $2
         RETURNING id_hash`,
        [userId, keepHash ?? null],
      );
      return rows.map((r) => s(r.id_hash));
    },
    async deleteExpiredSessions(now) {
      return run('DELETE FROM acc_sessions WHERE expires_at <= $1 OR absolute_expires_at <= $1', [
        now,
      ]);
    },

    async createUnit(u) {
      await run('INSERT INTO acc_units (id, name, created_at) VALUES ($1, $2, $3)', [
        u.id,
        u.name,
        u.createdAt,
      ]);
    },
    async getUnit(id) {
      const r = await one('SELECT * FROM acc_units WHERE id = $1', [id]);
      return r ? unitFrom(r) : null;
    },
    async listUnits() {
      return (await all('SELECT * FROM acc_units ORDER BY name, id')).map(unitFrom);
    },
    async renameUnit(id, name) {
      return (await run('UPDATE acc_units SET name = $1 WHERE id = $2', [name, id])) === 1;
    },
    async deleteUnit(id) {
      return withTransaction(pool, async (c) => {
        await c.query('DELETE FROM acc_unit_members WHERE unit_id = $1', [id]);
        await c.query('DELETE FROM acc_chain WHERE unit_id = $1', [id]);
        return (await c.query('DELETE FROM acc_units WHERE id = $1', [id])).rowCount === 1;
      });
    },
    async addUnitMember(unitId, userId) {
      await run(
        `INSERT INTO acc_unit_members (unit_id, user_id) VALUES ($1, $2)
         ON CONFLICT DO NOTHING`,
        [unitId, userId],
      );
    },
    async removeUnitMember(unitId, userId) {
      await run('DELETE FROM acc_unit_members WHERE unit_id = $1 AND user_id = $2', [
        unitId,
        userId,
      ]);
    },
    async unitMembers() {
      const out = new Map<string, string[]>();
      for (const r of await all('SELECT unit_id, user_id FROM acc_unit_members ORDER BY user_id')) {
        const list = out.get(s(r.unit_id)) ?? [];
        list.push(s(r.user_id));
        out.set(s(r.unit_id), list);
      }
      return out;
    },
    async unitsOfUser(userId) {
      return (
        await all('SELECT unit_id FROM acc_unit_members WHERE user_id = $1 ORDER BY unit_id', [
          userId,
        ])
      ).map((r) => s(r.unit_id));
    },
    async getChain(unitId) {
      return (
        await all('SELECT user_id FROM acc_chain WHERE unit_id = $1 ORDER BY position', [unitId])
      ).map((r) => s(r.user_id));
    },
    async setChain(unitId, ids) {
      await withTransaction(pool, async (c) => {
        await c.query('DELETE FROM acc_chain WHERE unit_id = $1', [unitId]);
        await c.query(
          `INSERT INTO acc_chain (unit_id, position, user_id)
           SELECT $1, n - 1, u FROM unnest($2::text[]) WITH ORDINALITY AS t(u, n)`,
          [unitId, [...ids]],
        );
      });
    },

    async getSopAccess(sopId) {
      const r = await one('SELECT * FROM acc_sop_access WHERE sop_id = $1', [sopId]);
      return r ? accessFrom(r) : null;
    },
    async putSopAccess(a) {
      await run(
        `INSERT INTO acc_sop_access (sop_id, unit_id, unit_role, created_by) VALUES ($1, $2, $3, $4)
         ON CONFLICT (sop_id) DO UPDATE SET unit_id = excluded.unit_id, unit_role = excluded.unit_role`,
        [a.sopId, a.unitId, a.unitRole, a.createdBy],
      );
    },
    async countSopsInUnit(unitId) {
      return count('SELECT count(*) AS n FROM acc_sop_access WHERE unit_id = $1', [unitId]);
    },
    async sopMembers(sopId) {
      return new Map(
        (await all('SELECT user_id, role FROM acc_sop_members WHERE sop_id = $1', [sopId])).map(
          (r) => [s(r.user_id), s(r.role) as SopRole],
        ),
      );
    },
    async setSopMember(sopId, userId, role) {
      await run(
        `INSERT INTO acc_sop_members (sop_id, user_id, role) VALUES ($1, $2, $3)
         ON CONFLICT (sop_id, user_id) DO UPDATE SET role = excluded.role`,
        [sopId, userId, role],
      );
    },
    async removeSopMember(sopId, userId) {
      return (
        (await run('DELETE FROM acc_sop_members WHERE sop_id = $1 AND user_id = $2', [
          sopId,
          userId,
        ])) === 1
      );
    },
    async sopRolesOfUser(userId) {
      return new Map(
        (await all('SELECT sop_id, role FROM acc_sop_members WHERE user_id = $1', [userId])).map(
          (r) => [s(r.sop_id), s(r.role) as SopRole],
        ),
      );
    },
    async listSopAccess() {
      return (await all('SELECT * FROM acc_sop_access')).map(accessFrom);
    },

    async createLink(l) {
      await run(
        `INSERT INTO acc_links (id, code, sop_id, role, created_by, created_at, expires_at, revoked_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [l.id, l.code, l.sopId, l.role, l.createdBy, l.createdAt, l.expiresAt, l.revokedAt],
      );
    },
    async getLink(id) {
      const r = await one('SELECT * FROM acc_links WHERE id = $1', [id]);
      return r ? linkFrom(r) : null;
    },
    async findLinkByCode(code) {
      const r = await one('SELECT * FROM acc_links WHERE code = $1', [code]);
      return r ? linkFrom(r) : null;
    },
    async listLinks(sopId) {
      return (
        await all('SELECT * FROM acc_links WHERE sop_id = $1 ORDER BY created_at DESC, id', [sopId])
      ).map(linkFrom);
    },
    async revokeLink(id, at) {
      return (
        (await run('UPDATE acc_links SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL', [
          at,
          id,
        ])) === 1
      );
    },

    async createToken(t) {
      await run(
        `INSERT INTO acc_tokens (id, hash, user_id, name, sop_id, role, created_at, expires_at, last_used_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [t.id, t.hash, t.userId, t.name, t.sopId, t.role, t.createdAt, t.expiresAt, t.lastUsedAt],
      );
    },
    async findTokenByHash(hash) {
      const r = await one('SELECT * FROM acc_tokens WHERE hash = $1', [hash]);
      return r ? tokenFrom(r) : null;
    },
    async listTokens(userId) {
      return (
        await all('SELECT * FROM acc_tokens WHERE user_id = $1 ORDER BY created_at DESC, id', [
          userId,
        ])
      ).map(tokenFrom);
    },
    async deleteToken(id, userId) {
      return (
        (await run('DELETE FROM acc_tokens WHERE id = $1 AND user_id = $2', [id, userId])) === 1
      );
    },
    async touchToken(id, at) {
      await run('UPDATE acc_tokens SET last_used_at = $1 WHERE id = $2', [at, id]);
    },

    async addSignoff(x) {
      await run(
        `INSERT INTO acc_signoffs (id, sop_id, round, user_id, decision, note, content_hash, at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [x.id, x.sopId, x.round, x.userId, x.decision, x.note, x.contentHash, x.at],
      );
    },
    async currentSignoffs(sopId) {
      // One statement: the round and its sign-offs are read at the same moment.
      const rows = await all(
        `SELECT r.round AS current_round, o.* FROM
           (SELECT COALESCE(max(round), 0) AS round FROM acc_signoffs WHERE sop_id = $1) AS r
           LEFT JOIN acc_signoffs o ON o.sop_id = $1 AND o.round = r.round
         ORDER BY o.seq`,
        [sopId],
      );
      const round = toNum(rows[0]?.current_round ?? 0);
      return { round, signoffs: rows.filter((r) => r.id !== null).map(signoffFrom) };
    },

    async addNotification(n) {
      await run(
        `INSERT INTO acc_notifications (id, user_id, at, kind, sop_id, data, read_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [n.id, n.userId, n.at, n.kind, n.sopId, JSON.stringify(n.data), n.readAt],
      );
    },
    async listNotifications(userId, limit) {
      return (
        await all('SELECT * FROM acc_notifications WHERE user_id = $1 ORDER BY seq DESC LIMIT $2', [
          userId,
          limit,
        ])
      ).map(notificationFrom);
    },
    async countUnread(userId) {
      return count(
        'SELECT count(*) AS n FROM acc_notifications WHERE user_id = $1 AND read_at IS NULL',
        [userId],
      );
    },
    async markRead(userId, ids, at) {
      if (ids === null) {
        await run(
          'UPDATE acc_notifications SET read_at = $1 WHERE user_id = $2 AND read_at IS NULL',
          [at, userId],
        );
        return;
      }
      await run(
        `UPDATE acc_notifications SET read_at = $1
         WHERE user_id = $2 AND id = ANY($3::text[]) AND read_at IS NULL`,
        [at, userId, [...ids]],
      );
    },

    async close() {
      // The pool is shared and closed by its opener.
    },
  };
}
