/**
 * SQLite {@link AccountsStore} on the server's shared better-sqlite3 connection.
 * Tables are prefixed `acc_` and created on open; every method is one statement or
 * one transaction, so each call is atomic.
 */
import type { Statement } from 'better-sqlite3';
import type { SopRole } from '../../shared/access/permissions.js';
import type { SqliteDb } from '../storage/sqliteDb.js';
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
import { accountsSchema } from './sqliteSchema.js';
import type { AccountsStore, UnitRecord } from './types.js';

export function createSqliteAccounts(db: SqliteDb): AccountsStore {
  db.exec(accountsSchema);
  // Each statement is compiled once and kept: the queries run on every socket's sign-in
  // and every access re-check, where compiling each time was most of their cost.
  const statements = new Map<string, Statement<unknown[], unknown>>();
  const p = <T = Row>(sql: string): Statement<unknown[], T> => {
    let st = statements.get(sql);
    if (!st) {
      st = db.prepare<unknown[], unknown>(sql);
      statements.set(sql, st);
    }
    return st as Statement<unknown[], T>;
  };
  const setting = {
    get: p<{ value: string }>('SELECT value FROM acc_settings WHERE key = ?'),
    put: p(
      'INSERT INTO acc_settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
    ),
  };
  const setChainTx = db.transaction((unitId: string, ids: readonly string[]) => {
    p('DELETE FROM acc_chain WHERE unit_id = ?').run(unitId);
    const ins = p('INSERT INTO acc_chain (unit_id, position, user_id) VALUES (?, ?, ?)');
    for (const [i, id] of ids.entries()) ins.run(unitId, i, id);
  });
  const deleteUnitTx = db.transaction((id: string) => {
    p('DELETE FROM acc_unit_members WHERE unit_id = ?').run(id);
    p('DELETE FROM acc_chain WHERE unit_id = ?').run(id);
    return p('DELETE FROM acc_units WHERE id = ?').run(id).changes === 1;
  });
  let closed = false;

  return {
    async getAgencyName() {
      return setting.get.get('agency.name')?.value ?? null;
    },
    async setAgencyName(name) {
      setting.put.run('agency.name', name);
    },

    async countUsers() {
      return Number(
        p<{ n: number }>("SELECT COUNT(*) AS n FROM acc_users WHERE kind = 'user'").get()?.n ?? 0,
      );
    },
    async createUser(u) {
      try {
        p(
          `INSERT INTO acc_users (id, kind, email, nip, name, title, password_hash, is_admin,
             is_approver, approver_units, disabled, link_id, created_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        ).run(
          u.id,
          u.kind,
          u.email,
          u.nip,
          u.name,
          u.title,
          u.passwordHash,
          u.isAdmin ? 1 : 0,
          u.isApprover ? 1 : 0,
          JSON.stringify(u.approverUnits),
          u.disabled ? 1 : 0,
          u.linkId,
          u.createdAt,
        );
        return 'ok';
      } catch (err) {
        const v = uniqueViolation(err);
        if (v) return v;
        throw err;
      }
    },
    async getUser(id) {
      const r = p('SELECT * FROM acc_users WHERE id = ?').get(id);
      return r ? userFrom(r) : null;
    },
    async findUserByLogin(login) {
      const r = p("SELECT * FROM acc_users WHERE kind = 'user' AND (email = ? OR nip = ?)").get(
        login.toLowerCase(),
        login,
      );
      return r ? userFrom(r) : null;
    },
    async listUsers() {
      return p("SELECT * FROM acc_users WHERE kind = 'user' ORDER BY name, id").all().map(userFrom);
    },
    async updateUser(id, fields) {
      const sets: string[] = [];
      const vals: unknown[] = [];
      for (const [k, v] of Object.entries(fields)) {
        const col = USER_COLS[k];
        if (!col || v === undefined) continue;
        sets.push(`${col} = ?`);
        vals.push(userCol(k, v, 'int'));
      }
      if (sets.length === 0) return (await this.getUser(id)) ? 'ok' : 'not_found';
      try {
        const r = db
          .prepare(`UPDATE acc_users SET ${sets.join(', ')} WHERE id = ?`)
          .run(...vals, id);
        return r.changes === 1 ? 'ok' : 'not_found';
      } catch (err) {
        const v = uniqueViolation(err);
        if (v) return v;
        throw err;
      }
    },

    async createSession(x) {
      p(
        `INSERT INTO acc_sessions (id_hash, user_id, created_at, expires_at, absolute_expires_at, ip, user_agent)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      ).run(x.idHash, x.userId, x.createdAt, x.expiresAt, x.absoluteExpiresAt, x.ip, x.userAgent);
    },
    async getSession(idHash) {
      const r = p('SELECT * FROM acc_sessions WHERE id_hash = ?').get(idHash);
      return r ? sessionFrom(r) : null;
    },
    async touchSession(idHash, expiresAt) {
      p('UPDATE acc_sessions SET expires_at = ? WHERE id_hash = ?').run(expiresAt, idHash);
    },
    async deleteSession(idHash) {
      p('DELETE FROM acc_sessions WHERE id_hash = ?').run(idHash);
    },
    async deleteUserSessions(userId, keepHash) {
      const rows = p<{ id_hash: string }>('SELECT id_hash FROM acc_sessions WHERE user_id = ?')
        .all(userId)
        .map((r) => r.id_hash)
        .filter((h) => h !== keepHash);
      const del = p('DELETE FROM acc_sessions WHERE id_hash = ?');
      db.transaction(() => {
        for (const h of rows) del.run(h);
      })();
      return rows;
    },
    async deleteExpiredSessions(now) {
      return p('DELETE FROM acc_sessions WHERE expires_at <= ? OR absolute_expires_at <= ?').run(
        now,
        now,
      ).changes;
    },

    async createUnit(u) {
      p('INSERT INTO acc_units (id, name, created_at) VALUES (?, ?, ?)').run(
        u.id,
        u.name,
        u.createdAt,
      );
    },
    async getUnit(id) {
      const r = p('SELECT * FROM acc_units WHERE id = ?').get(id);
      return r ? unitFrom(r) : null;
    },
    async listUnits(): Promise<UnitRecord[]> {
      return p('SELECT * FROM acc_units ORDER BY name, id').all().map(unitFrom);
    },
    async renameUnit(id, name) {
      return p('UPDATE acc_units SET name = ? WHERE id = ?').run(name, id).changes === 1;
    },
    async deleteUnit(id) {
      return deleteUnitTx(id);
    },
    async addUnitMember(unitId, userId) {
      p('INSERT OR IGNORE INTO acc_unit_members (unit_id, user_id) VALUES (?, ?)').run(
        unitId,
        userId,
      );
    },
    async removeUnitMember(unitId, userId) {
      p('DELETE FROM acc_unit_members WHERE unit_id = ? AND user_id = ?').run(unitId, userId);
    },
    async unitMembers() {
      const out = new Map<string, string[]>();
      for (const r of p('SELECT unit_id, user_id FROM acc_unit_members ORDER BY user_id').all()) {
        const list = out.get(s(r.unit_id)) ?? [];
        list.push(s(r.user_id));
        out.set(s(r.unit_id), list);
      }
      return out;
    },
    async unitsOfUser(userId) {
      return p('SELECT unit_id FROM acc_unit_members WHERE user_id = ? ORDER BY unit_id')
        .all(userId)
        .map((r) => s(r.unit_id));
    },
    async getChain(unitId) {
      return p('SELECT user_id FROM acc_chain WHERE unit_id = ? ORDER BY position')
        .all(unitId)
        .map((r) => s(r.user_id));
    },
    async setChain(unitId, ids) {
      setChainTx(unitId, ids);
    },

    async getSopAccess(sopId) {
      const r = p('SELECT * FROM acc_sop_access WHERE sop_id = ?').get(sopId);
      return r ? accessFrom(r) : null;
    },
    async putSopAccess(a) {
      p(
        `INSERT INTO acc_sop_access (sop_id, unit_id, unit_role, created_by) VALUES (?, ?, ?, ?)
         ON CONFLICT(sop_id) DO UPDATE SET unit_id = excluded.unit_id, unit_role = excluded.unit_role`,
      ).run(a.sopId, a.unitId, a.unitRole, a.createdBy);
    },
    async countSopsInUnit(unitId) {
      return Number(
        p<{ n: number }>('SELECT COUNT(*) AS n FROM acc_sop_access WHERE unit_id = ?').get(unitId)
          ?.n ?? 0,
      );
    },
    async sopMembers(sopId) {
      return new Map(
        p('SELECT user_id, role FROM acc_sop_members WHERE sop_id = ?')
          .all(sopId)
          .map((r) => [s(r.user_id), s(r.role) as SopRole]),
      );
    },
    async setSopMember(sopId, userId, role) {
      p(
        `INSERT INTO acc_sop_members (sop_id, user_id, role) VALUES (?, ?, ?)
         ON CONFLICT(sop_id, user_id) DO UPDATE SET role = excluded.role`,
      ).run(sopId, userId, role);
    },
    async removeSopMember(sopId, userId) {
      return (
        p('DELETE FROM acc_sop_members WHERE sop_id = ? AND user_id = ?').run(sopId, userId)
          .changes === 1
      );
    },
    async sopRolesOfUser(userId) {
      return new Map(
        p('SELECT sop_id, role FROM acc_sop_members WHERE user_id = ?')
          .all(userId)
          .map((r) => [s(r.sop_id), s(r.role) as SopRole]),
      );
    },
    async listSopAccess() {
      return p('SELECT * FROM acc_sop_access').all().map(accessFrom);
    },

    async createLink(l) {
      p(
        `INSERT INTO acc_links (id, code, sop_id, role, created_by, created_at, expires_at, revoked_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(l.id, l.code, l.sopId, l.role, l.createdBy, l.createdAt, l.expiresAt, l.revokedAt);
    },
    async getLink(id) {
      const r = p('SELECT * FROM acc_links WHERE id = ?').get(id);
      return r ? linkFrom(r) : null;
    },
    async findLinkByCode(code) {
      const r = p('SELECT * FROM acc_links WHERE code = ?').get(code);
      return r ? linkFrom(r) : null;
    },
    async listLinks(sopId) {
      return p('SELECT * FROM acc_links WHERE sop_id = ? ORDER BY created_at DESC, id')
        .all(sopId)
        .map(linkFrom);
    },
    async revokeLink(id, at) {
      return (
        p('UPDATE acc_links SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL').run(at, id)
          .changes === 1
      );
    },

    async createToken(t) {
      p(
        `INSERT INTO acc_tokens (id, hash, user_id, name, sop_id, role, created_at, expires_at, last_used_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        t.id,
        t.hash,
        t.userId,
        t.name,
        t.sopId,
        t.role,
        t.createdAt,
        t.expiresAt,
        t.lastUsedAt,
      );
    },
    async findTokenByHash(hash) {
      const r = p('SELECT * FROM acc_tokens WHERE hash = ?').get(hash);
      return r ? tokenFrom(r) : null;
    },
    async listTokens(userId) {
      return p('SELECT * FROM acc_tokens WHERE user_id = ? ORDER BY created_at DESC, id')
        .all(userId)
        .map(tokenFrom);
    },
    async deleteToken(id, userId) {
      return p('DELETE FROM acc_tokens WHERE id = ? AND user_id = ?').run(id, userId).changes === 1;
    },
    async touchToken(id, at) {
      p('UPDATE acc_tokens SET last_used_at = ? WHERE id = ?').run(at, id);
    },

    async addSignoff(x) {
      p(
        `INSERT INTO acc_signoffs (id, sop_id, round, user_id, decision, note, content_hash, at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(x.id, x.sopId, x.round, x.userId, x.decision, x.note, x.contentHash, x.at);
    },
    async currentSignoffs(sopId) {
      const round = Number(
        p<{ r: number | null }>('SELECT MAX(round) AS r FROM acc_signoffs WHERE sop_id = ?').get(
          sopId,
        )?.r ?? 0,
      );
      const signoffs = p('SELECT * FROM acc_signoffs WHERE sop_id = ? AND round = ? ORDER BY seq')
        .all(sopId, round)
        .map(signoffFrom);
      return { round, signoffs };
    },

    async addNotification(n) {
      p(
        `INSERT INTO acc_notifications (id, user_id, at, kind, sop_id, data, read_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      ).run(n.id, n.userId, n.at, n.kind, n.sopId, JSON.stringify(n.data), n.readAt);
    },
    async listNotifications(userId, limit) {
      return p('SELECT * FROM acc_notifications WHERE user_id = ? ORDER BY seq DESC LIMIT ?')
        .all(userId, limit)
        .map(notificationFrom);
    },
    async countUnread(userId) {
      return Number(
        p<{ n: number }>(
          'SELECT COUNT(*) AS n FROM acc_notifications WHERE user_id = ? AND read_at IS NULL',
        ).get(userId)?.n ?? 0,
      );
    },
    async markRead(userId, ids, at) {
      if (ids === null) {
        p('UPDATE acc_notifications SET read_at = ? WHERE user_id = ? AND read_at IS NULL').run(
          at,
          userId,
        );
        return;
      }
      const upd = p(
        'UPDATE acc_notifications SET read_at = ? WHERE user_id = ? AND id = ? AND read_at IS NULL',
      );
      db.transaction(() => {
        for (const id of ids) upd.run(at, userId, id);
      })();
    },

    async close() {
      // The connection is shared and closed by its opener.
      closed = true;
      void closed;
    },
  };
}
