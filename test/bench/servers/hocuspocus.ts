/**
 * Baseline 2: Hocuspocus 3.4 with `@hocuspocus/extension-database` storing to SQLite through
 * better-sqlite3 (one row per document holding its full encoded state, like the official
 * SQLite extension). Everything else is Hocuspocus's default, notably `debounce: 2000` and
 * `maxDebounce: 10000` for `onStoreDocument`, and better-sqlite3's default journal mode.
 *
 * Env: PORT (required), HOST (default 127.0.0.1), DATA_DIR (required).
 */
import path from 'node:path';
import { Database } from '@hocuspocus/extension-database';
import { Server } from '@hocuspocus/server';
import BetterSqlite3 from 'better-sqlite3';

const port = Number(process.env.PORT);
const host = process.env.HOST ?? '127.0.0.1';
const dataDir = process.env.DATA_DIR;
if (!dataDir) throw new Error('DATA_DIR is required');

const db = new BetterSqlite3(path.join(dataDir, 'hocuspocus.sqlite'));
db.exec('CREATE TABLE IF NOT EXISTS documents (name TEXT PRIMARY KEY, data BLOB NOT NULL)');
const select = db.prepare<[string], { data: Buffer }>('SELECT data FROM documents WHERE name = ?');
const upsert = db.prepare<[string, Buffer]>(
  'INSERT INTO documents (name, data) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET data = excluded.data',
);

const server = new Server({
  port,
  address: host,
  quiet: true,
  extensions: [
    new Database({
      fetch: async ({ documentName }) => {
        const row = select.get(documentName);
        return row ? new Uint8Array(row.data) : null;
      },
      store: async ({ documentName, state }) => {
        upsert.run(documentName, state);
      },
    }),
  ],
});
await server.listen();
