/**
 * The listing row writer (server/rooms/metaWriter.ts): written once the edits pause, at the
 * latest MAX_WAIT_FACTOR × the debounce after the first change the row lacks, never more
 * often while a document is edited without pause; only the fields that changed since its
 * last write (and updatedAt); a failed write keeps them for the next one.
 */
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { MAX_WAIT_FACTOR, MetaWriter } from '../../server/rooms/metaWriter.js';
import type { DocSummary } from '../../server/rooms/summary.js';
import type { MetaFields } from '../../server/storage/sopIndex.js';

const DEBOUNCE = 1000;

function setup(summary: () => DocSummary & Partial<MetaFields>) {
  const writes: Array<{ at: number; fields: MetaFields }> = [];
  let fail = false;
  const writer = new MetaWriter('d1', new Y.Doc(), {
    index: {
      async updateMeta(_id, fields) {
        if (fail) throw new Error('disk full');
        writes.push({ at: Date.now(), fields });
      },
    },
    summarize: summary,
    debounceMs: DEBOUNCE,
    log: pino({ level: 'silent' }),
  });
  writer.enable();
  return {
    writer,
    writes,
    failNext(on: boolean) {
      fail = on;
    },
  };
}

describe('MetaWriter', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(0);
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('writes once the edits pause, and at most every MAX_WAIT while they do not', async () => {
    const { writer, writes } = setup(() => ({ name: 'A', stepCount: 1 }));
    // 12 s of changes every 100 ms: a row at most every DEBOUNCE × MAX_WAIT_FACTOR.
    for (let t = 0; t < 12_000; t += 100) {
      writer.changed();
      await vi.advanceTimersByTimeAsync(100);
    }
    const maxWait = DEBOUNCE * MAX_WAIT_FACTOR;
    expect(writes.map((w) => w.at)).toEqual([maxWait, 2 * maxWait]);
    // The last change (at 11.9 s) is written one debounce after it, not at the next max wait.
    await vi.advanceTimersByTimeAsync(DEBOUNCE);
    expect(writes.map((w) => w.at)).toEqual([maxWait, 2 * maxWait, 11_900 + DEBOUNCE]);
    expect(writes[2]?.fields.updatedAt).toBe(new Date(11_900).toISOString());
    // Nothing changed since: no timer, no write.
    await vi.advanceTimersByTimeAsync(10 * DEBOUNCE);
    expect(writes).toHaveLength(3);
  });

  it('a single change is written one debounce later', async () => {
    const { writer, writes } = setup(() => ({ name: 'A' }));
    writer.changed();
    await vi.advanceTimersByTimeAsync(DEBOUNCE - 1);
    expect(writes).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(writes.map((w) => w.at)).toEqual([DEBOUNCE]);
  });

  it('writes only the fields that changed since its last write', async () => {
    let s: DocSummary & Partial<MetaFields> = {
      name: 'SOP A',
      number: '1',
      status: 'draft',
      stepCount: 3,
      searchText: 'sop a',
    };
    const { writer, writes } = setup(() => s);
    writer.changed();
    await writer.flush();
    expect(writes[0]?.fields).toMatchObject(s);
    // A keystroke outside the searched fields: updatedAt alone.
    vi.setSystemTime(5000);
    writer.changed();
    await writer.flush();
    expect(Object.keys(writes[1]?.fields ?? {})).toEqual(['updatedAt']);
    // A new step: its count and the search text.
    s = { ...s, stepCount: 4, searchText: 'sop a menerima' };
    writer.changed();
    await writer.flush();
    expect(writes[2]?.fields).toEqual({
      stepCount: 4,
      searchText: 'sop a menerima',
      updatedAt: new Date(5000).toISOString(),
    });
  });

  it('a failed write leaves its fields for the next one', async () => {
    let s: DocSummary & Partial<MetaFields> = { name: 'A', stepCount: 1 };
    const { writer, writes, failNext } = setup(() => s);
    writer.changed();
    await writer.flush();
    s = { name: 'B', stepCount: 1 };
    failNext(true);
    writer.changed();
    await writer.flush();
    failNext(false);
    writer.changed();
    await writer.flush();
    expect(writes).toHaveLength(2);
    expect(writes[1]?.fields).toMatchObject({ name: 'B' });
    expect(writes[1]?.fields).not.toHaveProperty('stepCount');
  });
});
