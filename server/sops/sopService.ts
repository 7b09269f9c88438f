/**
 * SOP operations used by the REST routes, going through the shared model and, for a
 * document that is open in a room, through that room (so connected clients see it).
 */
import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import * as Y from 'yjs';
import {
  createSop,
  fromSnapshot,
  migrate,
  Origin,
  parseSnapshot,
  type SkipReporter,
  SopDoc,
  summarize,
  toSnapshot,
} from '../../shared/model/index.js';
import type { SopSnapshot, TemplateId } from '../../shared/model/types.js';
import { catalogueFields } from '../catalogue/catalogueFields.js';
import type { RoomManager } from '../rooms/roomManager.js';
import type { DocSummary } from '../rooms/summary.js';
import type { DocLog } from '../storage/docLog.js';
import { loadDoc } from '../storage/loadDoc.js';
import type { SettingsStore } from '../storage/settings.js';
import type { CatalogueFields, DocMeta, SopIndex } from '../storage/sopIndex.js';
import type { Numbering } from './numbering.js';

/** Reporting of the entries a read skipped (see `StorageHealth.readReporter`). */
export type ReadReporterFactory = (docId: string) => { onSkip: SkipReporter; done(): void };

const SAMPLE_SEEDED = 'sampleSeeded';

export type ImportResult = { ok: true; id: string } | { ok: false; errors: string[] };

/** Where a new SOP goes (its number depends on its unit). */
export interface CreateOptions {
  unitId?: string | null;
}

export interface SopService {
  summarize(doc: Y.Doc): DocSummary;
  /**
   * Run on every document loaded from storage: schema migrations for SOPs. Returns true
   * for SOPs (documents with a listing row), false for others (e.g. discussion docs).
   */
  prepareDoc(docId: string, doc: Y.Doc): Promise<boolean>;
  attachRooms(rooms: RoomManager): void;
  seedSampleOnce(): Promise<string | null>;
  list(options: { q?: string; archived?: boolean }): Promise<DocMeta[]>;
  /** A new SOP from a template; numbered by the agency's pattern when there is one. */
  create(template: TemplateId, name?: string, options?: CreateOptions): Promise<string>;
  /** An SOP from a snapshot; keeps its number when no other SOP holds it, else numbered anew. */
  importSnapshot(input: unknown, options?: CreateOptions): Promise<ImportResult>;
  /**
   * The live snapshot (from the open room, else from storage, salvaged: see
   * storage/loadDoc.ts); null for unknown ids. Total: entries that cannot be read are
   * skipped and reported, a schema newer than this server's is read as it is.
   */
  getSnapshot(id: string): Promise<SopSnapshot | null>;
  setArchived(id: string, archived: boolean): Promise<boolean>;
}

/** A short random id valid under `isValidDocId` (base64url). */
export function newDocId(): string {
  return randomBytes(9).toString('base64url');
}

