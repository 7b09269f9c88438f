/**
 * The `getState` / `exists` dependencies of the versions router, over the
 * server's storage and rooms: the current Yjs state of an SOP is the open
 * room's doc when it is loaded (it holds every update anyone has seen, each
 * logged before broadcast), else the stored snapshot + log.
 */
import type { Logger } from 'pino';
import * as Y from 'yjs';
import { silentLogger } from '../logger.js';
import { loadDoc } from '../storage/loadDoc.js';
import type { Storage } from '../storage/types.js';

/** The part of a room the versions code reads. */
export interface LiveDoc {
  readonly doc: Y.Doc;
  readonly loaded: Promise<void>;
  readonly state: string;
}

export interface CurrentStateDeps {
  storage: Storage;
  /** For salvage on load (storage/loadDoc.ts); silent when absent. */
  logger?: Logger;
  /** The loaded room of a document, if any (must not load it), e.g. `(id) => rooms.peek(id)`. */
  peek(id: string): LiveDoc | undefined;
}

export interface VersionSources {
  getState(id: string): Promise<Uint8Array | null>;
  exists(id: string): Promise<boolean>;
}

/** Builds `getState` and `exists` for `createVersionsRouter`. Only SOPs (rows with a template) exist. */
export function createVersionSources(deps: CurrentStateDeps): VersionSources {
  const { storage } = deps;
  async function exists(id: string): Promise<boolean> {
    const m = await storage.getMeta(id);
    return !!m && m.template !== null;
  }
  return {
    exists,
    async getState(id) {
      if (!(await exists(id))) return null;
      const room = deps.peek(id);
      if (room) {
        await room.loaded.catch(() => {});
        if (room.state === 'ready') return Y.encodeStateAsUpdate(room.doc);
      }
      // Salvaged like every load (storage/loadDoc.ts): damaged rows are quarantined.
      const { doc, stored } = await loadDoc({ storage, log: deps.logger ?? silentLogger() }, id);
      try {
        return stored ? Y.encodeStateAsUpdate(doc) : null;
      } finally {
        doc.destroy();
      }
    },
  };
}
