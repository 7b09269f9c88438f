/**
 * The export worker pool: PDF and Word files are rendered in worker threads
 * (piscina) so a big or hostile SOP can never stall the event loop that carries
 * every editor's keystrokes.
 *
 * Bounded on every side: at most `concurrency` renders at once (each in its own
 * thread with a V8 heap limit), at most `queue` waiting behind them (beyond that
 * {@link ExportBusyError}, which the route answers with 503 + Retry-After), and
 * each render gets `timeoutMs` from the moment it starts before its thread is
 * terminated ({@link ExportTimeoutError}). The queue is kept here rather than in
 * piscina so the time limit counts running time only, and a request whose
 * client went away leaves the queue at once.
 */

import { Piscina } from 'piscina';
import type { Config } from '../config';
import { workerEntry } from '../workerThreads';
import type { ExportJob, ExportResult } from './exportTask';

/** Limits of the pool (see `EXPORT_*` in server/config.ts). */
export interface ExportLimits {
  /** Renders running at once (worker threads). */
  concurrency: number;
  /** Jobs allowed to wait for a free thread; more are refused. */
  queue: number;
  /** Longest render, from its start, before the thread is killed. */
  timeoutMs: number;
  /** V8 old-generation heap limit of each worker thread, in MiB. */
  memoryMb: number;
  /**
   * An idle thread exits after this long (default 5 minutes): a thread's first render
   * also loads the renderers (~1–2 s), which a meeting's next export should not pay again.
   */
  idleTimeoutMs?: number;
}

/** Defaults for a 2-core machine. */
export const DEFAULT_EXPORT_LIMITS: Readonly<ExportLimits> = Object.freeze({
  concurrency: 2,
  queue: 8,
  timeoutMs: 60_000,
  memoryMb: 512,
});

/** Every thread is busy and the queue is full: try again after `retryAfterS`. */
export class ExportBusyError extends Error {
  constructor(readonly retryAfterS: number) {
    super('Too many exports are being prepared');
    this.name = 'ExportBusyError';
  }
}

/** The render ran past the time limit and its thread was stopped. */
export class ExportTimeoutError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`The export took longer than ${Math.round(timeoutMs / 1000)} s`);
    this.name = 'ExportTimeoutError';
  }
}

/** Counters of the pool, for health and tests. */
export interface ExportPoolStats {
  running: number;
  queued: number;
  completed: number;
  failed: number;
  rejectedBusy: number;
  timedOut: number;
}

export interface ExportPool {
  /**
   * Render `job` in a worker. Rejects with {@link ExportBusyError} at once when the
   * queue is full, {@link ExportTimeoutError} past the time limit, or an
   * `AbortError` when `signal` aborts (the client went away).
   */
  run(job: ExportJob, signal?: AbortSignal): Promise<ExportResult>;
  stats(): ExportPoolStats;
  /** Refuse new jobs, drop queued ones and stop the threads. */
  close(): Promise<void>;
}

/** The part of a (pino) logger the pool uses. */
export interface PoolLogger {
  error(obj: object, msg?: string): void;
}

interface Pending {
  job: ExportJob;
  signal: AbortSignal | undefined;
  resolve(r: ExportResult): void;
  reject(e: unknown): void;
  onAbort(): void;
}

const WORKER = workerEntry('./worker.mjs', './export-worker.mjs', import.meta.url);

/** A pool with its own threads; `close()` it when the server stops. */
export function createExportPool(
  limits: ExportLimits = DEFAULT_EXPORT_LIMITS,
  deps: { logger?: PoolLogger } = {},
): ExportPool {
  const concurrency = Math.max(1, Math.floor(limits.concurrency));
  const piscina = new Piscina({
    filename: WORKER,
    minThreads: 0,
    maxThreads: concurrency,
    concurrentTasksPerWorker: 1,
    idleTimeout: limits.idleTimeoutMs ?? 300_000,
    resourceLimits: { maxOldGenerationSizeMb: limits.memoryMb },
  });
  // A thread that dies with no task on it is reported here rather than crashing the process.
  piscina.on('error', (err: unknown) => deps.logger?.error({ err }, 'export worker failed'));
  const queue: Pending[] = [];
  const stats = { running: 0, completed: 0, failed: 0, rejectedBusy: 0, timedOut: 0 };
  // Mean render time (ms), to tell a refused client when to come back.
  let meanMs = 2000;
  let closed = false;

  const abortError = (reason: unknown) =>
    Object.assign(new Error('The export was cancelled'), { name: 'AbortError', cause: reason });

  const launch = (p: Pending) => {
    stats.running++;
    const started = performance.now();
    const timer = new AbortController();
    const timeout = setTimeout(() => timer.abort(), limits.timeoutMs);
    const signal = p.signal ? AbortSignal.any([timer.signal, p.signal]) : timer.signal;
    // Counters settle before the caller hears back, then the next waiting job starts.
    const settle = () => {
      clearTimeout(timeout);
      stats.running--;
      queueMicrotask(pump);
    };
    (piscina.run(p.job, { signal }) as Promise<ExportResult>).then(
      (result) => {
        settle();
        stats.completed++;
        meanMs = 0.8 * meanMs + 0.2 * (performance.now() - started);
        p.resolve(result);
      },
      (err: unknown) => {
        settle();
        stats.failed++;
        if (timer.signal.aborted) {
          stats.timedOut++;
          p.reject(new ExportTimeoutError(limits.timeoutMs));
        } else if (p.signal?.aborted) p.reject(abortError(p.signal.reason));
        else p.reject(err);
      },
    );
  };
  const pump = () => {
    while (!closed && stats.running < concurrency && queue.length > 0) {
      const p = queue.shift()!;
      p.signal?.removeEventListener('abort', p.onAbort);
      if (p.signal?.aborted) p.reject(abortError(p.signal.reason));
      else launch(p);
    }
  };

  return {
    run(job, signal) {
      if (closed) return Promise.reject(new Error('The export pool is closed'));
      if (signal?.aborted) return Promise.reject(abortError(signal.reason));
      if (stats.running >= concurrency && queue.length >= limits.queue) {
        stats.rejectedBusy++;
        const waitMs = (meanMs * (queue.length + stats.running)) / concurrency;
        return Promise.reject(
          new ExportBusyError(Math.min(120, Math.max(1, Math.ceil(waitMs / 1000)))),
        );
      }
      return new Promise<ExportResult>((resolve, reject) => {
        const p: Pending = {
          job,
          signal,
          resolve,
          reject,
          onAbort: () => {
            const i = queue.indexOf(p);
            if (i >= 0) queue.splice(i, 1);
            reject(abortError(signal?.reason));
          },
        };
        signal?.addEventListener('abort', p.onAbort, { once: true });
        queue.push(p);
        pump();
      });
    },
    stats: () => ({ ...stats, queued: queue.length }),
    async close() {
      closed = true;
      for (const p of queue.splice(0)) p.reject(new Error('The server is shutting down'));
      await piscina.destroy();
    },
  };
}

/** The pool limits from the server configuration. */
export function exportLimitsFrom(
  config: Pick<Config, 'exportConcurrency' | 'exportQueue' | 'exportTimeoutMs' | 'exportMemoryMb'>,
): ExportLimits {
  return {
    concurrency: config.exportConcurrency,
    queue: config.exportQueue,
    timeoutMs: config.exportTimeoutMs,
    memoryMb: config.exportMemoryMb,
  };
}
