/**
 * What `/api/health` says about storage: whether writes are failing right now, how many
 * stored rows were quarantined (see loadDoc.ts) and how many unreadable entries reads
 * have skipped (see shared/model/skip.ts).
 *
 * Why wrappers around the document stores and not the rooms' failure callbacks: every
 * document write goes through them (rooms, compaction, listing metadata, REST creates), so
 * the wrappers see the first failure and the first success after it, wherever they happen.
 */
import type { Logger } from 'pino';
import type { SkipReporter } from '../../shared/model/skip.js';
import type { DocLog } from './docLog.js';
import type { SettingsStore } from './settings.js';
import type { SopIndex } from './sopIndex.js';

/** The stores whose writes decide `degraded` (accounts, versions and audit fail on their own). */
export interface DocStores {
  docLog: DocLog;
  index: SopIndex;
  settings: SettingsStore;
}

export interface StorageHealthReport {
  /** `degraded` from a failed write until the next write succeeds. */
  status: 'ok' | 'degraded';
  /** When the current run of failures began (null when writes work). */
  writesFailingSince: string | null;
  lastWriteError: string | null;
  /** When writes last recovered from a failure. */
  recoveredAt: string | null;
  /** Stored rows in quarantine (all documents). */
  quarantined: number;
  /** Unreadable entries skipped by reads since the server started. */
  skippedReads: number;
}

/** Reports of one read kept for its single log line. */
const SKIPS_LOGGED = 10;

export class StorageHealth {
  private failingSince: Date | null = null;
  private lastError: string | null = null;
  private recovered: Date | null = null;
  private quarantined = 0;
  private skipped = 0;

  /** Writes are failing (the last write attempted failed). */
  get degraded(): boolean {
    return this.failingSince !== null;
  }

  /** Start counting from what is already in quarantine. */
  async init(docLog: Pick<DocLog, 'countQuarantined'>): Promise<void> {
    this.quarantined = await docLog.countQuarantined();
  }

  report(): StorageHealthReport {
    return {
      status: this.degraded ? 'degraded' : 'ok',
      writesFailingSince: this.failingSince?.toISOString() ?? null,
      lastWriteError: this.failingSince ? this.lastError : null,
      recoveredAt: this.recovered?.toISOString() ?? null,
      quarantined: this.quarantined,
      skippedReads: this.skipped,
    };
  }

  private ok(): void {
    if (this.failingSince === null) return;
    this.failingSince = null;
    this.recovered = new Date();
  }

  private failed(err: unknown): void {
    this.failingSince ??= new Date();
    this.lastError = (err instanceof Error ? err.message : String(err)).slice(0, 200);
  }

  /**
   * A reporter for one read of `docId` (pass its `onSkip` to `toSnapshot`), then
   * `done()`: logs what was skipped in one line and counts it.
   */
  readReporter(docId: string, log: Logger): { onSkip: SkipReporter; done(): void } {
    const first: Array<{ path: string; why: string }> = [];
    let n = 0;
    return {
      onSkip: (path, why) => {
        n++;
        if (first.length < SKIPS_LOGGED) first.push({ path: path.slice(0, 200), why });
      },
      done: () => {
        if (n === 0) return;
        this.skipped += n;
        log.warn({ docId, skipped: n, first }, 'read skipped unreadable entries');
      },
    };
  }

  /** The same stores with every write watched (a failure makes health degraded until one succeeds). */
  monitor(stores: DocStores): DocStores {
    const watch = async <T>(write: Promise<T>): Promise<T> => {
      try {
        const out = await write;
        this.ok();
        return out;
      } catch (err) {
        this.failed(err);
        throw err;
      }
    };
    const { docLog, index, settings } = stores;
    return {
      docLog: {
        load: (id) => docLog.load(id),
        readSince: (id, afterSeq) => docLog.readSince(id, afterSeq),
        listQuarantined: (id) => docLog.listQuarantined(id),
        countQuarantined: () => docLog.countQuarantined(),
        close: () => docLog.close(),
        append: (entries) => watch(docLog.append(entries)),
        replaceUpTo: (id, state, seq) => watch(docLog.replaceUpTo(id, state, seq)),
        adoptSnapshotDigest: (id, snap) => watch(docLog.adoptSnapshotDigest(id, snap)),
        quarantine: async (id, rows) => {
          const moved = await watch(docLog.quarantine(id, rows));
          this.quarantined += moved.length;
          return moved;
        },
      },
      index: {
        getMeta: (id) => index.getMeta(id),
        listMeta: (opts) => index.listMeta(opts),
        createDoc: (meta, state) => watch(index.createDoc(meta, state)),
        updateMeta: (id, fields) => watch(index.updateMeta(id, fields)),
        setArchived: (id, archived) => watch(index.setArchived(id, archived)),
        queryCatalogue: (query) => index.queryCatalogue(query),
        catalogueFacts: (query) => index.catalogueFacts(query),
        unindexed: (limit) => index.unindexed(limit),
      },
      settings: {
        getSetting: (key) => settings.getSetting(key),
        setSetting: (key, value) => watch(settings.setSetting(key, value)),
      },
    };
  }
}
