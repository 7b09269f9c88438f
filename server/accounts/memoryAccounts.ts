/**
 * In-memory {@link AccountsStore} (tests, `STORAGE=memory`). Same contract as the
 * SQLite store (`test/unit/accounts-contract.test.ts`); values are copied in and out
 * so callers cannot mutate stored records.
 */
import type { SopRole } from '../../shared/access/permissions.js';
import type {
  AccountsStore,
  LinkRecord,
  NotificationRecord,
  SessionRecord,
  SignoffRecord,
  SopAccessRecord,
  TokenRecord,
  UnitRecord,
  UserRecord,
} from './types.js';

const copy = <T>(v: T): T => structuredClone(v);
const byNameThenId = (a: { name: string; id: string }, b: { name: string; id: string }) =>
  a.name < b.name ? -1 : a.name > b.name ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;

export function createMemoryAccounts(): AccountsStore {
  let agencyName: string | null = null;
  const users = new Map<string, UserRecord>();
  const sessions = new Map<string, SessionRecord>();
  const units = new Map<string, UnitRecord>();
  const unitMembers = new Map<string, Set<string>>();
  const chains = new Map<string, string[]>();
  const sopAccess = new Map<string, SopAccessRecord>();
  const sopMembers = new Map<string, Map<string, SopRole>>();
  const links = new Map<string, LinkRecord>();
  const tokens = new Map<string, TokenRecord>();
  const signoffs: SignoffRecord[] = [];
  const notifications: NotificationRecord[] = [];

  const clash = (u: Pick<UserRecord, 'email' | 'nip'>, exceptId: string | null) => {
    for (const o of users.values()) {
      if (o.id === exceptId) continue;
      if (u.email !== null && o.email === u.email) return 'email_taken' as const;
      if (u.nip !== null && o.nip === u.nip) return 'nip_taken' as const;
    }
    return null;
  };

  return {
    async getAgencyName() {
      return agencyName;
    },
    async setAgencyName(name) {
      agencyName = name;
    },

    async countUsers() {
      return [...users.values()].filter((u) => u.kind === 'user').length;
    },
    async createUser(u) {
      const c = clash(u, null);
      if (c) return c;
      users.set(u.id, copy(u));
      return 'ok';
    },
    async getUser(id) {
      const u = users.get(id);
      return u ? copy(u) : null;
    },
    async findUserByLogin(login) {
      const lower = login.toLowerCase();
      for (const u of users.values())
        if (u.kind === 'user' && (u.email === lower || u.nip === login)) return copy(u);
      return null;
    },
    async listUsers() {
      return [...users.values()]
        .filter((u) => u.kind === 'user')
        .sort(byNameThenId)
        .map(copy);
    },
    async updateUser(id, fields) {
      const u = users.get(id);
      if (!u) return 'not_found';
      const next: UserRecord = { ...u };
      for (const [k, v] of Object.entries(fields))
        if (v !== undefined) (next as unknown as Record<string, unknown>)[k] = copy(v);
      const c = clash(next, id);
      if (c) return c;
      users.set(id, next);
      return 'ok';
    },

    async createSession(s) {
      sessions.set(s.idHash, copy(s));
    },
    async getSession(idHash) {
      const s = sessions.get(idHash);
      return s ? copy(s) : null;
    },
    async touchSession(idHash, expiresAt) {
      const s = sessions.get(idHash);
      if (s) s.expiresAt = expiresAt;
    },
    async deleteSession(idHash) {
      sessions.delete(idHash);
    },
    async deleteUserSessions(userId, keepHash) {
      const out: string[] = [];
      for (const [h, s] of sessions)
        if (s.userId === userId && h !== keepHash) {
          sessions.delete(h);
          out.push(h);
        }
      return out;
    },
    async deleteExpiredSessions(now) {
      let n = 0;
      for (const [h, s] of sessions)
        if (s.expiresAt <= now || s.absoluteExpiresAt <= now) {
          sessions.delete(h);
          n++;
        }
      return n;
    },

    async createUnit(u) {
      units.set(u.id, copy(u));
    },
    async getUnit(id) {
      const u = units.get(id);
      return u ? copy(u) : null;
    },
    async listUnits() {
      return [...units.values()].sort(byNameThenId).map(copy);
    },
    async renameUnit(id, name) {
      const u = units.get(id);
      if (!u) return false;
      u.name = name;
      return true;
    },
    async deleteUnit(id) {
      unitMembers.delete(id);
      chains.delete(id);
      return units.delete(id);
    },
    async addUnitMember(unitId, userId) {
      const set = unitMembers.get(unitId) ?? new Set<string>();
      set.add(userId);
      unitMembers.set(unitId, set);
    },
    async removeUnitMember(unitId, userId) {
      unitMembers.get(unitId)?.delete(userId);
    },
    async unitMembers() {
      const out = new Map<string, string[]>();
      for (const [unit, set] of unitMembers) if (set.size) out.set(unit, [...set].sort());
      return out;
    },
    async unitsOfUser(userId) {
      return [...unitMembers]
        .filter(([, set]) => set.has(userId))
        .map(([unit]) => unit)
        .sort();
    },
    async getChain(unitId) {
      return [...(chains.get(unitId) ?? [])];
    },
    async setChain(unitId, ids) {
      chains.set(unitId, [...ids]);
    },

    async getSopAccess(sopId) {
      const a = sopAccess.get(sopId);
      return a ? copy(a) : null;
    },
    async putSopAccess(a) {
      const prev = sopAccess.get(a.sopId);
      sopAccess.set(a.sopId, { ...copy(a), createdBy: prev ? prev.createdBy : a.createdBy });
    },
    async countSopsInUnit(unitId) {
      return [...sopAccess.values()].filter((a) => a.unitId === unitId).length;
    },
    async sopMembers(sopId) {
      return new Map(sopMembers.get(sopId) ?? []);
    },
    async setSopMember(sopId, userId, role) {
      const m = sopMembers.get(sopId) ?? new Map<string, SopRole>();
      m.set(userId, role);
      sopMembers.set(sopId, m);
    },
    async removeSopMember(sopId, userId) {
      return sopMembers.get(sopId)?.delete(userId) ?? false;
    },
    async sopRolesOfUser(userId) {
      const out = new Map<string, SopRole>();
      for (const [sop, m] of sopMembers) {
        const r = m.get(userId);
        if (r) out.set(sop, r);
      }
      return out;
    },
    async listSopAccess() {
      return [...sopAccess.values()].map(copy);
    },

    async createLink(l) {
      links.set(l.id, copy(l));
    },
    async getLink(id) {
      const l = links.get(id);
      return l ? copy(l) : null;
    },
    async findLinkByCode(code) {
      for (const l of links.values()) if (l.code === code) return copy(l);
      return null;
    },
    async listLinks(sopId) {
      return [...links.values()]
        .filter((l) => l.sopId === sopId)
        .sort((a, b) =>
          a.createdAt !== b.createdAt ? (a.createdAt < b.createdAt ? 1 : -1) : a.id < b.id ? -1 : 1,
        )
        .map(copy);
    },
    async revokeLink(id, at) {
      const l = links.get(id);
      if (!l || l.revokedAt !== null) return false;
      l.revokedAt = at;
      return true;
    },

    async createToken(t) {
      tokens.set(t.id, copy(t));
    },
    async findTokenByHash(hash) {
      for (const t of tokens.values()) if (t.hash === hash) return copy(t);
      return null;
    },
    async listTokens(userId) {
      return [...tokens.values()]
        .filter((t) => t.userId === userId)
        .sort((a, b) =>
          a.createdAt !== b.createdAt ? (a.createdAt < b.createdAt ? 1 : -1) : a.id < b.id ? -1 : 1,
        )
        .map(copy);
    },
    async deleteToken(id, userId) {
      const t = tokens.get(id);
      if (!t || t.userId !== userId) return false;
      return tokens.delete(id);
    },
    async touchToken(id, at) {
      const t = tokens.get(id);
      if (t) t.lastUsedAt = at;
    },

    async addSignoff(s) {
      signoffs.push(copy(s));
    },
    async currentSignoffs(sopId) {
      const mine = signoffs.filter((s) => s.sopId === sopId);
      const round = mine.reduce((m, s) => Math.max(m, s.round), 0);
      return { round, signoffs: mine.filter((s) => s.round === round).map(copy) };
    },

    async addNotification(n) {
      notifications.push(copy(n));
    },
    async listNotifications(userId, limit) {
      return notifications
        .filter((n) => n.userId === userId)
        .reverse()
        .slice(0, limit)
        .map(copy);
    },
    async countUnread(userId) {
      return notifications.filter((n) => n.userId === userId && n.readAt === null).length;
    },
    async markRead(userId, ids, at) {
      const wanted = ids === null ? null : new Set(ids);
      for (const n of notifications)
        if (n.userId === userId && n.readAt === null && (wanted === null || wanted.has(n.id)))
          n.readAt = at;
    },

    async close() {},
  };
}
