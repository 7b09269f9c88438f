/**
 * Issue 13 — the server on PostgreSQL (`DATABASE_URL`): SOPs, edits, accounts, the
 * audit log, versions and settings all live in the database (nothing in DATA_DIR), and
 * a server started later on the same database finds everything.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitForDoc, waitForSynced } from '../helpers/collab.js';
import { createTestDatabase, pgAvailable, type TestDatabase } from '../helpers/pg.js';
import { startTestServer } from '../helpers/server.js';
import { adminClient, freeText, newSop } from '../helpers/sops.js';

describe.skipIf(!pgAvailable())('server on PostgreSQL', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('keeps SOPs, edits, accounts, audit and versions in the database across servers', async () => {
    const pgConfig = { storage: 'postgres' as const, databaseUrl: db.url, seedSample: true };
    const a = await startTestServer(pgConfig);
    let id: string;
    try {
      id = await newSop(a, 'Di PostgreSQL');
      const writer = adminClient(a, id);
      const reader = adminClient(a, id);
      await Promise.all([waitForSynced(writer.provider), waitForSynced(reader.provider)]);
      freeText(writer.doc).insert(0, 'tersimpan');
      // Seen by another client = stored first (stored before broadcast).
      await waitForDoc(reader.doc, (d) => freeText(d).toString() === 'tersimpan');
      const v = await a.api(`/api/sops/${id}/versions`, { json: { label: 'Uji', kind: 'manual' } });
      expect(v.status).toBe(201);
      writer.destroy();
      reader.destroy();
      expect(fs.existsSync(path.join(a.dataDir, 'susun.db'))).toBe(false);
    } finally {
      await a.close();
    }

    // Another server (another DATA_DIR) on the same database: the same admin, SOPs, text.
    const b = await startTestServer(pgConfig);
    try {
      const list = (await (await b.api('/api/sops')).json()) as Array<{ id: string; name: string }>;
      expect(list.map((s) => s.name)).toContain('Di PostgreSQL');
      // The sample was seeded once, by the first server only.
      expect(list.filter((s) => s.name !== 'Di PostgreSQL')).toHaveLength(1);
      const c = adminClient(b, id);
      await waitForSynced(c.provider);
      expect(freeText(c.doc).toString()).toBe('tersimpan');
      c.destroy();
      const versions = (await (await b.api(`/api/sops/${id}/versions`)).json()) as Array<{
        label: string;
      }>;
      expect(versions.map((x) => x.label)).toEqual(['Uji']);
      const audit = (await (await b.api('/api/audit')).json()) as {
        items: Array<{ action: string }>;
      };
      expect(audit.items.map((x) => x.action)).toContain('setup');
    } finally {
      await b.close();
    }
  });
});
