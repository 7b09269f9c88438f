/** NewestWrite (client/src/lib/newestWrite.ts): one write at a time, the newest value last. */
import { describe, expect, it } from 'vitest';
import { NewestWrite } from '../../client/src/lib/newestWrite';

/** A write whose completion the test controls. */
function controlled() {
  const started: string[] = [];
  const finish: Array<(fail?: boolean) => void> = [];
  let running = 0;
  let maxRunning = 0;
  const write = (v: string) =>
    new Promise<void>((resolve, reject) => {
      started.push(v);
      running++;
      maxRunning = Math.max(maxRunning, running);
      finish.push((fail) => {
        running--;
        if (fail) reject(new Error(`write ${v} failed`));
        else resolve();
      });
    });
  return { started, finish, write, maxRunning: () => maxRunning };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('NewestWrite', () => {
  it('writes one at a time and ends with the newest value, skipping those it replaced', async () => {
    const c = controlled();
    const settled: boolean[] = [];
    const w = new NewestWrite(c.write, (ok) => settled.push(ok));
    const first = w.push('choice');
    void w.push('note');
    void w.push('note + action');
    await tick();
    expect(c.started).toEqual(['choice']);
    expect(w.busy).toBe(true);
    c.finish[0]?.();
    await tick();
    expect(c.started).toEqual(['choice', 'note + action']);
    expect(settled).toEqual([]);
    c.finish[1]?.();
    await first;
    expect(settled).toEqual([true]);
    expect(c.maxRunning()).toBe(1);
    expect(w.busy).toBe(false);
  });

  it('reports a failure once and drops what waited; the next push writes again', async () => {
    const c = controlled();
    const settled: Array<[boolean, unknown]> = [];
    const w = new NewestWrite(c.write, (ok, e) => settled.push([ok, e]));
    const first = w.push('a');
    void w.push('b');
    await tick();
    c.finish[0]?.(true);
    await first;
    expect(c.started).toEqual(['a']);
    expect(settled).toHaveLength(1);
    expect(settled[0]?.[0]).toBe(false);
    expect(String(settled[0]?.[1])).toContain('write a failed');
    const again = w.push('c');
    await tick();
    c.finish[1]?.();
    await again;
    expect(c.started).toEqual(['a', 'c']);
    expect(settled[1]).toEqual([true, undefined]);
  });
});
