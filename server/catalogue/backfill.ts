/**
 * Indexes the SOPs stored before the catalogue (issue 17): their listing rows have no
 * search text yet (NULL), so they would only be found by name and number. At start the
 * server reads each such SOP once, in small batches that yield to the event loop, and
 * writes its catalogue fields. A document that cannot be read gets an empty search text
 * (it is still found by name and number), so the pass always ends.
 */
import type { Logger } from 'pino';
import type { SopService } from '../sops/sopService.js';
import type { SopIndex } from '../storage/sopIndex.js';
import { catalogueFieldsOf } from './catalogueFields.js';

const BATCH = 20;

export interface CatalogueBackfill {
  /** Resolves when every listed SOP has catalogue fields (or the pass was stopped). */
  done: Promise<number>;
  stop(): void;
}

export function backfillCatalogue(deps: {
  index: Pick<SopIndex, 'unindexed' | 'updateMeta'>;
  sops: Pick<SopService, 'getSnapshot'>;
  logger: Logger;
}): CatalogueBackfill {
  let stopped = false;
  const run = async (): Promise<number> => {
    let indexed = 0;
    const seen = new Set<string>();
    while (!stopped) {
      const ids = (await deps.index.unindexed(BATCH)).filter((id) => !seen.has(id));
      if (ids.length === 0) break;
      for (const id of ids) {
        if (stopped) break;
        seen.add(id);
        let fields = { effectiveDate: '', reviewDate: '', searchText: '' };
        try {
          const snap = await deps.sops.getSnapshot(id);
          if (snap) fields = catalogueFieldsOf(snap);
        } catch (err) {
          deps.logger.warn({ docId: id, err }, 'catalogue: SOP unreadable, indexed by name only');
        }
        await deps.index.updateMeta(id, fields);
        indexed++;
      }
      // Let sync and REST traffic through between batches.
      await new Promise((r) => setImmediate(r));
    }
    if (indexed > 0) deps.logger.info({ indexed }, 'catalogue: indexed SOPs stored before it');
    return indexed;
  };
  const done = run().catch((err: unknown) => {
    deps.logger.warn({ err }, 'catalogue indexing failed; it runs again at the next start');
    return 0;
  });
  return {
    done,
    stop() {
      stopped = true;
    },
  };
}
