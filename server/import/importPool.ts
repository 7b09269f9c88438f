/**
 * Runs .docx imports off the event loop (issue 17): one worker thread (piscina, as the
 * export pool), a short queue, a time limit and a heap limit. Reading a Word file is a
 * ZIP inflate plus an XML parse of its main part — tens of milliseconds for an ordinary
 * SOP, but seconds for a large or hostile one, which must not stall every editor's
 * keystrokes.
 */
import { Piscina } from 'piscina';
import { workerEntry } from '../workerThreads';
import type { DocxImportJob, DocxImportOutcome } from './importTask';

export interface DocxImportLimits {
  /** Imports read at once (threads). */
  concurrency: number;
  /** Imports allowed to wait; more are refused (503). */
  queue: number;
  /** Longest read before its thread is stopped. */
  timeoutMs: number;
  /** V8 heap limit of the thread (MiB). */
  memoryMb: number;
}

export const DEFAULT_IMPORT_LIMITS: Readonly<DocxImportLimits> = Object.freeze({
  concurrency: 1,
  queue: 4,
  timeoutMs: 30_000,
  memoryMb: 512,
});

/** Every thread is busy and the queue is full. */
export class ImportBusyError extends Error {
  constructor() {
    super('Too many imports are being read; try again shortly');
    this.name = 'ImportBusyError';
  }
}

/** The read ran past the time limit. */
export class ImportTimeoutError extends Error {
  constructor() {
    super('Reading the Word file took too long');
    this.name = 'ImportTimeoutError';
  }
}

export interface DocxImporter {
  read(job: DocxImportJob): Promise<DocxImportOutcome>;
  close(): Promise<void>;
}

const WORKER = workerEntry('./worker.mjs', './import-worker.mjs', import.meta.url);

export function createDocxImporter(limits: DocxImportLimits = DEFAULT_IMPORT_LIMITS): DocxImporter {
  const piscina = new Piscina({
    filename: WORKER,
    minThreads: 0,
    maxThreads: Math.max(1, limits.concurrency),
    maxQueue: limits.queue,
    concurrentTasksPerWorker: 1,
    idleTimeout: 30_000,
    resourceLimits: { maxOldGenerationSizeMb: limits.memoryMb },
  });
  // A thread that dies with no task on it must not crash the process.
  piscina.on('error', () => {});
  let closed = false;
  return {
    async read(job) {
      if (closed) throw new Error('The import pool is closed');
      if (piscina.queueSize >= limits.queue) throw new ImportBusyError();
      const timer = new AbortController();
      const timeout = setTimeout(() => timer.abort(), limits.timeoutMs);
      try {
        return (await piscina.run(job, { signal: timer.signal })) as DocxImportOutcome;
      } catch (err) {
        if (timer.signal.aborted) throw new ImportTimeoutError();
        throw err;
      } finally {
        clearTimeout(timeout);
      }
    },
    async close() {
      closed = true;
      await piscina.destroy();
    },
  };
}
