/**
 * PostgreSQL schema, as versioned migrations run at start (`openPgPool`). Each migration
 * runs once, in its own transaction, recorded in `schema_migrations`; processes starting
 * together take turns under an advisory lock. A released migration is never edited:
 * changes are new migrations appended to the list.
 *
 * Types: timestamps are ISO-8601 `text` and text compared or sorted is `COLLATE "C"`, so
 * PostgreSQL orders and compares exactly like SQLite and the memory stores (byte order,
 * whatever the database's locale); JSON is stored as `text` (jsonb rejects `\u0000`, which
 * a document's text may hold).
 */
import type pg from 'pg';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** Text compared and sorted byte-wise, like SQLite. */
const T = 'text COLLATE "C"';

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'documents, index, settings, versions, accounts, audit',
    sql: `
CREATE TABLE docs (
  id ${T} PRIMARY KEY,
  snapshot bytea,
  snapshot_sha text,
  snapshot_seq bigint NOT NULL DEFAULT 0,
  name ${T} NOT NULL DEFAULT '',
  number ${T} NOT NULL DEFAULT '',
  status text NOT NULL DEFAULT 'draft',
  step_count integer NOT NULL DEFAULT 0,
  template text,
  created_at ${T} NOT NULL,
  updated_at ${T} NOT NULL,
  archived boolean NOT NULL DEFAULT false
);
CREATE INDEX docs_listing ON docs (archived, updated_at DESC, id) WHERE template IS NOT NULL;
CREATE TABLE doc_updates (
  seq bigserial PRIMARY KEY,
  doc_id ${T} NOT NULL,
  data bytea NOT NULL
);
CREATE INDEX doc_updates_by_doc ON doc_updates (doc_id, seq);
CREATE TABLE doc_quarantine (
  id bigserial PRIMARY KEY,
  doc_id ${T} NOT NULL,
  at ${T} NOT NULL,
  reason text NOT NULL,
  source text NOT NULL,
  data bytea NOT NULL
);
CREATE INDEX doc_quarantine_by_doc ON doc_quarantine (doc_id, id);
CREATE TABLE settings (key ${T} PRIMARY KEY, value text NOT NULL);
CREATE TABLE versions (
  seq bigserial PRIMARY KEY,
  id ${T} NOT NULL UNIQUE,
  sop_id ${T} NOT NULL,
  label text NOT NULL,
  kind text NOT NULL,
  created_at ${T} NOT NULL,
  created_by text,
  state bytea NOT NULL,
  snapshot text NOT NULL,
  summary text
);
CREATE INDEX versions_by_sop ON versions (sop_id, created_at, seq);
CREATE TABLE acc_settings (key ${T} PRIMARY KEY, value text NOT NULL);
CREATE TABLE acc_users (
  id ${T} PRIMARY KEY,
  kind text NOT NULL,
  email ${T} UNIQUE,
  nip ${T} UNIQUE,
  name ${T} NOT NULL,
  title text NOT NULL DEFAULT '',
  password_hash text,
  is_admin boolean NOT NULL DEFAULT false,
  is_approver boolean NOT NULL DEFAULT false,
  approver_units text NOT NULL DEFAULT '[]',
  disabled boolean NOT NULL DEFAULT false,
  link_id text,
  created_at ${T} NOT NULL
);
CREATE TABLE acc_sessions (
  id_hash ${T} PRIMARY KEY,
  user_id ${T} NOT NULL,
  created_at ${T} NOT NULL,
  expires_at ${T} NOT NULL,
  absolute_expires_at ${T} NOT NULL,
  ip text NOT NULL DEFAULT '',
  user_agent text NOT NULL DEFAULT ''
);
CREATE INDEX acc_sessions_by_user ON acc_sessions (user_id);
CREATE TABLE acc_units (id ${T} PRIMARY KEY, name ${T} NOT NULL, created_at ${T} NOT NULL);
CREATE TABLE acc_unit_members (
  unit_id ${T} NOT NULL,
  user_id ${T} NOT NULL,
  PRIMARY KEY (unit_id, user_id)
);
CREATE INDEX acc_unit_members_by_user ON acc_unit_members (user_id);
CREATE TABLE acc_chain (
  unit_id ${T} NOT NULL,
  position integer NOT NULL,
  user_id ${T} NOT NULL,
  PRIMARY KEY (unit_id, position)
);
CREATE TABLE acc_sop_access (
  sop_id ${T} PRIMARY KEY,
  unit_id ${T},
  unit_role text NOT NULL DEFAULT 'editor',
  created_by text
);
CREATE INDEX acc_sop_access_by_unit ON acc_sop_access (unit_id);
CREATE TABLE acc_sop_members (
  sop_id ${T} NOT NULL,
  user_id ${T} NOT NULL,
  role text NOT NULL,
  PRIMARY KEY (sop_id, user_id)
);
CREATE INDEX acc_sop_members_by_user ON acc_sop_members (user_id);
CREATE TABLE acc_links (
  id ${T} PRIMARY KEY,
  code ${T} NOT NULL UNIQUE,
  sop_id ${T} NOT NULL,
  role text NOT NULL,
  created_by text NOT NULL,
  created_at ${T} NOT NULL,
  expires_at ${T} NOT NULL,
  revoked_at ${T}
);
CREATE INDEX acc_links_by_sop ON acc_links (sop_id);
CREATE TABLE acc_tokens (
  id ${T} PRIMARY KEY,
  hash ${T} NOT NULL UNIQUE,
  user_id ${T} NOT NULL,
  name text NOT NULL DEFAULT '',
  sop_id ${T},
  role text,
  created_at ${T} NOT NULL,
  expires_at ${T},
  last_used_at ${T}
);
CREATE INDEX acc_tokens_by_user ON acc_tokens (user_id);
CREATE TABLE acc_signoffs (
  seq bigserial PRIMARY KEY,
  id ${T} NOT NULL UNIQUE,
  sop_id ${T} NOT NULL,
  round integer NOT NULL,
  user_id ${T} NOT NULL,
  decision text NOT NULL,
  note text NOT NULL DEFAULT '',
  content_hash text NOT NULL DEFAULT '',
  at ${T} NOT NULL
);
CREATE INDEX acc_signoffs_by_sop ON acc_signoffs (sop_id, round);
CREATE TABLE acc_notifications (
  seq bigserial PRIMARY KEY,
  id ${T} NOT NULL UNIQUE,
  user_id ${T} NOT NULL,
  at ${T} NOT NULL,
  kind text NOT NULL,
  sop_id ${T},
  data text NOT NULL DEFAULT '{}',
  read_at ${T}
);
CREATE INDEX acc_notifications_by_user ON acc_notifications (user_id, seq);
CREATE TABLE acc_audit (
  id bigserial PRIMARY KEY,
  at ${T} NOT NULL,
  actor_id ${T},
  actor_name text NOT NULL DEFAULT '',
  action ${T} NOT NULL,
  sop_id ${T},
  target text,
  detail text NOT NULL DEFAULT '{}',
  ip text
);
CREATE INDEX acc_audit_by_sop ON acc_audit (sop_id, id);
CREATE INDEX acc_audit_by_actor ON acc_audit (actor_id, id);
`,
  },
  {
    version: 2,
    name: 'agency logo, SOP numbers and counters, verification codes (issue 14)',
    sql: `
CREATE TABLE agency_files (
  key ${T} PRIMARY KEY,
  mime text NOT NULL,
  data bytea NOT NULL,
  updated_at ${T} NOT NULL
);
CREATE TABLE agency_counters (scope ${T} PRIMARY KEY, value bigint NOT NULL);
CREATE TABLE sop_numbers (
  number_key ${T} PRIMARY KEY,
  sop_id ${T} NOT NULL UNIQUE,
  number text NOT NULL
);
CREATE TABLE verifications (
  code ${T} PRIMARY KEY,
  sop_id ${T} NOT NULL,
  version_id ${T} NOT NULL,
  version integer NOT NULL,
  sop_number text NOT NULL,
  sop_name text NOT NULL,
  approver_name text NOT NULL,
  approver_title text NOT NULL,
  approver_nip text NOT NULL,
  approved_at ${T} NOT NULL,
  effective_date ${T} NOT NULL,
  sha256 text NOT NULL,
  UNIQUE (sop_id, version)
);
`,
  },
  {
    version: 3,
    name: 'versions: what changed since the previous version (issue 16)',
    sql: `
ALTER TABLE versions ADD COLUMN changes text;
`,
  },
  {
    version: 4,
    name: 'catalogue: effective and review dates, search text (issue 17)',
    sql: `
ALTER TABLE docs ADD COLUMN effective_date ${T} NOT NULL DEFAULT '';
ALTER TABLE docs ADD COLUMN review_date ${T} NOT NULL DEFAULT '';
ALTER TABLE docs ADD COLUMN search_text text;
CREATE INDEX docs_unindexed ON docs (id) WHERE search_text IS NULL AND template IS NOT NULL;
`,
  },
  {
    version: 5,
    name: 'lifecycle: links, flags, monitoring, evaluation, acknowledgements (issue 17)',
    sql: `
CREATE TABLE lc_links (
  source_id ${T} NOT NULL,
  item_id ${T} NOT NULL,
  target_id ${T} NOT NULL,
  type text NOT NULL,
  PRIMARY KEY (source_id, item_id)
);
CREATE INDEX lc_links_target ON lc_links (target_id);
CREATE TABLE lc_flags (
  id ${T} PRIMARY KEY,
  source_id ${T} NOT NULL,
  target_id ${T} NOT NULL,
  reason text NOT NULL,
  at ${T} NOT NULL,
  confirmed_at ${T},
  confirmed_by ${T}
);
CREATE INDEX lc_flags_source ON lc_flags (source_id, confirmed_at);
CREATE TABLE lc_sop_state (
  sop_id ${T} PRIMARY KEY,
  status text NOT NULL,
  version_key ${T} NOT NULL,
  effective_date ${T} NOT NULL
);
CREATE TABLE lc_records (
  kind ${T} NOT NULL,
  id ${T} NOT NULL,
  sop_id ${T} NOT NULL,
  created_at ${T} NOT NULL,
  data text NOT NULL,
  PRIMARY KEY (kind, id)
);
CREATE INDEX lc_records_sop ON lc_records (kind, sop_id, created_at);
CREATE TABLE lc_acks (
  sop_id ${T} NOT NULL,
  version_key ${T} NOT NULL,
  user_id ${T} NOT NULL,
  at ${T} NOT NULL,
  PRIMARY KEY (sop_id, version_key, user_id)
);
`,
  },
];

