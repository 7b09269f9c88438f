/**
 * What the server's worker threads (PDF/Word export, .docx import; piscina) share.
 */
import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';

/**
 * On Linux, lowers this thread's scheduling priority (nice 5, a third of the default CPU
 * weight) so that, with as many busy workers as cores, the event loop thread (keystrokes,
 * `/api/health`) still gets a core the moment it has work; not lower, so the work is not
 * starved by other busy processes. Threads are tasks to Linux, so `setpriority` on this
 * thread's id affects it alone (and the threads it starts, such as tsx's loader thread).
 */
export function lowerThreadPriority(): void {
  try {
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (Number.isInteger(tid) && tid > 0) setPriority(tid, 5);
  } catch {
    // Not Linux, or no /proc: keep the default priority.
  }
}

/**
 * The file a worker thread starts from. Run from the TypeScript sources (tsx, vitest:
 * `base` ends in `.ts`), the `.mjs` entry beside the pool's source, which imports the
 * task through tsx; run from the server bundle (`npm start`: dist/server/main.mjs), the
 * bundled entry beside it (scripts/build-server.mjs builds both).
 */
export function workerEntry(sourceEntry: string, bundledEntry: string, base: string): string {
  return new URL(base.endsWith('.ts') ? sourceEntry : bundledEntry, base).href;
}
