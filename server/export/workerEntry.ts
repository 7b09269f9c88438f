/**
 * Entry of the export worker threads in the server bundle (`dist/server/export-worker.mjs`,
 * see scripts/build-server.mjs); from the sources, `worker.mjs` is used instead.
 */
import { lowerThreadPriority } from '../workerThreads';

lowerThreadPriority();

export { default } from './exportTask';
