/**
 * `createStores(config)`: every store of the server on one backend, sharing one
 * connection: one better-sqlite3 handle (`<dataDir>/susun.db`), one `pg.Pool`
 * (`DATABASE_URL`), or memory (tests, `STORAGE=memory`).
 */
import path from 'node:path';
import { createMemoryAudit } from '../accounts/audit.js';
import { createMemoryAccounts } from '../accounts/memoryAccounts.js';
import { createSqliteAccounts } from '../accounts/sqliteAccounts.js';
import { createSqliteAudit } from '../accounts/sqliteAudit.js';
import { createMemoryAgency } from '../agency/memoryAgency.js';
import { createSqliteAgency } from '../agency/sqliteAgency.js';
import type { Config } from '../config.js';
import { createMemoryLifecycle } from '../lifecycle/memoryLifecycle.js';
import { createSqliteLifecycle } from '../lifecycle/sqliteLifecycle.js';
import { createSqliteVersionStore } from '../versions/sqliteVersions.js';
import { createMemoryVersionStore } from '../versions/versionStore.js';
import { createMemoryDocStores } from './memoryDocs.js';
import { closeSqliteDb, openSqliteDb } from './sqliteDb.js';
import { createSqliteDocStores } from './sqliteDocs.js';
import type { Stores, StoresOptions } from './storeTypes.js';

/** In-memory stores whose document-side writes (log, index, settings) can be made to fail. */
export interface MemoryStores extends Stores {
  /** Toggle at runtime to simulate a failing disk. */
  failWrites: boolean;
}

export type { Stores, StoresOptions } from './storeTypes.js';

export type StoresConfig = Pick<Config, 'storage' | 'dataDir' | 'syncMode' | 'databaseUrl'>;

/** The stores `config` asks for; PostgreSQL: connects and migrates first. */
export async function createStores(
  config: StoresConfig,
  options: StoresOptions = {},
): Promise<Stores> {
  if (config.storage === 'memory') return createMemoryStores();
  if (config.storage === 'postgres') {
    if (!config.databaseUrl) throw new Error('STORAGE=postgres needs DATABASE_URL');
    // Loaded only here: node-postgres costs an SQLite or memory server ~16 MB of RSS.
    const { createPgStores } = await import('./pgStores.js');
    return createPgStores(config.databaseUrl, options);
  }
  return createSqliteStores(path.join(config.dataDir, 'susun.db'), config.syncMode);
}

export function createMemoryStores(options: { failWrites?: boolean } = {}): MemoryStores {
  const docs = createMemoryDocStores(options);
  const stores: MemoryStores = {
    kind: 'memory',
    docLog: docs.docLog,
    index: docs.index,
    settings: docs.settings,
    versions: createMemoryVersionStore(),
    accounts: createMemoryAccounts(),
    audit: createMemoryAudit(),
    agency: createMemoryAgency(),
    lifecycle: createMemoryLifecycle(),
    get failWrites() {
      return docs.failWrites;
    },
    set failWrites(v: boolean) {
      docs.failWrites = v;
    },
    async close() {
      docs.close();
    },
  };
  return stores;
}

/** Every store on one better-sqlite3 connection to `file` (created when missing). */
export function createSqliteStores(file: string, syncMode: Config['syncMode'] = 'normal'): Stores {
  const db = openSqliteDb(file, syncMode);
  const docs = createSqliteDocStores(db);
  return {
    kind: 'sqlite',
    ...docs,
    versions: createSqliteVersionStore(db),
    accounts: createSqliteAccounts(db),
    audit: createSqliteAudit(db),
    agency: createSqliteAgency(db),
    lifecycle: createSqliteLifecycle(db),
    async close() {
      closeSqliteDb(db);
    },
  };
}
