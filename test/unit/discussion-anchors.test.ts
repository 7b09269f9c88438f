/**
 * Rules: a thread on a step follows the step by its stable id through
 * rewording and moving; when the step is deleted the thread stays, marked
 * deleted, with the step's last text (captured by `trackAnchorTexts`, also on
 * a replica that only receives the delete); undo of the delete re-attaches.
 */

import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  type AnchorContext,
  type Author,
  Discussion,
  groupThreads,
  resolveAnchors,
  trackAnchorTexts,
} from '../../shared/discussion/index';
import { createSop, createUndoManager, SopDoc } from '../../shared/model/index';

const ana: Author = { id: 'ana', name: 'Ana', colour: '#c00' };

function ctxOf(sop: SopDoc): AnchorContext {
  return { steps: sop.steps.list() };
}

describe('step anchors', () => {
  it('stay on step 3 after it is reworded and moved to position 7', () => {
    const sop = new SopDoc(createSop('sample'));
    const d = new Discussion(new Y.Doc());
    const ids = sop.steps.ids();
    const id = ids[2]!;
    const tid = d.createThread({
      anchor: { kind: 'step', stepId: id, field: 'activity' },
      author: ana,
      body: 'Perlu dirinci',
      lastText: sop.steps.get(id)!.activity,
    });
    expect(resolveAnchors(d, ctxOf(sop)).get(tid)).toMatchObject({
      state: 'attached',
      stepIndex: 2,
    });

    sop.steps.set(id, 'activity', 'Memeriksa kondisi fisik arsip vital');
    const others = ids.filter((x) => x !== id);
    sop.steps.move(id, { after: others[5]! });
    expect(sop.steps.ids().indexOf(id)).toBe(6);

    expect(resolveAnchors(d, ctxOf(sop)).get(tid)).toEqual({
      state: 'attached',
      stepIndex: 6,
      lastText: 'Memeriksa kondisi fisik arsip vital',
    });
    const groups = groupThreads(d.getSnapshot(), ctxOf(sop));
    expect(groups.map((g) => [g.key, g.stepIndex, g.deleted])).toEqual([[`step:${id}`, 6, false]]);
  });

  it('mark a deleted step with its last text, on every replica, and re-attach on undo', () => {
    const sop = new SopDoc(createSop('sample'));
    // A second content replica that only receives the delete.
    const remoteDoc = new Y.Doc();
    Y.applyUpdate(remoteDoc, Y.encodeStateAsUpdate(sop.doc));
    const remote = new SopDoc(remoteDoc, { origin: 'remote-user' });
    sop.doc.on('update', (u: Uint8Array) => Y.applyUpdate(remoteDoc, u, 'net'));

    const dDoc = new Y.Doc();
    const d = new Discussion(dDoc);
    const dRemote = new Discussion(new Y.Doc());
    const stopLocal = trackAnchorTexts(d, sop);
    const stopRemote = trackAnchorTexts(dRemote, remote);

    const id = sop.steps.ids()[2]!;
    const created = sop.steps.get(id)!.activity;
    const tid = d.createThread({
      anchor: { kind: 'step', stepId: id },
      author: ana,
      body: 'Siapa yang memeriksa?',
      lastText: created,
    });
    Y.applyUpdate(dRemote.doc, Y.encodeStateAsUpdate(dDoc));

    const undo = createUndoManager(sop, { captureTimeout: 0 });
    sop.steps.set(id, 'activity', 'Teks terakhir sebelum dihapus');
    undo.stopCapturing();
    sop.steps.delete(id);

    for (const [disc, content] of [
      [d, sop],
      [dRemote, remote],
    ] as const) {
      const r = resolveAnchors(disc, ctxOf(content)).get(tid);
      expect(r).toEqual({ state: 'deleted', lastText: 'Teks terakhir sebelum dihapus' });
      const g = groupThreads(disc.getSnapshot(), ctxOf(content), 'open');
      expect(g).toHaveLength(1);
      expect(g[0]).toMatchObject({ deleted: true, lastText: 'Teks terakhir sebelum dihapus' });
      expect(g[0]?.threads[0]?.thread.id).toBe(tid);
    }

    undo.undo(); // undoes the delete only
    expect(sop.steps.ids()[2]).toBe(id);
    for (const content of [sop, remote]) {
      expect(resolveAnchors(d, ctxOf(content)).get(tid)).toEqual({
        state: 'attached',
        stepIndex: 2,
        lastText: 'Teks terakhir sebelum dihapus',
      });
    }
    // The re-attached step is followed again: a later delete records newer text.
    sop.steps.set(id, 'activity', 'Sesudah undo');
    sop.steps.delete(id);
    expect(d.thread(tid)?.lastText).toBe('Sesudah undo');
    stopLocal();
    stopRemote();
  });

  it('lists threads of a deleted step even when nobody tracked its text', () => {
    const sop = new SopDoc(createSop('sample'));
    const d = new Discussion(new Y.Doc());
    const id = sop.steps.ids()[0]!;
    const text = sop.steps.get(id)!.activity;
    const tid = d.createThread({
      anchor: { kind: 'step', stepId: id },
      author: ana,
      body: 'x',
      lastText: text,
    });
    sop.steps.delete(id);
    expect(resolveAnchors(d, ctxOf(sop)).get(tid)).toEqual({ state: 'deleted', lastText: text });
  });
});
