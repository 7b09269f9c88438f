/**
 * Issue 12 item 3, exports never block the event loop: while the server renders a PDF of
 * an SOP with a 6,000-character word, and a Word file and a PDF of a 2,000-step SOP, a
 * stock Yjs client keeps typing and an observer keeps receiving its updates (counted as
 * round trips completed during the export — a blocked event loop completes none); a full
 * export queue answers 503 with Retry-After and a JSON error at once; a client that hangs
 * up stops its render. (The pool tests use a bare app with a small pool of their own: the
 * server's pool takes EXPORT_CONCURRENCY/EXPORT_QUEUE from its config.)
 */

import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterEach, describe, expect, it } from 'vitest';
import { createExportPool, type ExportPool } from '../../server/export/pool';
import { createExportRouter } from '../../server/routes/export';
import { SopDoc } from '../../shared/model/index';
import type { SopSnapshot } from '../../shared/model/types';
import { bigSop } from '../helpers/bigSop';
import { type TestClient, waitForDoc, waitForSynced } from '../helpers/collab.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { adminClient } from '../helpers/sops.js';

let server: TestServer | null = null;
const clients: TestClient[] = [];
const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  for (const close of closers.splice(0)) await close();
  await server?.close();
  server = null;
});

async function importSop(srv: TestServer, snapshot: SopSnapshot): Promise<string> {
  const res = await srv.api('/api/sops/import', { json: snapshot });
  expect(res.status, await res.clone().text()).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

/**
 * Types into `typist` one character at a time, each time waiting until `observer` has
 * the edit (through the server), until `done` settles. Returns the completed round trips.
 */
async function typeDuring(typist: TestClient, observer: TestClient, done: Promise<unknown>) {
  let finished = false;
  void done.finally(() => {
    finished = true;
  });
  const sop = new SopDoc(typist.doc);
  const seen = new SopDoc(observer.doc);
  let trips = 0;
  while (!finished) {
    const text = `${sop.identity.get().unit}k`;
    sop.identity.set('unit', text);
    await waitForDoc(observer.doc, () => seen.identity.get().unit === text, 'observer sees typing');
    trips++;
  }
  return trips;
}

/** A bare app with the export router and a one-thread pool with one queue place. */
async function exportApp(): Promise<{ pool: ExportPool; base: string }> {
  const pool = createExportPool({ concurrency: 1, queue: 1, timeoutMs: 60_000, memoryMb: 512 });
  const sops: Record<string, SopSnapshot> = {
    big: bigSop({ steps: 600 }),
    small: bigSop({ steps: 4 }),
  };
  const app = express();
  app.use('/api/sops', createExportRouter({ getSnapshot: async (id) => sops[id] ?? null, pool }));
  const http = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => http.once('listening', () => resolve()));
  closers.push(async () => {
    await new Promise<void>((resolve) => http.close(() => resolve()));
    await pool.close();
  });
  return { pool, base: `http://127.0.0.1:${(http.address() as AddressInfo).port}/api/sops` };
}

/** Resolves once `check()` holds, re-checking after each turn of the event loop. */
function until(check: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    const poll = () => (check() ? resolve() : setImmediate(poll));
    poll();
  });
}

describe('exports under load', () => {
  it('a long-word PDF and 2,000-step Word and PDF files do not stop a typing client', async () => {
    server = await startTestServer();
    const word = Array.from({ length: 6000 }, (_, i) => 'abcdefghij'[i % 10]).join('');
    const wordId = await importSop(server, bigSop({ steps: 12, longText: word }));
    const bigId = await importSop(server, bigSop({ steps: 2000 }));
    // The typists edit a third SOP, so the exports' snapshots are not the ones changing.
    const typedId = await importSop(server, bigSop({ steps: 5 }));
    const typist = adminClient(server, typedId);
    const observer = adminClient(server, typedId);
    clients.push(typist, observer);
    await Promise.all([waitForSynced(typist.provider), waitForSynced(observer.provider)]);

    const get = async (path: string) => {
      const res = await server!.api(path);
      return { status: res.status, bytes: (await res.arrayBuffer()).byteLength };
    };
    const wordPdf = get(`/api/sops/${wordId}/export.pdf?forms=1`);
    const wordTrips = await typeDuring(typist, observer, wordPdf);
    expect(await wordPdf).toMatchObject({ status: 200 });

    const big = Promise.all([
      get(`/api/sops/${bigId}/export.docx`),
      get(`/api/sops/${bigId}/export.pdf`),
    ]);
    const bigTrips = await typeDuring(typist, observer, big);
    for (const r of await big) expect(r.status).toBe(200);

    // Rendering on the event loop holds every round trip until the file is done: the
    // 2,000-step files rendered in-process let 4 through (in workers: thousands), the
    // quadratic 6,000-character wrap of before issue 12 a handful in 14 s.
    expect(wordTrips).toBeGreaterThanOrEqual(20);
    expect(bigTrips).toBeGreaterThanOrEqual(100);
  });

  it('answers 503 with Retry-After and a JSON error when the export queue is full', async () => {
    const { pool, base } = await exportApp();

    const running = fetch(`${base}/big/export.docx`);
    // Wait until the first render holds the thread, then fill the queue.
    await until(() => pool.stats().running === 1);
    const queued = fetch(`${base}/small/export.pdf`);
    await until(() => pool.stats().queued === 1);
    const refused = await fetch(`${base}/small/export.pdf`);
    expect(refused.status).toBe(503);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(refused.headers.get('content-type')).toContain('application/json');
    expect(await refused.json()).toMatchObject({ error: { code: 'export_busy' } });
    expect((await running).status).toBe(200);
    expect((await queued).status).toBe(200);
  });

  it('stops the render of a client that hangs up', async () => {
    const { pool, base } = await exportApp();
    const hangUp = new AbortController();
    const res = fetch(`${base}/big/export.docx`, { signal: hangUp.signal }).catch(
      (e: unknown) => e,
    );
    await until(() => pool.stats().running === 1);
    hangUp.abort();
    expect(((await res) as Error).name).toBe('AbortError');
    await until(() => pool.stats().running === 0);
    expect(pool.stats()).toMatchObject({ completed: 0, failed: 1 });
    // The pool goes on serving.
    expect((await fetch(`${base}/small/export.pdf`)).status).toBe(200);
  });
});
