/**
 * Entry of the strip-drawing thread (pngWorker.ts) when the server runs from its
 * TypeScript sources; the server bundle has `png-worker.mjs` built from pngWorker.ts.
 * The source is loaded through a namespaced tsx registration, as in `worker.mjs`.
 */
import { register } from 'tsx/esm/api';

const api = register({ namespace: 'susun-png-worker' });
await api.import('./pngWorker.ts', import.meta.url);