/** Advisory lock key (arbitrary, fixed) that serialises migrations across processes. */
const MIGRATION_LOCK = 0x5375_6e01;

/**
 * Applies the migrations not yet recorded, in order; returns the versions applied.
 * Refuses a database migrated by a newer server (a version this one does not know).
 */
export async function runMigrations(
  pool: pg.Pool,
  migrations: readonly Migration[] = MIGRATIONS,
): Promise<number[]> {
  for (let i = 1; i < migrations.length; i++)
    if ((migrations[i] as Migration).version <= (migrations[i - 1] as Migration).version)
      throw new Error('migrations must be listed in increasing version order');
  const client = await pool.connect();
  let broken: Error | undefined;
  // Checked out, the client has no error listener: a dropped connection must not end the process.
  const onError = (err: Error) => {
    broken ??= err;
  };
  client.on('error', onError);
  try {
    // A session-level lock: held across the migrations' own transactions.
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    try {
      return await applyPending(client, migrations);
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch((e: unknown) => {
        // Not returned to the pool: a connection that may still hold the lock.
        broken = e instanceof Error ? e : new Error(String(e));
      });
    }
  } finally {
    client.off('error', onError);
    client.release(broken);
  }
}

async function applyPending(
  client: pg.PoolClient,
  migrations: readonly Migration[],
): Promise<number[]> {
  await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version integer PRIMARY KEY,
    name text NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now()
  )`);
  const done = new Set(
    (await client.query<{ version: number }>('SELECT version FROM schema_migrations')).rows.map(
      (r) => r.version,
    ),
  );
  const known = migrations.at(-1)?.version ?? 0;
  const newer = [...done].filter((v) => v > known);
  if (newer.length > 0)
    throw new Error(
      `the database schema is at version ${Math.max(...newer)}, newer than this server's ${known}: upgrade Susun`,
    );
  const applied: number[] = [];
  for (const m of migrations) {
    if (done.has(m.version)) continue;
    await client.query('BEGIN');
    try {
      await client.query(m.sql);
      await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [
        m.version,
        m.name,
      ]);
      await client.query('COMMIT');
    } catch (err) {
      await client.query('ROLLBACK').catch(() => {});
      throw new Error(
        `migration ${m.version} (${m.name}) failed: ${err instanceof Error ? err.message : err}`,
      );
    }
    applied.push(m.version);
  }
  return applied;
}
