/**
 * Entry of the export worker threads (piscina) when the server runs from its TypeScript
 * sources (the server bundle uses `workerEntry.ts`, see `workerEntry()` in
 * server/workerThreads.ts).
 *
 * TypeScript: a worker thread does not always start with the loaders of the thread that
 * made it: under `tsx server/main.ts` it inherits tsx's `--import` hook, under vitest
 * (which transforms modules itself) it does not. So the task is imported through a
 * namespaced tsx registration, which works in both and leaves this thread's global
 * module loading alone.
 */
import { register } from 'tsx/esm/api';

const api = register({ namespace: 'susun-export-worker' });
const threads = await api.import('../workerThreads.ts', import.meta.url);
threads.lowerThreadPriority();
const task = await api.import('./exportTask.ts', import.meta.url);

export default task.default;
