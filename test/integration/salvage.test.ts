/**
 * Rule (issue 12 §2): one damaged stored row never makes an SOP unloadable. For each
 * kind of damage, a bad row is written straight into the SQLite file of a stopped
 * server; after a restart GET answers 200 with the good content, exports and versions
 * answer 200, a stock client syncs, `/api/health` counts the quarantined row and the
 * quarantine table (and `GET /api/sops/:id/integrity`) holds it. A document that still
 * cannot be served (its schema is newer than the server's) closes sockets with 4410,
 * which y-websocket does not retry.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { SopDoc } from '../../shared/model/index.js';
import { CloseCodes } from '../../shared/protocol.js';
import { waitForSynced, waitUntil } from '../helpers/collab.js';
import { makeTempDir, startTestServer, type TestServer } from '../helpers/server.js';
import { adminClient, newSop } from '../helpers/sops.js';

const dirs: string[] = [];
let srv: TestServer | null = null;
afterEach(async () => {
  await srv?.close();
  srv = null;
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

/** The update `fn` makes through the model on a replica of `state` (its own client id). */
function edit(state: Uint8Array, clientID: number, fn: (sop: SopDoc) => void): Uint8Array {
  const doc = new Y.Doc();
  doc.clientID = clientID;
  Y.applyUpdate(doc, state);
  const parts: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => parts.push(u));
  const sop = new SopDoc(doc);
  fn(sop);
  sop.destroy();
  return Y.mergeUpdates(parts);
}

type Damage = (ctx: { snapshot: Uint8Array; spare: Uint8Array }) => {
  snapshot: Uint8Array;
  bad: Uint8Array | null;
};

/** Deterministic noise. */
function noise(n: number, seed: number): Uint8Array {
  const out = new Uint8Array(n);
  let x = seed;
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    out[i] = x >>> 24;
  }
  return out;
}

const DAMAGE: Array<[string, Damage]> = [
  ['random bytes', ({ snapshot }) => ({ snapshot, bad: noise(300, 5) })],
  [
    'a truncated row',
    ({ snapshot, spare }) => ({ snapshot, bad: spare.slice(0, spare.length - 9) }),
  ],
  [
    'one flipped byte',
    ({ snapshot, spare }) => {
      const bad = new Uint8Array(spare);
      bad[1] = (bad[1] ?? 0) ^ 0xff;
      return { snapshot, bad };
    },
  ],
  [
    'a corrupt snapshot',
    ({ snapshot }) => {
      const bad = new Uint8Array(snapshot);
      bad.fill(0xff, bad.length >> 1, (bad.length >> 1) + 24);
      return { snapshot: bad, bad: null };
    },
  ],
];

/** Stop `srv`, then rewrite SOP `id` in its database: snapshot, then good rows around the bad one. */
async function damage(dataDir: string, id: string, how: Damage): Promise<void> {
  const db = new Database(path.join(dataDir, 'susun.db'));
  try {
    const row = db.prepare('SELECT snapshot FROM docs WHERE id = ?').get(id) as {
      snapshot: Buffer;
    };
    const snapshot = new Uint8Array(row.snapshot);
    // Two good rows that do not depend on the snapshot's content (new step, empty field)...
    const step = edit(snapshot, 9001, (sop) => {
      sop.steps.insertAfter(null, { activity: 'Langkah yang selamat' });
    });
    const agency = edit(snapshot, 9002, (sop) => sop.identity.set('agency', 'Dinas Kearsipan'));
    // ...and one more valid row, the raw material of the damaged ones.
    const spare = edit(snapshot, 9003, (sop) => sop.identity.set('unit', 'Bidang Arsip'));
    const d = how({ snapshot, spare });
    db.prepare('UPDATE docs SET snapshot = ? WHERE id = ?').run(Buffer.from(d.snapshot), id);
    db.prepare('DELETE FROM updates WHERE doc_id = ?').run(id);
    const insert = db.prepare('INSERT INTO updates (doc_id, data) VALUES (?, ?)');
    for (const u of [step, d.bad, agency]) if (u) insert.run(id, Buffer.from(u));
  } finally {
    db.close();
  }
}

async function quarantineRows(dataDir: string, id: string): Promise<Array<{ reason: string }>> {
  const db = new Database(path.join(dataDir, 'susun.db'), { readonly: true });
  try {
    return db.prepare('SELECT reason FROM quarantine WHERE doc_id = ?').all(id) as Array<{
      reason: string;
    }>;
  } finally {
    db.close();
  }
}

async function restartWithDamage(how: Damage): Promise<{ id: string; dataDir: string }> {
  const dataDir = makeTempDir();
  dirs.push(dataDir);
  srv = await startTestServer({ dataDir });
  const id = await newSop(srv, 'SOP Penyelamatan Arsip');
  await srv.close();
  await damage(dataDir, id, how);
  srv = await startTestServer({ dataDir });
  return { id, dataDir };
}

