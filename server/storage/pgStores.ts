/**
 * Every store on one PostgreSQL pool (`DATABASE_URL`). Its own module so that a server on
 * SQLite or memory never loads node-postgres (`createStores` imports this when needed).
 */
import { createPgAccounts } from '../accounts/pgAccounts.js';
import { createPgAudit } from '../accounts/pgAudit.js';
import { createPgAgency } from '../agency/pgAgency.js';
import { createPgLifecycle } from '../lifecycle/pgLifecycle.js';
import { createPgVersionStore } from '../versions/pgVersions.js';
import { openPgPool } from './pgDb.js';
import { createPgDocStores } from './pgDocs.js';
import type { Stores, StoresOptions } from './storeTypes.js';

/** Every store on one pool to `url`; the schema is migrated before this resolves. */
export async function createPgStores(url: string, options: StoresOptions = {}): Promise<Stores> {
  const pool = await openPgPool({
    url,
    ...(options.onBackgroundError ? { onIdleError: options.onBackgroundError } : {}),
  });
  let closing: Promise<void> | null = null;
  return {
    kind: 'postgres',
    ...createPgDocStores(pool),
    versions: createPgVersionStore(pool),
    accounts: createPgAccounts(pool),
    audit: createPgAudit(pool),
    agency: createPgAgency(pool),
    lifecycle: createPgLifecycle(pool),
    close() {
      closing ??= pool.end();
      return closing;
    },
  };
}
