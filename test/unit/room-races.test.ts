/**
 * Issue 13, races 1–6 of the sync path, each replayed on a fake ASYNCHRONOUS store whose
 * every load/append/replaceUpTo the test settles when it wants (test/helpers/
 * deferredDocLog.ts), with in-memory connections. With synchronous better-sqlite3 these
 * orders never happened; with PostgreSQL they do. Each test says how the code before
 * the fix failed it.
 */
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { loadConfig } from '../../server/config.js';
import { silentLogger } from '../../server/logger.js';
import { LOAD_ORIGIN } from '../../server/rooms/origins.js';
import { RoomManager } from '../../server/rooms/roomManager.js';
import type { DocMeta } from '../../server/storage/sopIndex.js';
import { createVersionSources } from '../../server/versions/currentState.js';
import { CloseCodes } from '../../shared/protocol.js';
import { DeferredDocLog, turn, until } from '../helpers/deferredDocLog.js';
import { MemClient } from '../helpers/memClient.js';
import { freeText } from '../helpers/sops.js';

const config = { ...loadConfig({}), unloadDelayMs: 0, compactThreshold: 1000 };

/** An update of a fresh client writing `text` (concurrent with everything else). */
function textUpdate(text: string): Uint8Array {
  const d = new Y.Doc();
  freeText(d).insert(0, text);
  return Y.encodeStateAsUpdate(d);
}

function textOf(state: Uint8Array): string {
  const d = new Y.Doc();
  Y.applyUpdate(d, state);
  return freeText(d).toString();
}

/** What storage holds for `docId`, as the text. */
async function storedText(log: DeferredDocLog, docId: string): Promise<string> {
  const stored = await log.backing.load(docId);
  const d = new Y.Doc();
  for (const u of stored?.updates ?? []) Y.applyUpdate(d, u);
  return freeText(d).toString();
}

