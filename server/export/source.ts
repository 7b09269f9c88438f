/**
 * Where an export's SOP comes from when the router is given `getUpdates`: the SOP's
 * Yjs state as encoded updates, decoded into a snapshot in the worker thread.
 *
 * Why not the snapshot: building it means applying the stored snapshot and log to a
 * fresh Y.Doc and reading it out, 110–150 ms of event loop for a 1,000-step SOP and up
 * to 450 ms for 2,000 (measured here), per export. Reading the stored rows costs a query
 * and a decode check (`readStoredUpdates`, which quarantines rows that cannot be used,
 * as a load does); an open room's doc is encoded (a fraction of a load).
 */
import type { Logger } from 'pino';
import * as Y from 'yjs';
import { type DocReader, readStoredUpdates } from '../storage/loadDoc';
import type { SopIndex } from '../storage/sopIndex';

/** The part of a room this reads (as `rooms.peek(id)` returns it; it must not load one). */
export interface LiveDoc {
  readonly doc: Y.Doc;
  readonly loaded: Promise<void>;
  readonly state: string;
}

export interface ExportSourceDeps {
  docLog: DocReader;
  index: Pick<SopIndex, 'getMeta'>;
  logger: Logger;
  /** The loaded room of a document, if any, e.g. `(id) => rooms.peek(id)`. */
  peek(id: string): LiveDoc | undefined;
}

/** `getUpdates` for the export router: null when `id` is not an SOP. */
export function createExportSource(
  deps: ExportSourceDeps,
): (id: string) => Promise<Uint8Array[] | null> {
  return async (id) => {
    const meta = await deps.index.getMeta(id);
    if (!meta || meta.template === null) return null;
    const room = deps.peek(id);
    if (room) {
      await room.loaded.catch(() => {});
      // The open room holds every update anyone has seen (each logged before broadcast).
      if (room.state === 'ready') return [Y.encodeStateAsUpdate(room.doc)];
    }
    return readStoredUpdates({ docLog: deps.docLog, log: deps.logger }, id);
  };
}
