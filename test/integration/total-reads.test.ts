/**
 * Rule (issue 12 §1, §8): every reader is total. A document holding what the model
 * cannot read (a step that is not a map, an unknown root, a 1,000-deep XML chain in a
 * narrative section), stored before any guard could refuse it, is written straight
 * into the SQLite file of a stopped server; after a restart REST, exports and versions
 * answer 200 with the good entries, the skipped ones are counted in `/api/health`, and a
 * stock client syncs.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { SopSnapshot } from '../../shared/model/index.js';
import { waitForSynced } from '../helpers/collab.js';
import { makeTempDir, startTestServer, type TestServer } from '../helpers/server.js';
import { adminClient, newSop } from '../helpers/sops.js';

let srv: TestServer | null = null;
const dirs: string[] = [];
afterEach(async () => {
  await srv?.close();
  srv = null;
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

/** Appends, as one log row, what `fn` writes raw on a replica of the stored SOP. */
function appendRaw(dataDir: string, id: string, fn: (doc: Y.Doc) => void): void {
  const db = new Database(path.join(dataDir, 'susun.db'));
  try {
    const row = db.prepare('SELECT snapshot FROM docs WHERE id = ?').get(id) as {
      snapshot: Buffer;
    };
    const doc = new Y.Doc();
    Y.applyUpdate(doc, new Uint8Array(row.snapshot));
    const parts: Uint8Array[] = [];
    doc.on('update', (u: Uint8Array) => parts.push(u));
    doc.transact(() => fn(doc));
    db.prepare('INSERT INTO updates (doc_id, data) VALUES (?, ?)').run(
      id,
      Buffer.from(Y.mergeUpdates(parts)),
    );
  } finally {
    db.close();
  }
}

describe('total readers over a hostile stored document', () => {
  it('REST, exports, versions and sync answer with the good entries', async () => {
    const dataDir = makeTempDir();
    dirs.push(dataDir);
    srv = await startTestServer({ dataDir });
    const id = await newSop(srv, 'SOP tangguh', 'sample');
    const before = (await (await srv.api(`/api/sops/${id}`)).json()) as SopSnapshot;
    await srv.close();
    appendRaw(dataDir, id, (doc) => {
      doc.getMap('steps').set('bogus', 'x');
      doc.getMap('actors').set('bogus', 42);
      doc.getMap('bogusRoot').set('k', 'v');
      doc.getMap('narrativeIndex').set('deep', { order: 'zz' });
      let parent: Y.XmlFragment | Y.XmlElement = doc.getXmlFragment('narrative.deep');
      for (let i = 0; i < 1000; i++) {
        const child = new Y.XmlElement('blockquote');
        parent.insert(0, [child]);
        parent = child;
      }
      const t = new Y.XmlText();
      t.insert(0, 'teks terdalam');
      parent.insert(0, [t]);
    });
    srv = await startTestServer({ dataDir });

    for (const file of ['export.pdf', 'export.docx', 'forms.pdf', 'export.json']) {
      const res = await srv.api(`/api/sops/${id}/${file}`);
      expect(res.status, file).toBe(200);
      await res.arrayBuffer();
    }
    const res = await srv.api(`/api/sops/${id}`);
    expect(res.status).toBe(200);
    const snap = (await res.json()) as SopSnapshot;
    expect(snap.steps.map((s) => s.id)).toEqual(before.steps.map((s) => s.id));
    expect(snap.actors.map((a) => a.id)).toEqual(before.actors.map((a) => a.id));
    expect(JSON.stringify(snap.narrative.find((n) => n.key === 'deep'))).toContain('teks terdalam');
    const list = (await (await srv.api('/api/sops')).json()) as Array<{
      id: string;
      stepCount: number;
    }>;
    expect(list.find((r) => r.id === id)?.stepCount).toBe(before.steps.length);
    expect(
      (await srv.api(`/api/sops/${id}/versions`, { json: { label: 'Tangguh', kind: 'manual' } }))
        .status,
    ).toBe(201);
    const health = (await (await srv.api('/api/health')).json()) as {
      storage: { skippedReads: number };
    };
    expect(health.storage.skippedReads).toBeGreaterThan(0);

    const client = adminClient(srv, id);
    try {
      await waitForSynced(client.provider);
      expect(client.doc.getMap('steps').get('bogus')).toBe('x');
    } finally {
      client.destroy();
    }
  });
});