describe('salvage on load', () => {
  for (const [kind, how] of DAMAGE) {
    it(`${kind}: quarantined, and the SOP still serves REST, exports, versions and sync`, async () => {
      const { id, dataDir } = await restartWithDamage(how);
      const s = srv as TestServer;
      // exports first: they must not depend on a REST read having repaired the document
      for (const file of ['export.pdf', 'export.docx']) {
        const res = await s.api(`/api/sops/${id}/${file}`);
        expect(res.status, file).toBe(200);
        await res.arrayBuffer();
      }
      const got = await s.api(`/api/sops/${id}`);
      expect(got.status).toBe(200);
      const snap = (await got.json()) as {
        steps: Array<{ activity: string }>;
        identity: { agency: string; name: string };
      };
      expect(snap.steps.map((st) => st.activity)).toContain('Langkah yang selamat');
      expect(snap.identity.agency).toBe('Dinas Kearsipan');
      if (kind !== 'a corrupt snapshot') expect(snap.identity.name).toBe('SOP Penyelamatan Arsip');

      const version = await s.api(`/api/sops/${id}/versions`, {
        json: { label: 'Setelah pemulihan', kind: 'manual' },
      });
      expect(version.status).toBe(201);
      expect((await s.api(`/api/sops/${id}/versions`)).status).toBe(200);

      const client = adminClient(s, id);
      try {
        await waitForSynced(client.provider);
        const sop = new SopDoc(client.doc);
        expect(sop.steps.list().map((st) => st.activity)).toContain('Langkah yang selamat');
        sop.destroy();
      } finally {
        client.destroy();
      }

      const health = await s.api('/api/health');
      expect(health.status).toBe(200);
      expect(await health.json()).toMatchObject({ status: 'ok', quarantined: 1 });
      const integrity = await s.api(`/api/sops/${id}/integrity`);
      expect(integrity.status).toBe(200);
      expect(await integrity.json()).toEqual({
        quarantined: [
          expect.objectContaining({
            reason: expect.stringMatching(/^cannot be (decoded|applied)/),
            source: kind === 'a corrupt snapshot' ? 'snapshot' : 'log',
            document: 'content',
          }),
        ],
      });
      expect(await quarantineRows(dataDir, id)).toHaveLength(1);
    });
  }

  it('a row depending on a damaged row: the room repairs itself and a stock client reconnects', async () => {
    const dataDir = makeTempDir();
    dirs.push(dataDir);
    srv = await startTestServer({ dataDir });
    const id = await newSop(srv, 'SOP Bergantung');
    await srv.close();
    const db = new Database(path.join(dataDir, 'susun.db'));
    try {
      const row = db.prepare('SELECT snapshot FROM docs WHERE id = ?').get(id) as {
        snapshot: Buffer;
      };
      const snapshot = new Uint8Array(row.snapshot);
      let stepId = '';
      const step = edit(snapshot, 9001, (sop) => {
        stepId = sop.steps.insertAfter(null, { activity: 'Langkah rusak' });
      });
      const withStep = Y.mergeUpdates([snapshot, step]);
      // depends on `step` (edits the text inside it): never integrable once `step` is gone
      const dependent = edit(withStep, 9004, (sop) =>
        sop.steps.set(stepId, 'output', 'Berita acara'),
      );
      const agency = edit(snapshot, 9002, (sop) => sop.identity.set('agency', 'Dinas Kearsipan'));
      const insert = db.prepare('INSERT INTO updates (doc_id, data) VALUES (?, ?)');
      for (const u of [step.slice(0, step.length - 9), dependent, agency])
        insert.run(id, Buffer.from(u));
    } finally {
      db.close();
    }
    srv = await startTestServer({ dataDir });
    // the first to load it is a socket: the room quarantines, resets (1012), reloads clean
    const client = adminClient(srv, id);
    const codes: number[] = [];
    client.provider.on('connection-close', (ev) => codes.push(ev?.code ?? -1));
    try {
      await waitForSynced(client.provider);
      await waitUntil(
        () => new SopDoc(client.doc).identity.get().agency === 'Dinas Kearsipan',
        (notify) => {
          client.doc.on('update', notify);
          return () => client.doc.off('update', notify);
        },
      );
      // it was closed once, with the repair code (retried), and nothing else
      expect(codes).toEqual([CloseCodes.documentRepaired.code]);
    } finally {
      client.destroy();
    }
    const snap = (await (await srv.api(`/api/sops/${id}`)).json()) as {
      steps: Array<{ activity: string }>;
    };
    expect(snap.steps.map((st) => st.activity)).not.toContain('Langkah rusak');
    expect(await (await srv.api('/api/health')).json()).toMatchObject({ quarantined: 2 });
    expect((await quarantineRows(dataDir, id)).map((r) => r.reason)).toEqual([
      expect.stringMatching(/^cannot be decoded/),
      expect.stringMatching(/^depends on data that is missing/),
    ]);
  });

  it('a document the server still cannot serve closes sockets with 4410, not retried', async () => {
    const { id } = await restartWithDamage(({ snapshot }) => ({
      snapshot,
      // a schema written by a newer Susun (stored before the update guard existed)
      bad: (() => {
        const doc = new Y.Doc();
        doc.clientID = 9100;
        Y.applyUpdate(doc, snapshot);
        const parts: Uint8Array[] = [];
        doc.on('update', (u: Uint8Array) => parts.push(u));
        doc.getMap('meta').set('schemaVersion', 999);
        return Y.mergeUpdates(parts);
      })(),
    }));
    const s = srv as TestServer;
    // REST reads it as it is (total readers), nothing is quarantined
    expect((await s.api(`/api/sops/${id}`)).status).toBe(200);
    const client = adminClient(s, id);
    try {
      let closed: { code: number } | null = null;
      const onClosed = (e: { code: number }) => {
        closed = e;
      };
      client.provider.on('closed', onClosed);
      await waitUntil(
        () => closed !== null,
        (notify) => {
          client.provider.on('closed', notify);
          return () => client.provider.off('closed', notify);
        },
        10_000,
        'the permanent close',
      );
      expect(closed).toEqual(
        expect.objectContaining({ code: CloseCodes.documentUnavailable.code }),
      );
      expect(client.provider.shouldConnect).toBe(false);
    } finally {
      client.destroy();
    }
  });
});
