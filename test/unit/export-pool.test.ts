/**
 * Issue 12 item 3, heavy work off the event loop: the export pool renders in worker
 * threads and is bounded on every side — a full queue is refused at once (the route's
 * 503 + Retry-After), a render past its time limit or its heap limit fails alone, a
 * cancelled job leaves the queue, and closing drops what waits.
 */
import { afterEach, describe, expect, it } from 'vitest';
import {
  createExportPool,
  ExportBusyError,
  type ExportLimits,
  type ExportPool,
  ExportTimeoutError,
} from '../../server/export/pool';
import { bigSop } from '../helpers/bigSop';
import { sampleSnapshot } from './flowchart-sample';

const pools: ExportPool[] = [];
function pool(limits: Partial<ExportLimits> = {}): ExportPool {
  const p = createExportPool({
    concurrency: 1,
    queue: 1,
    timeoutMs: 60_000,
    memoryMb: 512,
    ...limits,
  });
  pools.push(p);
  return p;
}

afterEach(async () => {
  await Promise.all(pools.splice(0).map((p) => p.close()));
});

const small = { kind: 'pdf' as const, snapshot: sampleSnapshot() };
const bigger = { kind: 'docx' as const, snapshot: bigSop({ steps: 200 }) };

describe('export pool', () => {
  it('renders a PDF and a Word file in a worker thread', async () => {
    const p = pool();
    const pdf = await p.run(small);
    expect(Buffer.from(pdf.body.subarray(0, 5)).toString()).toBe('%PDF-');
    const docx = await p.run(bigger);
    expect(Array.from(docx.body.subarray(0, 2))).toEqual([0x50, 0x4b]); // PK
    expect(p.stats()).toMatchObject({ completed: 2, failed: 0, running: 0, queued: 0 });
  });

  it('refuses a job at once when every thread is busy and the queue is full', async () => {
    const p = pool({ concurrency: 1, queue: 1 });
    const running = p.run(bigger);
    const waiting = p.run(small);
    const refused = p.run(small).catch((e: unknown) => e);
    const err = await refused;
    expect(err).toBeInstanceOf(ExportBusyError);
    expect((err as ExportBusyError).retryAfterS).toBeGreaterThanOrEqual(1);
    expect(p.stats()).toMatchObject({ running: 1, queued: 1, rejectedBusy: 1 });
    await Promise.all([running, waiting]);
    expect(p.stats()).toMatchObject({ completed: 2, running: 0, queued: 0 });
  });

  it('stops a render past the time limit', async () => {
    // 1 ms: no render (not even a thread start) fits, so the limit always strikes.
    const p = pool({ timeoutMs: 1 });
    await expect(p.run(small)).rejects.toBeInstanceOf(ExportTimeoutError);
    expect(p.stats()).toMatchObject({ timedOut: 1, running: 0 });
  });

  it('fails a render past the heap limit without harming the process', async () => {
    const p = pool({ memoryMb: 24 });
    const err = (await p
      .run({ kind: 'docx', snapshot: bigSop({ steps: 1000, actors: 10 }) })
      .catch((e: unknown) => e)) as { code?: string };
    expect(err.code).toBe('ERR_WORKER_OUT_OF_MEMORY');
    expect(p.stats()).toMatchObject({ failed: 1, running: 0 });
  });

  it('drops a queued job whose client went away', async () => {
    const p = pool({ concurrency: 1, queue: 2 });
    const running = p.run(bigger);
    const cancel = new AbortController();
    const queued = p.run(small, cancel.signal).catch((e: unknown) => e);
    expect(p.stats().queued).toBe(1);
    cancel.abort();
    expect(((await queued) as Error).name).toBe('AbortError');
    expect(p.stats().queued).toBe(0);
    await running;
  });

  it('rejects what waits when closed', async () => {
    const p = pool({ concurrency: 1, queue: 2 });
    const running = p.run(bigger).catch((e: unknown) => e);
    const queued = p.run(small).catch((e: unknown) => e);
    await p.close();
    expect(await queued).toBeInstanceOf(Error);
    expect(await running).toBeInstanceOf(Error);
    await expect(p.run(small)).rejects.toThrow(/closed/);
  });
});
