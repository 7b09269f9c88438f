/**
 * Opens the server's SQLite database once (WAL journal); every store (document log,
 * index, settings, versions, accounts, audit: `createSqliteStores` in stores.ts)
 * shares this one connection.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';

export type SqliteDb = Database.Database;

export function openSqliteDb(file: string, syncMode: 'normal' | 'full' = 'normal'): SqliteDb {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${syncMode === 'full' ? 'FULL' : 'NORMAL'}`);
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  return db;
}

/** Folds the WAL back into the main file and closes (a copied susun.db is then complete). */
export function closeSqliteDb(db: SqliteDb): void {
  if (!db.open) return;
  try {
    db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    db.close();
  }
}
