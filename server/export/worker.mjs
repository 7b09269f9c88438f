/**
 * Entry of the export worker threads (piscina).
 *
 * Priority: on Linux this thread lowers its own scheduling priority (nice 5, a
 * third of the default CPU weight) so that, with as many busy renders as cores,
 * the event loop thread (keystrokes, `/api/health`) still gets a core the moment
 * it has work; not lower, so renders are not starved by other busy processes.
 * Threads are tasks to Linux, so `setpriority` on this thread's id affects it
 * alone (and the threads it starts, such as tsx's loader thread).
 *
 * TypeScript: the server's sources are run by tsx, but a worker thread does not
 * always start with the loaders of the thread that made it: under
 * `tsx server/main.ts` it inherits tsx's `--import` hook, under vitest (which
 * transforms modules itself) it does not. So the task is imported through a
 * namespaced tsx registration, which works in both and leaves this thread's
 * global module loading alone.
 */
import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { register } from 'tsx/esm/api';

try {
  const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
  if (Number.isInteger(tid) && tid > 0) setPriority(tid, 5);
} catch {
  // Not Linux, or no /proc: keep the default priority.
}

const api = register({ namespace: 'susun-export-worker' });
const task = await api.import('./exportTask.ts', import.meta.url);

export default task.default;