describe('sync path races on an asynchronous store (issue 13)', () => {
  let log: DeferredDocLog;
  let rooms: RoomManager;

  const setup = () => {
    log = new DeferredDocLog();
    rooms = new RoomManager({
      docLog: log,
      index: { updateMeta: async () => {} },
      logger: silentLogger(),
      config,
    });
  };

  /** A client in a loaded room of `docId` whose stored text is `base`. */
  async function joined(docId: string, base: string) {
    await log.seed([{ docId, update: textUpdate(base) }]);
    const client = new MemClient();
    await client.join(rooms, docId);
    const room = client.room!;
    await room.loaded;
    await until(() => freeText(client.doc).toString() === base);
    return { client, room };
  }

  afterEach(async () => {
    log.auto = new Set(['load', 'append', 'replaceUpTo']);
    log.onCall = null;
    for (const op of log.calls) if (!op.settled) await op.resolve();
    await rooms.closeAll();
  });

  it('race 1: a reset abandons its own queue; a compaction asked before it never writes the destroyed doc', async () => {
    // Before: the reset closed the queue but the batcher still took its pending updates
    // and appended them (a second append, after a failed/abandoned group), and the
    // compaction already queued in the batcher's chain then encoded the destroyed doc —
    // the half-applied update that caused the reset included — into the snapshot.
    setup();
    const { client, room } = await joined('d', 'base');
    freeText(client.doc).insert(4, ' one');
    const g1 = await log.next('append', 'd');
    const compaction = room.compact(); // scheduled while the group is in flight
    freeText(client.doc).insert(8, ' two');
    room.flushPending(); // applied: queued behind the group in flight
    // What a poisoned update leaves: part of it in the doc, nothing of it queued.
    room.doc.transact(() => freeText(room.doc).insert(0, 'HALF '), LOAD_ORIGIN);
    room.reset(CloseCodes.internalError);
    log.auto.add('append'); // whatever is still written is written at once
    await g1.resolve(); // the group already in flight commits anyway
    await rooms.batcher.idle();
    expect(log.count('append', 'd')).toBe(1);
    expect(log.count('replaceUpTo', 'd')).toBe(0);
    await compaction;
    await room.closed;
    expect(log.count('replaceUpTo', 'd')).toBe(0);
    expect(await storedText(log, 'd')).toBe('base one');
  });

  it('race 2: the document loads again only once the reset room’s writes in flight have settled', async () => {
    // Before: the new room loaded at once, without the row still being appended by the
    // old room; its compaction (replaceState: DELETE every row of the doc) then dropped
    // that row, committed after the new room's snapshot was taken.
    setup();
    const { client, room: old } = await joined('d', 'base');
    freeText(client.doc).insert(4, ' kept');
    const g1 = await log.next('append', 'd');
    old.reset(CloseCodes.storageFailed);
    const again = new MemClient();
    const joining = again.join(rooms, 'd');
    await turn();
    await turn();
    expect(log.count('load', 'd')).toBe(1); // not read again while the old write may commit
    await g1.resolve();
    await joining;
    await again.room!.loaded;
    expect(log.count('load', 'd')).toBe(2);
    await until(() => freeText(again.doc).toString() === 'base kept');
  });

  it('race 2: compaction deletes only the rows up to the sequence number it compacted', async () => {
    // Before: replaceState deleted the whole log, including a row stored after the
    // room's state was taken (by an old room still draining, or another process).
    setup();
    log.auto.add('replaceUpTo');
    const { room } = await joined('d', 'base');
    const late = await log.seed([{ docId: 'd', update: textUpdate('late') }]);
    await room.compact();
    const op = log.calls.find((c) => c.kind === 'replaceUpTo')!;
    expect((op.args as { upToSeq: number }).upToSeq).toBeLessThan(late.get('d')!.seq);
    expect((await log.backing.load('d'))?.rows).toEqual(['snapshot', late.get('d')?.seq]);
    expect(await storedText(log, 'd')).toContain('late');
  });

  it('race 3: a compaction snapshot never holds a group whose append then fails', async () => {
    // Before: the compaction encoded the live doc, which held an update not yet
    // appended; the snapshot was written, then that update's append failed (the room
    // reset, its sender was told nothing was stored) — yet it was stored in the snapshot.
    setup();
    const { client, room } = await joined('d', 'base');
    freeText(client.doc).insert(4, ' one');
    const g1 = await log.next('append', 'd');
    freeText(client.doc).insert(8, ' two');
    const compaction = room.compact(); // the doc holds ' two', not yet appended
    await g1.resolve();
    const g2 = await log.next('append', 'd'); // ' two', sealed with the snapshot
    g2.reject();
    await rooms.batcher.idle();
    expect(log.count('replaceUpTo', 'd')).toBe(0);
    await compaction;
    await room.closed;
    expect(log.count('replaceUpTo', 'd')).toBe(0);
    expect(await storedText(log, 'd')).toBe('base one');
  });

  it('race 3: the snapshot sealed with a group is written once that group is stored, up to its seq', async () => {
    setup();
    const { client, room } = await joined('d', 'base');
    freeText(client.doc).insert(4, ' one');
    const g1 = await log.next('append', 'd');
    freeText(client.doc).insert(8, ' two');
    const compaction = room.compact();
    await g1.resolve();
    const g2 = await log.next('append', 'd');
    expect(log.count('replaceUpTo', 'd')).toBe(0); // not before the group is stored
    await g2.resolve();
    const replace = await log.next('replaceUpTo', 'd');
    const { state, upToSeq } = replace.args as { state: Uint8Array; upToSeq: number };
    const rows = (await log.backing.load('d'))?.rows ?? [];
    expect(upToSeq).toBe(rows.at(-1)); // the group's own sequence number
    expect(textOf(state)).toBe('base one two');
    await replace.resolve();
    await compaction;
    expect((await log.backing.load('d'))?.rows).toEqual(['snapshot']);
    expect(room.compactor.logLength).toBe(0);
  });

  it('race 4: unload waits for its own writes, not for the batcher to be idle', async () => {
    // Before: unload awaited batcher.idle(); with another room writing at every turn the
    // batcher never went idle, so the room stayed 'closing' until that traffic stopped.
    setup();
    log.auto = new Set(['load', 'append', 'replaceUpTo']);
    const { client: a, room: roomA } = await joined('a', 'A');
    const { client: b } = await joined('b', 'B');
    const LIMIT = 1000;
    let busy = 0;
    // Every append finds another update of B waiting: the batcher is never idle.
    log.onCall = (op) => {
      if (op.kind === 'append' && busy < LIMIT) {
        busy++;
        freeText(b.doc).insert(0, 'b');
      }
    };
    freeText(b.doc).insert(0, 'b');
    freeText(a.doc).insert(1, '!');
    a.close(1000, 'bye');
    await roomA.closed;
    expect(busy).toBeLessThan(LIMIT); // closed while the batcher still had work
    expect(await storedText(log, 'a')).toBe('A!');
    busy = LIMIT;
  });

  it('race 5: a socket that closes while it waits for an unload still lets the new room unload', async () => {
    // Before: acquire handed the new room out unheld; the transport saw its socket was
    // gone and returned, and a room without connections or holds never got an unload
    // timer: it stayed in memory for good.
    setup();
    log.auto.add('replaceUpTo');
    const { client: a, room: old } = await joined('d', 'base');
    freeText(a.doc).insert(4, '!');
    const g1 = await log.next('append', 'd'); // held: the unload waits for it
    a.close(1000, 'bye');
    await until(() => old.state === 'closing');
    const b = new MemClient();
    const joining = b.join(rooms, 'd'); // waits for the old room
    b.close(1006, ''); // the socket went away meanwhile
    await g1.resolve();
    await joining;
    expect(b.room).toBeNull();
    expect(log.count('load', 'd')).toBe(2); // a new room was loaded for it...
    await until(() => rooms.size === 0); // ...and unloaded
  });

  it('race 6: a version is read from stored state, never from an update whose append may fail', async () => {
    // Before: getState encoded the open room's live doc at once, with an update whose
    // append was still in flight — and then failed: the version held an unstored edit.
    setup();
    const { client } = await joined('d', 'base');
    const meta = { template: 'sop-ap' } as DocMeta;
    const sources = createVersionSources({
      docLog: log,
      index: { getMeta: async () => meta },
      peek: (id) => rooms.peek(id),
    });
    freeText(client.doc).insert(4, ' unstored');
    const g1 = await log.next('append', 'd');
    let answered = false;
    const state = sources.getState('d').finally(() => {
      answered = true;
    });
    await turn();
    await turn();
    expect(answered).toBe(false); // not while the update may still fail
    g1.reject();
    expect(textOf((await state)!)).toBe('base'); // the room reset: read from storage
  });

  it('race 6: a version taken inside a server change is handed out once that change is stored', async () => {
    setup();
    await joined('d', 'base');
    let version: Promise<Uint8Array> | null = null;
    const change = rooms.withDocs(['d'], ([held]) => {
      freeText(held!.doc).insert(4, ' approved');
      version = held!.storedState();
    });
    const g1 = await log.next('append', 'd');
    let answered = false;
    void version!.then(() => {
      answered = true;
    });
    await turn();
    expect(answered).toBe(false);
    await g1.resolve();
    await change;
    expect(textOf(await version!)).toBe('base approved');
  });
});
