/**
 * What `createStores` (stores.ts) and `createPgStores` (pgStores.ts) build: every store
 * of the server on one backend. Its own module so the PostgreSQL module, loaded on demand
 * by stores.ts, does not import stores.ts back.
 */
import type { AuditLog } from '../accounts/audit.js';
import type { AccountsStore } from '../accounts/types.js';
import type { AgencyStore } from '../agency/types.js';
import type { Config } from '../config.js';
import type { LifecycleStore } from '../lifecycle/types.js';
import type { VersionStore } from '../versions/types.js';
import type { DocLog } from './docLog.js';
import type { SettingsStore } from './settings.js';
import type { SopIndex } from './sopIndex.js';

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

export interface StoresOptions {
  /** Where PostgreSQL connection errors on idle clients are reported. */
  onBackgroundError?: (err: Error) => void;
}
