/**
 * Rule (issue 12 §9): the editor never deletes what it cannot show. An imported SOP
 * whose narrative carries a link mark and unknown nodes is stored already normalised to
 * the narrative editor's schema, so opening the editor (y-tiptap on a stock client's
 * copy) changes nothing in the shared document and all the text is still there.
 */
import { getSchema } from '@tiptap/core';
import StarterKit from '@tiptap/starter-kit';
import { initProseMirrorDoc, updateYFragment } from '@tiptap/y-tiptap';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  normalizeRichText,
  type RichTextNode,
  SopDoc,
  type SopSnapshot,
  templateSnapshot,
} from '../../shared/model/index.js';
import { waitForSynced } from '../helpers/collab.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { adminClient } from '../helpers/sops.js';

const schema = getSchema([
  StarterKit.configure({ undoRedo: false, heading: { levels: [3, 4] }, link: false }),
]);

let srv: TestServer | null = null;
afterEach(async () => {
  await srv?.close();
  srv = null;
});

const IMPORTED: RichTextNode = {
  type: 'doc',
  content: [
    {
      type: 'paragraph',
      content: [
        { type: 'text', text: 'Dasar: ' },
        {
          type: 'text',
          text: 'Undang-Undang Kearsipan',
          marks: [
            { type: 'link', attrs: { href: 'https://jdih.example.go.id' } },
            { type: 'bold' },
          ],
        },
      ],
    },
    {
      type: 'callout',
      attrs: { tone: 'warn' },
      content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Arsip basah: 48 jam' }] }],
    },
    {
      type: 'table',
      content: [
        {
          type: 'tableRow',
          content: [{ type: 'tableCell', content: [{ type: 'text', text: 'sel' }] }],
        },
      ],
    },
  ],
};

describe('import normalises narrative content to the editor schema', () => {
  it('stores the normalised form; opening the editor changes nothing', async () => {
    srv = await startTestServer();
    const snap: SopSnapshot = templateSnapshot('sop-ap');
    snap.identity.name = 'SOP impor';
    snap.narrative = [{ key: 'purpose', content: IMPORTED }];
    const res = await srv.api('/api/sops/import', { json: snap });
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: string };

    const got = (await (await srv.api(`/api/sops/${id}`)).json()) as SopSnapshot;
    const purpose = got.narrative.find((n) => n.key === 'purpose')?.content;
    expect(purpose).toEqual(normalizeRichText(IMPORTED));
    const text = JSON.stringify(purpose);
    for (const t of ['Undang-Undang Kearsipan', 'Arsip basah: 48 jam', 'sel'])
      expect(text).toContain(t);

    // what a browser does when it opens the section, on a stock client's copy
    const client = adminClient(srv, id);
    try {
      await waitForSynced(client.provider);
      const sop = new SopDoc(client.doc);
      const fragment = sop.narrative.fragment('purpose');
      const before = Y.encodeStateVector(client.doc);
      const { doc: pm, meta } = initProseMirrorDoc(fragment, schema);
      client.doc.transact(() => updateYFragment(client.doc, fragment, pm, meta));
      expect(Y.encodeStateVector(client.doc)).toEqual(before);
      expect(pm.textContent).toContain('Undang-Undang Kearsipan');
      expect(pm.lastChild?.type.name).toBe('paragraph');
      sop.destroy();
    } finally {
      client.destroy();
    }
  });
});
