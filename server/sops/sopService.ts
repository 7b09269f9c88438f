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
  summarize,
  toSnapshot,
} from '../../shared/model/index.js';
import type { SopSnapshot, TemplateId } from '../../shared/model/types.js';
import type { RoomManager } from '../rooms/roomManager.js';
import type { DocSummary } from '../rooms/summary.js';
import type { DocLog } from '../storage/docLog.js';
import { loadDoc } from '../storage/loadDoc.js';
import type { SettingsStore } from '../storage/settings.js';
import type { DocMeta, SopIndex } from '../storage/sopIndex.js';

/** Reporting of the entries a read skipped (see `StorageHealth.readReporter`). */
export type ReadReporterFactory = (docId: string) => { onSkip: SkipReporter; done(): void };

const SAMPLE_SEEDED = 'sampleSeeded';

export type ImportResult = { ok: true; id: string } | { ok: false; errors: string[] };

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
  create(template: TemplateId, name?: string): Promise<string>;
  importSnapshot(input: unknown): Promise<ImportResult>;
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

  async function store(doc: Y.Doc, template: TemplateId | null): Promise<string> {
    const now = new Date().toISOString();
    const s = summarize(doc);
    for (let attempt = 0; attempt < 5; attempt++) {
      const id = newDocId();
      const meta: DocMeta = {
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
      if (await index.createDoc(meta, Y.encodeStateAsUpdate(doc))) return id;
    }
    throw new Error('could not allocate a document id');
  }

  const service: SopService = {
    summarize(doc) {
      const { name, number, status, stepCount } = summarize(doc);
      return { name, number, status, stepCount };
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
        const id = await store(doc, 'sample');
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
    async create(template, name) {
      const doc = createSop(
        template,
        name === undefined ? { now: new Date() } : { name, now: new Date() },
      );
      try {
        return await store(doc, template);
      } finally {
        doc.destroy();
      }
    },
    async importSnapshot(input) {
      const parsed = parseSnapshot(input);
      if (!parsed.ok) return { ok: false, errors: parsed.errors };
      const doc = fromSnapshot(parsed.value);
      try {
        return { ok: true, id: await store(doc, parsed.value.meta.template) };
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
