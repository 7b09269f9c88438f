/**
 * LogCompactor on its own: it owns the stored-size counters (rows and bytes per stored
 * span, what is not stored yet), compacts from the stored state it is given, keeps the
 * rows stored after that state's seq, and does not retry at every group after a refusal.
 */
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../server/logger.js';
import type { StoredState } from '../../server/rooms/durableQueue.js';
import { LogCompactor } from '../../server/rooms/logCompactor.js';

function setup(threshold = 10) {
  const replaced: Array<{ seq: number; bytes: number }> = [];
  let answer = true;
  let stored: StoredState = { state: new Uint8Array(5), seq: 0 };
  const compactor = new LogCompactor('d', {
    docLog: {
      replaceUpTo: async (_id, state, seq) => {
        replaced.push({ seq, bytes: state.length });
        return answer;
      },
    },
    storedState: async () => stored,
    threshold,
    log: silentLogger(),
  });
  return {
    compactor,
    replaced,
    refuse: (v: boolean) => {
      answer = !v;
    },
    storedAt: (seq: number, bytes: number) => {
      stored = { state: new Uint8Array(bytes), seq };
    },
  };
}

describe('LogCompactor', () => {
  it('counts the loaded rows, what is pending, and what each stored group adds', () => {
    const { compactor } = setup();
    compactor.loaded({ logLength: 3, bytes: 300, seq: 3 });
    compactor.grew(40);
    expect(compactor.bytes).toBe(340);
    compactor.appended({ rows: 1, bytes: 40, seq: 9 });
    expect(compactor.logLength).toBe(4);
    expect(compactor.bytes).toBe(340);
  });

  it('replaces only the rows up to the stored state’s seq; later rows stay counted', async () => {
    const { compactor, replaced, storedAt } = setup();
    compactor.loaded({ logLength: 3, bytes: 300, seq: 3 });
    compactor.appended({ rows: 2, bytes: 50, seq: 9 });
    storedAt(3, 120); // the state covers the loaded rows only
    compactor.appended({ rows: 1, bytes: 10, seq: 12 });
    await compactor.compact();
    expect(replaced).toEqual([{ seq: 3, bytes: 120 }]);
    expect(compactor.logLength).toBe(3); // the rows of seq 9 and 12
    expect(compactor.bytes).toBe(120 + 50 + 10);
    expect(compactor.compactions).toBe(1);
  });

  it('starts in the background past the threshold; after a refusal, not again before another threshold', async () => {
    const { compactor, replaced, refuse, storedAt } = setup(3);
    compactor.loaded({ logLength: 0, bytes: 0, seq: 0 });
    refuse(true); // another process holds the document
    storedAt(3, 10);
    for (let seq = 1; seq <= 3; seq++) compactor.appended({ rows: 1, bytes: 1, seq });
    await compactor.settled();
    expect(replaced).toHaveLength(1);
    compactor.appended({ rows: 1, bytes: 1, seq: 4 });
    await compactor.settled();
    expect(replaced).toHaveLength(1); // 4 rows < 3 + 3
    refuse(false);
    storedAt(6, 10);
    compactor.appended({ rows: 1, bytes: 1, seq: 5 });
    compactor.appended({ rows: 1, bytes: 1, seq: 6 });
    await compactor.settled();
    expect(replaced).toHaveLength(2);
    expect(compactor.logLength).toBe(0);
  });
});
