/**
 * Entry of the .docx import worker thread (piscina) when the server runs from its
 * TypeScript sources (the server bundle uses `workerEntry.ts`, see `workerEntry()` in
 * server/workerThreads.ts). As `server/export/worker.mjs`: a lower scheduling priority on
 * Linux so the event loop keeps a core, and the task imported through a namespaced tsx
 * registration (works under tsx and vitest alike).
 */
import { register } from 'tsx/esm/api';

const api = register({ namespace: 'susun-import-worker' });
const threads = await api.import('../workerThreads.ts', import.meta.url);
threads.lowerThreadPriority();
const task = await api.import('./importTask.ts', import.meta.url);

export default task.default;
