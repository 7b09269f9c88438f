/**
 * The `getState` / `exists` dependencies of the versions router, over the
 * server's storage and rooms: the current Yjs state of an SOP is the open
 * room's STORED state when it is loaded (`Room.storedState`: its doc, handed out
 * once everything in it is stored — the live doc alone can hold updates whose
 * append may still fail), else the stored snapshot + log.
 */
import type { Logger } from 'pino';
import * as Y from 'yjs';
import { silentLogger } from '../logger.js';
import type { DocReader } from '../storage/loadDoc.js';
import { loadDoc } from '../storage/loadDoc.js';
import type { SopIndex } from '../storage/sopIndex.js';

/** The part of a room the versions code reads. */
export interface LiveDoc {
  /** The doc's state, once all of it is stored; rejects when the room closed. */
  storedState(): Promise<Uint8Array>;
}

export interface CurrentStateDeps {
  docLog: DocReader;
  index: Pick<SopIndex, 'getMeta'>;
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
  const { docLog, index } = deps;
  async function exists(id: string): Promise<boolean> {
    const m = await index.getMeta(id);
    return !!m && m.template !== null;
  }
  return {
    exists,
    async getState(id) {
      if (!(await exists(id))) return null;
      const room = deps.peek(id);
      if (room) {
        // (a room that failed to load or closed meanwhile is no answer: read storage)
        const state = await room.storedState().catch(() => null);
        if (state) return state;
      }
      // Salvaged like every load (storage/loadDoc.ts): damaged rows are quarantined.
      const { doc, stored } = await loadDoc({ docLog, log: deps.logger ?? silentLogger() }, id);
      try {
        return stored ? Y.encodeStateAsUpdate(doc) : null;
      } finally {
        doc.destroy();
      }
    },
  };
}
