/**
 * Rules (issue 8, versions): one contract for every VersionStore — a version
 * keeps its Yjs state, snapshot, label, kind, author and summary exactly;
 * lists are per SOP, newest first (ties: later added first); a version id of
 * another SOP is not found; the persistent stores survive reopening and share
 * one connection with the other stores (issue 13). Memory, SQLite, PostgreSQL.
 */
import { expect, it } from 'vitest';
import * as Y from 'yjs';
import type { NewVersion } from '../../server/versions/versionStore.js';
import { createSop, toSnapshot } from '../../shared/model/index.js';
import { backends, describeStores } from '../helpers/storeBackends.js';

function version(
  sopId: string,
  label: string,
  at: Date,
  extra: Partial<NewVersion> = {},
): NewVersion {
  const doc = createSop('sample', { now: new Date('2026-01-02T03:04:05Z') });
  const v: NewVersion = {
    sopId,
    label,
    kind: 'review',
    createdBy: 'Ana',
    state: Y.encodeStateAsUpdate(doc),
    snapshot: toSnapshot(doc),
    summary: { stepsAgreed: ['s01'], nested: { n: 1 } },
    createdAt: at,
    ...extra,
  };
  doc.destroy();
  return v;
}

describeStores('VersionStore contract', backends(), (env) => {
  const make = async () => (await env.open()).versions;
  it('stores and returns a version exactly; lists newest first per SOP', async () => {
    const store = await make();
    try {
      const t = new Date('2026-11-28T08:00:00.000Z');
      const a = await store.add(version('sopA', 'Reviu 1', t));
      const b = await store.add(
        version('sopA', 'Disahkan', new Date(t.getTime() + 1000), {
          kind: 'approved',
          summary: null,
          createdBy: null,
        }),
      );
      const c = await store.add(
        version('sopA', 'Sama waktu', new Date(t.getTime() + 1000), { kind: 'manual' }),
      );
      await store.add(version('sopB', 'Lain', t));
      expect(a).toMatchObject({
        sopId: 'sopA',
        label: 'Reviu 1',
        kind: 'review',
        createdBy: 'Ana',
        createdAt: t.toISOString(),
      });
      expect(new Set([a.id, b.id, c.id]).size).toBe(3);
      expect((await store.list('sopA')).map((v) => v.label)).toEqual([
        'Sama waktu',
        'Disahkan',
        'Reviu 1',
      ]);
      expect((await store.list('sopB')).map((v) => v.label)).toEqual(['Lain']);
      expect(await store.list('nobody')).toEqual([]);

      const got = await store.get('sopA', a.id);
      const want = version('sopA', 'Reviu 1', t);
      expect(got?.snapshot).toEqual(want.snapshot);
      expect(got?.summary).toEqual({ stepsAgreed: ['s01'], nested: { n: 1 } });
      // The state restores the same document.
      const doc = new Y.Doc();
      Y.applyUpdate(doc, got!.state);
      expect(toSnapshot(doc)).toEqual(want.snapshot);
      expect((await store.get('sopA', b.id))?.summary).toBeNull();
      expect((await store.get('sopA', b.id))?.createdBy).toBeNull();
      // Another SOP's version id is not found through this SOP.
      expect(await store.get('sopB', a.id)).toBeNull();
      expect(await store.get('sopA', 'nope')).toBeNull();
    } finally {
      await store.close();
    }
  });

  it('is not changed by callers mutating what they passed in or got back', async () => {
    const store = await make();
    try {
      const v = version('s', 'x', new Date());
      const m = await store.add(v);
      v.state.fill(0);
      const got = await store.get('s', m.id);
      got!.snapshot.identity.name = 'changed';
      const again = await store.get('s', m.id);
      expect(again?.snapshot.identity.name).toBe('Perlindungan dan Penyelamatan Arsip');
      expect(again?.state.some((x) => x !== 0)).toBe(true);
    } finally {
      await store.close();
    }
  });

  it('keeps what changed since the previous version (issue 16); none given reads null', async () => {
    const store = await make();
    try {
      const changes = {
        base: 'v0',
        steps: { added: 2, removed: 0, moved: 1, changed: 5 },
        actors: 1,
        identity: 0,
        narrative: 2,
      };
      const m = await store.add(version('sopC', 'Otomatis', new Date(), { kind: 'auto', changes }));
      const plain = await store.add(version('sopC', 'Lama', new Date(), { kind: 'pre-restore' }));
      expect(m.changes).toEqual(changes);
      expect(plain.changes).toBeNull();
      expect((await store.get('sopC', m.id))?.changes).toEqual(changes);
      expect((await store.list('sopC')).map((v) => [v.kind, v.changes])).toEqual([
        ['pre-restore', null],
        ['auto', changes],
      ]);
    } finally {
      await store.close();
    }
  });

  it('survives reopening, on the connection shared with the other stores', async () => {
    if (!env.persistent) return;
    const first = await env.open();
    const m = await first.versions.add(version('sopA', 'Reviu', new Date('2026-11-28T08:00:00Z')));
    await first.settings.setSetting('k', 'v'); // the same connection writes the other tables
    await first.close();
    const again = await env.open();
    expect((await again.versions.list('sopA')).map((v) => v.id)).toEqual([m.id]);
    expect((await again.versions.get('sopA', m.id))?.label).toBe('Reviu');
    expect(await again.settings.getSetting('k')).toBe('v');
  });
});
