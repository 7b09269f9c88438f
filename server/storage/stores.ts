/**
 * `createStores(config)`: every store of the server on one backend, sharing one
 * connection: one better-sqlite3 handle (`<dataDir>/susun.db`), one `pg.Pool`
 * (`DATABASE_URL`), or memory (tests, `STORAGE=memory`).
 */
import path from 'node:path';
import { type AuditLog, createMemoryAudit } from '../accounts/audit.js';
import { createMemoryAccounts } from '../accounts/memoryAccounts.js';
import { createSqliteAccounts } from '../accounts/sqliteAccounts.js';
import { createSqliteAudit } from '../accounts/sqliteAudit.js';
import type { AccountsStore } from '../accounts/types.js';
import { createMemoryAgency } from '../agency/memoryAgency.js';
import { createSqliteAgency } from '../agency/sqliteAgency.js';
import type { AgencyStore } from '../agency/types.js';
import type { Config } from '../config.js';
import { createMemoryLifecycle } from '../lifecycle/memoryLifecycle.js';
import { createSqliteLifecycle } from '../lifecycle/sqliteLifecycle.js';
import type { LifecycleStore } from '../lifecycle/types.js';
import { createSqliteVersionStore } from '../versions/sqliteVersions.js';
import type { VersionStore } from '../versions/types.js';
import { createMemoryVersionStore } from '../versions/versionStore.js';
import type { DocLog } from './docLog.js';
import { createMemoryDocStores } from './memoryDocs.js';
import type { SettingsStore } from './settings.js';
import type { SopIndex } from './sopIndex.js';
import { closeSqliteDb, openSqliteDb } from './sqliteDb.js';
import { createSqliteDocStores } from './sqliteDocs.js';

export interface Stores {
  /** Which backend these are. */
  kind: Config['storage'];
  docLog: DocLog;
  index: SopIndex;
  settings: SettingsStore;
  versions: VersionStore;
  accounts: AccountsStore;
  audit: AuditLog;
  /** The agency's logo, SOP-number registry and counters, verification codes (issue 14). */
  agency: AgencyStore;
  /** Links, flags, monitoring, evaluations, acknowledgements (issue 17). */
  lifecycle: LifecycleStore;
  /** Closes the shared connection (SQLite: checkpoints the WAL first). Idempotent. */
  close(): Promise<void>;
}

/** In-memory stores whose document-side writes (log, index, settings) can be made to fail. */
export interface MemoryStores extends Stores {
  /** Toggle at runtime to simulate a failing disk. */
  failWrites: boolean;
}

export type StoresConfig = Pick<Config, 'storage' | 'dataDir' | 'syncMode' | 'databaseUrl'>;

export interface StoresOptions {
  /** Where PostgreSQL connection errors on idle clients are reported. */
  onBackgroundError?: (err: Error) => void;
}

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
