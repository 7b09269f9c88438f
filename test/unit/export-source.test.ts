/**
 * Issue 12 item 3: an export can be handed the SOP's encoded Yjs state instead of its
 * snapshot, so a big SOP is decoded in the worker rather than on the event loop. The
 * worker reads it as the SOP service does (same snapshot), skips an update it cannot
 * apply (counted as a warning), and the source gives an open room's state or the stored
 * rows, never loading a room, and nothing for ids that are not SOPs.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { jobSnapshot } from '../../server/export/exportTask';
import { createExportSource, type LiveDoc } from '../../server/export/source';
import { silentLogger } from '../../server/logger';
import type { DocMeta } from '../../server/storage/sopIndex';
import { createMemoryStores } from '../../server/storage/stores';
import { fromSnapshot, toSnapshot } from '../../shared/model/index';
import { bigSop } from '../helpers/bigSop';

describe('jobSnapshot', () => {
  it('reads encoded updates into the snapshot the SOP service would give', () => {
    const doc = fromSnapshot(bigSop({ steps: 40, actors: 4 }));
    const update = Y.encodeStateAsUpdate(doc);
    const { snapshot, skipped } = jobSnapshot({ kind: 'pdf', updates: [update] });
    expect(skipped).toBe(0);
    expect(snapshot).toEqual(toSnapshot(doc));
  });

  it('skips an update it cannot apply and counts it', () => {
    const doc = fromSnapshot(bigSop({ steps: 5 }));
    const bad = new Uint8Array([0xff, 0xff, 0xff, 0x07, 0x01]);
    const { snapshot, skipped } = jobSnapshot({
      kind: 'docx',
      updates: [Y.encodeStateAsUpdate(doc), bad],
    });
    expect(skipped).toBe(1);
    expect(snapshot.steps).toHaveLength(5);
  });
});

describe('createExportSource', () => {
  const meta = (id: string, template: DocMeta['template']): DocMeta => ({
    id,
    name: id,
    number: '',
    status: 'draft',
    stepCount: 0,
    template,
    createdAt: '',
    updatedAt: '',
    archived: false,
  });

  async function store() {
    const storage = createMemoryStores();
    const doc = fromSnapshot(bigSop({ steps: 6 }));
    await storage.index.createDoc(meta('sop', 'sop-ap'), Y.encodeStateAsUpdate(doc));
    await storage.docLog.append([{ docId: 'talk', update: Y.encodeStateAsUpdate(new Y.Doc()) }]);
    return { storage, doc };
  }

  it('gives the stored state of an SOP that is not open, and null for other ids', async () => {
    const { storage, doc } = await store();
    const get = createExportSource({ ...storage, logger: silentLogger(), peek: () => undefined });
    const updates = await get('sop');
    expect(jobSnapshot({ kind: 'pdf', updates: updates! }).snapshot).toEqual(toSnapshot(doc));
    expect(await get('talk')).toBeNull();
    expect(await get('missing')).toBeNull();
  });

  it("gives an open room's current state", async () => {
    const { storage } = await store();
    const live = fromSnapshot(bigSop({ steps: 3 }));
    const room: LiveDoc = { doc: live, loaded: Promise.resolve(), state: 'ready' };
    const get = createExportSource({
      ...storage,
      logger: silentLogger(),
      peek: (id) => (id === 'sop' ? room : undefined),
    });
    const updates = await get('sop');
    expect(updates).toHaveLength(1);
    expect(jobSnapshot({ kind: 'pdf', updates: updates! }).snapshot).toEqual(toSnapshot(live));
  });
});