export function createSopService(deps: {
  docLog: DocLog;
  index: SopIndex;
  settings: SettingsStore;
  logger: Logger;
  /** Where reads report skipped entries (default: logged only). */
  readReporter?: ReadReporterFactory;
  /** SOP numbers (issue 14); without it SOPs keep the number their template or snapshot has. */
  numbering?: Numbering;
}): SopService {
  const { docLog, index, settings } = deps;
  let rooms: RoomManager | null = null;

  function reporter(id: string): { onSkip: SkipReporter; done(): void } {
    if (deps.readReporter) return deps.readReporter(id);
    const skipped: string[] = [];
    return {
      onSkip: (path, why) => skipped.push(`${path}: ${why}`),
      done: () => {
        if (skipped.length > 0)
          deps.logger.warn({ docId: id, skipped: skipped.slice(0, 10) }, 'read skipped entries');
      },
    };
  }

  /** The snapshot of `doc`, reporting what could not be read. */
  function read(id: string, doc: Y.Doc): SopSnapshot {
    const r = reporter(id);
    try {
      return toSnapshot(doc, { onSkip: r.onSkip });
    } finally {
      r.done();
    }
  }

  /** SOPs are the documents created through the API (they have a template). */
  async function isSop(id: string): Promise<boolean> {
    return ((await index.getMeta(id))?.template ?? null) !== null;
  }

  /**
   * How a new SOP gets its number: `keep` registers the one it has (when free, else it is
   * numbered anew), `assign` always allocates the next one of the pattern.
   */
  type Numbered = { how: 'keep' | 'assign'; unitId: string | null };

  /** The number registered for `id` (written into `doc`), or null to leave `doc` as it is. */
  async function numberFor(id: string, doc: Y.Doc, n: Numbered): Promise<string | null> {
    const numbering = deps.numbering;
    if (!numbering) return null;
    const current = summarize(doc).number.trim();
    if (n.how === 'keep' && current && (await numbering.claim(id, current)) === 'ok')
      return current;
    // Without a pattern a taken number is cleared rather than duplicated.
    return (await numbering.assign(id, n.unitId)) ?? (current ? '' : null);
  }

  async function store(doc: Y.Doc, template: TemplateId | null, n?: Numbered): Promise<string> {
    const now = new Date().toISOString();
    for (let attempt = 0; attempt < 5; attempt++) {
      const id = newDocId();
      const number = n ? await numberFor(id, doc, n) : null;
      if (number !== null) {
        const sop = new SopDoc(doc, { origin: Origin.template });
        try {
          sop.identity.set('number', number);
        } finally {
          sop.destroy();
        }
      }
      const s = summarize(doc);
      const meta: DocMeta & CatalogueFields = {
        ...catalogueFields(doc),
        id,
        name: s.name,
        number: s.number,
        status: s.status,
        stepCount: s.stepCount,
        template,
        createdAt: now,
        updatedAt: now,
        archived: false,
      };
      try {
        if (await index.createDoc(meta, Y.encodeStateAsUpdate(doc))) return id;
      } catch (err) {
        if (number !== null) await deps.numbering?.release(id).catch(() => {});
        throw err;
      }
      // (an id collision, astronomically rare: the number goes with the next id)
      if (number !== null) await deps.numbering?.release(id);
    }
    throw new Error('could not allocate a document id');
  }

  const service: SopService = {
    summarize(doc) {
      const { name, number, status, stepCount } = summarize(doc);
      // With the catalogue fields (issue 17): dates and search text follow the document.
      return { ...catalogueFields(doc), name, number, status, stepCount };
    },
    async prepareDoc(docId, doc) {
      if (!(await isSop(docId))) return false;
      migrate(doc);
      return true;
    },
    attachRooms(r) {
      rooms = r;
    },
    async seedSampleOnce() {
      if ((await settings.getSetting(SAMPLE_SEEDED)) !== null) return null;
      const doc = createSop('sample', { now: new Date() });
      try {
        const id = await store(doc, 'sample', { how: 'keep', unitId: null });
        await settings.setSetting(SAMPLE_SEEDED, id);
        deps.logger.info({ id }, 'seeded the sample SOP');
        return id;
      } finally {
        doc.destroy();
      }
    },
    list(options) {
      return index.listMeta(options);
    },
    async create(template, name, options = {}) {
      const doc = createSop(
        template,
        name === undefined ? { now: new Date() } : { name, now: new Date() },
      );
      try {
        return await store(doc, template, { how: 'assign', unitId: options.unitId ?? null });
      } finally {
        doc.destroy();
      }
    },
    async importSnapshot(input, options = {}) {
      const parsed = parseSnapshot(input);
      if (!parsed.ok) return { ok: false, errors: parsed.errors };
      const doc = fromSnapshot(parsed.value);
      try {
        const n: Numbered = { how: 'keep', unitId: options.unitId ?? null };
        return { ok: true, id: await store(doc, parsed.value.meta.template, n) };
      } finally {
        doc.destroy();
      }
    },
    async getSnapshot(id) {
      if (!(await isSop(id))) return null;
      const room = rooms?.peek(id);
      if (room) {
        // (a room that failed to load is not an answer: read storage instead)
        await room.loaded.catch(() => {});
        if (room.state === 'ready') return read(id, room.doc);
      }
      const { doc, stored } = await loadDoc({ docLog, log: deps.logger }, id, {
        origin: Origin.load,
      });
      try {
        if (!stored) return null;
        try {
          migrate(doc);
        } catch (err) {
          // e.g. a schema newer than this server: its readers are total, read it as it is.
          deps.logger.warn({ docId: id, err }, 'document not migrated; read as stored');
        }
        return read(id, doc);
      } finally {
        doc.destroy();
      }
    },
    async setArchived(id, archived) {
      if (!(await isSop(id))) return false;
      return index.setArchived(id, archived);
    },
  };
  return service;
}
