/**
 * The accounts store: people, sessions, the agency's units, who may do what on
 * which SOP, meeting links, API tokens, approval chains and sign-offs, in-app
 * notifications (the audit log is its own store, `audit.ts`). One interface with memory,
 * SQLite and PostgreSQL implementations (one contract suite,
 * `test/unit/accounts-contract.test.ts`);
 * every method is async so a networked database can implement it too.
 *
 * Secrets are never stored: passwords as argon2id hashes, session ids and API
 * tokens as SHA-256 hashes of 256-bit random values (a database leak gives no
 * usable session). Meeting-link codes are stored as they are: the owner must be
 * able to show the link again during the meeting, they expire (default end of
 * day) and give one role on one SOP.
 */
import type { LinkRole, SopRole, UnitRole } from '../../shared/access/permissions.js';

export interface UserRecord {
  id: string;
  kind: 'user' | 'guest';
  /** Lower-cased; null for guests. */
  email: string | null;
  /** 18 digits without spaces, or null. */
  nip: string | null;
  name: string;
  /** Jabatan, e.g. "Kepala Dinas Perpustakaan dan Kearsipan". */
  title: string;
  /** argon2id hash; null for guests. */
  passwordHash: string | null;
  isAdmin: boolean;
  isApprover: boolean;
  /** Unit ids this approver signs for; `['*']` = every unit. */
  approverUnits: string[];
  disabled: boolean;
  /** Guests: the meeting link they joined through. */
  linkId: string | null;
  createdAt: string;
}

export interface SessionRecord {
  /** SHA-256 (hex) of the cookie value. */
  idHash: string;
  userId: string;
  createdAt: string;
  /** Sliding: pushed forward on use, never past `absoluteExpiresAt`. */
  expiresAt: string;
  absoluteExpiresAt: string;
  ip: string;
  userAgent: string;
}

export interface UnitRecord {
  id: string;
  name: string;
  createdAt: string;
}

/** Access settings of one SOP (the content lives in the document store). */
export interface SopAccessRecord {
  sopId: string;
  unitId: string | null;
  /** Default role of the unit's members on this SOP. */
  unitRole: UnitRole;
  createdBy: string | null;
}

export interface LinkRecord {
  id: string;
  code: string;
  sopId: string;
  role: LinkRole;
  createdBy: string;
  createdAt: string;
  expiresAt: string;
  revokedAt: string | null;
}

export interface TokenRecord {
  id: string;
  /** SHA-256 (hex) of the token. */
  hash: string;
  userId: string;
  name: string;
  /** Restricts the token to one SOP (null: every SOP its owner may reach). */
  sopId: string | null;
  /** Caps the rights (null: the owner's rights). */
  role: SopRole | null;
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
}

/** One approval round of an SOP: the signatures collected towards one approval. */
export interface SignoffRecord {
  id: string;
  sopId: string;
  /** Increases with each round (a return or an approval closes a round). */
  round: number;
  userId: string;
  /** `approved`: the last signature, which approved the SOP (it closes the round). */
  decision: 'signed' | 'returned' | 'approved';
  note: string;
  /** SHA-256 of the content signed (a content change invalidates earlier signatures). */
  contentHash: string;
  at: string;
}

export interface NotificationRecord {
  id: string;
  userId: string;
  at: string;
  kind: string;
  sopId: string | null;
  /** Plain data the client renders (texts are composed client-side, in its language). */
  data: Record<string, unknown>;
  readAt: string | null;
}

export interface AccountsStore {
  // ---- agency
  getAgencyName(): Promise<string | null>;
  setAgencyName(name: string): Promise<void>;

  // ---- users
  countUsers(): Promise<number>;
  /** Inserts; false when the email or NIP is taken. */
  createUser(u: UserRecord): Promise<'ok' | 'email_taken' | 'nip_taken'>;
  getUser(id: string): Promise<UserRecord | null>;
  /** By lower-cased email or by NIP. */
  findUserByLogin(login: string): Promise<UserRecord | null>;
  listUsers(): Promise<UserRecord[]>;
  updateUser(
    id: string,
    fields: Partial<Omit<UserRecord, 'id' | 'kind' | 'createdAt'>>,
  ): Promise<'ok' | 'not_found' | 'email_taken' | 'nip_taken'>;

  // ---- sessions
  createSession(s: SessionRecord): Promise<void>;
  getSession(idHash: string): Promise<SessionRecord | null>;
  touchSession(idHash: string, expiresAt: string): Promise<void>;
  deleteSession(idHash: string): Promise<void>;
  /** Deletes every session of the user except `keepHash`; returns the deleted hashes. */
  deleteUserSessions(userId: string, keepHash?: string): Promise<string[]>;
  deleteExpiredSessions(now: string): Promise<number>;

  // ---- units and membership
  createUnit(u: UnitRecord): Promise<void>;
  getUnit(id: string): Promise<UnitRecord | null>;
  listUnits(): Promise<UnitRecord[]>;
  renameUnit(id: string, name: string): Promise<boolean>;
  deleteUnit(id: string): Promise<boolean>;
  addUnitMember(unitId: string, userId: string): Promise<void>;
  removeUnitMember(unitId: string, userId: string): Promise<void>;
  /** unit id → member user ids */
  unitMembers(): Promise<Map<string, string[]>>;
  unitsOfUser(userId: string): Promise<string[]>;
  /** Ordered approver user ids of the unit's chain (empty: single-step approval). */
  getChain(unitId: string): Promise<string[]>;
  setChain(unitId: string, userIds: readonly string[]): Promise<void>;

  // ---- SOP access
  getSopAccess(sopId: string): Promise<SopAccessRecord | null>;
  putSopAccess(a: SopAccessRecord): Promise<void>;
  countSopsInUnit(unitId: string): Promise<number>;
  /** Explicit per-SOP roles: user id → role. */
  sopMembers(sopId: string): Promise<Map<string, SopRole>>;
  setSopMember(sopId: string, userId: string, role: SopRole): Promise<void>;
  removeSopMember(sopId: string, userId: string): Promise<boolean>;
  /** SOP ids where the user has an explicit role, with it. */
  sopRolesOfUser(userId: string): Promise<Map<string, SopRole>>;
  /** Every SOP's access record (listing filters). */
  listSopAccess(): Promise<SopAccessRecord[]>;

  // ---- meeting links
  createLink(l: LinkRecord): Promise<void>;
  getLink(id: string): Promise<LinkRecord | null>;
  findLinkByCode(code: string): Promise<LinkRecord | null>;
  listLinks(sopId: string): Promise<LinkRecord[]>;
  revokeLink(id: string, at: string): Promise<boolean>;

  // ---- API tokens
  createToken(t: TokenRecord): Promise<void>;
  findTokenByHash(hash: string): Promise<TokenRecord | null>;
  listTokens(userId: string): Promise<TokenRecord[]>;
  deleteToken(id: string, userId: string): Promise<boolean>;
  touchToken(id: string, at: string): Promise<void>;

  // ---- approval sign-offs
  addSignoff(s: SignoffRecord): Promise<void>;
  /** Sign-offs of the SOP's current round (the highest round number), oldest first. */
  currentSignoffs(sopId: string): Promise<{ round: number; signoffs: SignoffRecord[] }>;

  // ---- notifications
  addNotification(n: NotificationRecord): Promise<void>;
  listNotifications(userId: string, limit: number): Promise<NotificationRecord[]>;
  countUnread(userId: string): Promise<number>;
  markRead(userId: string, ids: readonly string[] | null, at: string): Promise<void>;

  close(): Promise<void>;
}
