/**
 * Entry of the .docx import worker thread in the server bundle
 * (`dist/server/import-worker.mjs`, see scripts/build-server.mjs); from the sources,
 * `worker.mjs` is used instead.
 */
import { lowerThreadPriority } from '../workerThreads';

lowerThreadPriority();

export { default } from './importTask';
