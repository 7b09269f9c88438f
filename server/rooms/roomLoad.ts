/**
 * Reading a room's document from storage: salvage on load (server/storage/loadDoc.ts:
 * damaged rows are quarantined, the rest loads) and the early snapshot (sent to the
 * connections already waiting before it is parsed).
 */
import type { Logger } from 'pino';
import type * as Y from 'yjs';
import type { DocLog } from '../storage/docLog.js';
import { loadDoc } from '../storage/loadDoc.js';
import { LOAD_ORIGIN } from './origins.js';

/** The room closed while its document was being read: stop loading quietly. */
export class LoadAbandoned extends Error {}

/** What a room reads its document through. */
export type RoomReader = Pick<DocLog, 'load' | 'quarantine' | 'adoptSnapshotDigest'>;

export interface RoomDocRead {
  /** What is stored (after salvage); null when nothing ever was. */
  stored: {
    logLength: number;
    bytes: number;
    /** Sequence number of the last log row the doc was loaded from (0: none). */
    seq: number;
  } | null;
  /** The lone stored snapshot the doc now equals (sync answers can be cut from it). */
  loneSnapshot: Uint8Array | null;
  /** Rows this load moved to quarantine. */
  quarantined: number;
  /** The doc holds part of a row now quarantined: drop it and load again. */
  tainted: boolean;
}

export interface RoomDocReadHooks {
  /** Send the trusted stored snapshot to the connections waiting (before it is parsed). */
  early(snapshot: Uint8Array): Promise<void>;
  /** The room stopped loading meanwhile. */
  abandoned(): boolean;
}

/** Load `docId` into `doc` (updates with {@link LOAD_ORIGIN}). Throws {@link LoadAbandoned} when the room stopped loading. */
export async function readRoomDoc(
  deps: { docLog: RoomReader; log: Logger },
  docId: string,
  doc: Y.Doc,
  hooks: RoomDocReadHooks,
): Promise<RoomDocRead> {
  const loaded = await loadDoc({ storage: deps.docLog, log: deps.log }, docId, {
    into: doc,
    origin: LOAD_ORIGIN,
    beforeApply: async (snapshot) => {
      // Only a snapshot that matches its checksum may be seen before it is parsed.
      if (snapshot) await hooks.early(snapshot);
      if (hooks.abandoned()) throw new LoadAbandoned();
    },
  });
  const s = loaded.stored;
  return {
    stored: s && { logLength: s.logLength, bytes: s.bytes, seq: lastSeqOf(s) },
    loneSnapshot: loaded.loneSnapshot,
    quarantined: loaded.quarantined.length,
    tainted: loaded.tainted,
  };
}

/** The last log row's sequence number: `lastSeq` when the store reports it, else the highest row ref. */
function lastSeqOf(stored: { rows: ReadonlyArray<'snapshot' | number>; lastSeq?: number }): number {
  let seq = stored.lastSeq ?? 0;
  for (const r of stored.rows) if (typeof r === 'number' && r > seq) seq = r;
  return seq;
}
