/** Tables of the SQLite accounts store (created on open; additive changes only). */
export const accountsSchema = `
CREATE TABLE IF NOT EXISTS acc_settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS acc_users (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL,
  email TEXT UNIQUE,
  nip TEXT UNIQUE,
  name TEXT NOT NULL,
  title TEXT NOT NULL DEFAULT '',
  password_hash TEXT,
  is_admin INTEGER NOT NULL DEFAULT 0,
  is_approver INTEGER NOT NULL DEFAULT 0,
  approver_units TEXT NOT NULL DEFAULT '[]',
  disabled INTEGER NOT NULL DEFAULT 0,
  link_id TEXT,
  created_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS acc_sessions (
  id_hash TEXT PRIMARY KEY,
  user_id TEXT NOT NULL,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  absolute_expires_at TEXT NOT NULL,
  ip TEXT NOT NULL DEFAULT '',
  user_agent TEXT NOT NULL DEFAULT ''
);
CREATE INDEX IF NOT EXISTS acc_sessions_by_user ON acc_sessions (user_id);
CREATE TABLE IF NOT EXISTS acc_units (id TEXT PRIMARY KEY, name TEXT NOT NULL, created_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS acc_unit_members (
  unit_id TEXT NOT NULL,
  user_id TEXT NOT NULL,
  PRIMARY KEY (unit_id, user_id)
);
CREATE INDEX IF NOT EXISTS acc_unit_members_by_user ON acc_unit_members (user_id);
CREATE TABLE IF NOT EXISTS acc_chain (
  unit_id TEXT NOT NULL,
  position INTEGER NOT NULL,
  user_id TEXT NOT NULL,
  PRIMARY KEY (unit_id, position)
);
CREATE TABLE IF NOT EXISTS acc_sop_access (
  sop_id TEXT PRIMARY KEY,
  unit_id TEXT,
  unit_role TEXT NOT NULL DEFAULT 'editor',
  created_by TEXT
);
CREATE INDEX IF NOT EXISTS acc_sop_access_by_unit ON acc_sop_access (unit_id);
CREATE TABLE IF NOT EXISTS acc_sop_members (
  sop_id TEXT NOT NULL,
  user_id TEXT NOT NULL,
  role TEXT NOT NULL,
  PRIMARY KEY (sop_id, user_id)
);
CREATE INDEX IF NOT EXISTS acc_sop_members_by_user ON acc_sop_members (user_id);
CREATE TABLE IF NOT EXISTS acc_links (
  id TEXT PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  sop_id TEXT NOT NULL,
  role TEXT NOT NULL,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  revoked_at TEXT
);
CREATE INDEX IF NOT EXISTS acc_links_by_sop ON acc_links (sop_id);
CREATE TABLE IF NOT EXISTS acc_tokens (
  id TEXT PRIMARY KEY,
  hash TEXT NOT NULL UNIQUE,
  user_id TEXT NOT NULL,
  name TEXT NOT NULL DEFAULT '',
  sop_id TEXT,
  role TEXT,
  created_at TEXT NOT NULL,
  expires_at TEXT,
  last_used_at TEXT
);
CREATE TABLE IF NOT EXISTS acc_signoffs (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  sop_id TEXT NOT NULL,
  round INTEGER NOT NULL,
  user_id TEXT NOT NULL,
  decision TEXT NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  content_hash TEXT NOT NULL DEFAULT '',
  at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS acc_signoffs_by_sop ON acc_signoffs (sop_id, round);
CREATE TABLE IF NOT EXISTS acc_notifications (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  user_id TEXT NOT NULL,
  at TEXT NOT NULL,
  kind TEXT NOT NULL,
  sop_id TEXT,
  data TEXT NOT NULL DEFAULT '{}',
  read_at TEXT
);
CREATE INDEX IF NOT EXISTS acc_notifications_by_user ON acc_notifications (user_id, seq);
`;
