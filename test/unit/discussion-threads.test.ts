/**
 * Rules: thread lifecycle (create, reply, edit/delete own only, resolve,
 * reopen), per-user unread markers, @mentions, open counts, stable
 * snapshots for useSyncExternalStore.
 */

import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  type Author,
  Discussion,
  DiscussionError,
  isUnread,
  mentionedParticipants,
  openCounts,
  parseMentions,
  unreadCount,
} from '../../shared/discussion/index';

const ana: Author = { id: 'ana', name: 'Ana', colour: '#c00' };
const budi: Author = { id: 'budi', name: 'Budi Santoso', colour: '#0c0' };

function setup(): { a: Discussion; b: Discussion; sync: () => void } {
  const da = new Y.Doc();
  const db = new Y.Doc();
  let n = 0;
  let t = 100;
  const opts = { newId: () => `id${n++}`, now: () => t++ };
  const sync = (): void => {
    Y.applyUpdate(db, Y.encodeStateAsUpdate(da, Y.encodeStateVector(db)));
    Y.applyUpdate(da, Y.encodeStateAsUpdate(db, Y.encodeStateVector(da)));
  };
  return { a: new Discussion(da, opts), b: new Discussion(db, opts), sync };
}

describe('thread lifecycle', () => {
  it('creates, replies, edits and deletes own messages, resolves and reopens', () => {
    const { a, b, sync } = setup();
    const tid = a.createThread({
      anchor: { kind: 'step', stepId: 's1', field: 'output' },
      author: ana,
      body: '  Output kurang jelas  ',
      lastText: 'Menerima arsip',
    });
    sync();
    const m2 = b.reply(tid, budi, 'Setuju, @Ana');
    sync();
    let t = a.thread(tid)!;
    expect(t.anchor).toEqual({ kind: 'step', stepId: 's1', field: 'output' });
    expect(t.lastText).toBe('Menerima arsip');
    expect(t.messages.map((m) => m.body)).toEqual(['Output kurang jelas', 'Setuju, @Ana']);
    expect(t.status).toBe('open');

    expect(() => a.editMessage(tid, m2, ana.id, 'hijack')).toThrow(DiscussionError);
    expect(() => a.deleteMessage(tid, m2, ana.id)).toThrow(/not-author/);
    b.editMessage(tid, m2, budi.id, 'Setuju sekali');
    sync();
    t = a.thread(tid)!;
    expect(t.messages[1]?.body).toBe('Setuju sekali');
    expect(t.messages[1]?.editedAt).not.toBeNull();

    b.deleteMessage(tid, m2, budi.id);
    sync();
    t = a.thread(tid)!;
    expect(t.messages[1]).toMatchObject({ deleted: true, body: '' });
    expect(() => b.editMessage(tid, m2, budi.id, 'x')).toThrow(/message-deleted/);

    a.resolve(tid, ana);
    sync();
    expect(b.thread(tid)).toMatchObject({ status: 'resolved', resolvedBy: ana });
    b.reopen(tid);
    sync();
    expect(a.thread(tid)).toMatchObject({ status: 'open', resolvedBy: null, resolvedAt: null });
  });

  it('refuses empty bodies and unknown threads', () => {
    const { a } = setup();
    expect(() => a.createThread({ anchor: { kind: 'sop' }, author: ana, body: '  ' })).toThrow(
      /empty-body/,
    );
    expect(() => a.reply('nope', ana, 'x')).toThrow(/unknown-thread/);
  });

  it('keeps snapshot objects stable until something changes, and per thread', () => {
    const { a } = setup();
    const t1 = a.createThread({ anchor: { kind: 'sop' }, author: ana, body: 'one' });
    const t2 = a.createThread({ anchor: { kind: 'sop' }, author: ana, body: 'two' });
    const s1 = a.getSnapshot();
    expect(a.getSnapshot()).toBe(s1);
    let calls = 0;
    const off = a.subscribe(() => calls++);
    a.reply(t2, budi, 'hi');
    off();
    expect(calls).toBeGreaterThan(0);
    const s2 = a.getSnapshot();
    expect(s2).not.toBe(s1);
    expect(s2.byId.get(t1)).toBe(s1.byId.get(t1)); // untouched thread: same object
    expect(s2.byId.get(t2)).not.toBe(s1.byId.get(t2));
  });
});

describe('unread', () => {
  it('marks threads with unseen messages by others, per user, across devices', () => {
    const { a, b, sync } = setup();
    const tid = a.createThread({ anchor: { kind: 'sop' }, author: ana, body: 'Mohon cek' });
    sync();
    expect(isUnread(b.thread(tid)!, budi.id)).toBe(true);
    expect(isUnread(a.thread(tid)!, ana.id)).toBe(false); // own message
    b.markRead(tid, budi.id);
    sync();
    // Marker lives in the doc: Budi's other device (replica a) sees it read too.
    expect(isUnread(a.thread(tid)!, budi.id)).toBe(false);
    b.reply(tid, budi, 'Sudah');
    a.reply(tid, ana, 'Tambahan 1');
    const m3 = a.reply(tid, ana, 'Tambahan 2');
    sync();
    expect(unreadCount(b.thread(tid)!, budi.id)).toBe(2);
    // Ana replied before Budi's reply reached her: only that one is unread.
    expect(unreadCount(a.thread(tid)!, ana.id)).toBe(1);
    a.reply(tid, ana, 'Oke');
    expect(isUnread(a.thread(tid)!, ana.id)).toBe(false); // replying reads
    const firstAddition = b.thread(tid)!.messages.find((m) => m.body === 'Tambahan 1')!;
    b.markRead(tid, budi.id, firstAddition.id);
    expect(unreadCount(b.thread(tid)!, budi.id)).toBe(1);
    b.markRead(tid, budi.id, m3);
    expect(isUnread(b.thread(tid)!, budi.id)).toBe(false);
    // Markers never move backwards.
    b.markRead(tid, budi.id, firstAddition.id);
    expect(isUnread(b.thread(tid)!, budi.id)).toBe(false);
  });
});

describe('snapshot determinism', () => {
  // Regression (first run of the convergence simulation, every seed): readBy
  // followed each replica's arrival order, so equal docs gave unequal snapshots.
  it('orders read markers independently of arrival order', () => {
    const { a, b, sync } = setup();
    const tid = a.createThread({ anchor: { kind: 'sop' }, author: ana, body: 'x' });
    sync();
    a.reply(tid, budi, 'y');
    b.markRead(tid, 'zed');
    a.markRead(tid, 'adi');
    sync();
    expect(Object.keys(a.thread(tid)!.readBy)).toEqual(Object.keys(b.thread(tid)!.readBy));
    expect(JSON.stringify(a.getSnapshot().threads)).toBe(JSON.stringify(b.getSnapshot().threads));
  });

  it('degrades a malformed stored anchor to the SOP as a whole', () => {
    const doc = new Y.Doc();
    const d = new Discussion(doc);
    const tid = d.createThread({ anchor: { kind: 'sop' }, author: ana, body: 'x' });
    doc.getMap<Y.Map<unknown>>('threads').get(tid)!.set('anchor', { kind: 'step' });
    expect(d.thread(tid)?.anchor).toEqual({ kind: 'sop' });
  });
});

describe('open counts', () => {
  it('counts open threads per step, step field, identity field and section', () => {
    const { a } = setup();
    a.createThread({ anchor: { kind: 'step', stepId: 's1' }, author: ana, body: 'a' });
    a.createThread({
      anchor: { kind: 'step', stepId: 's1', field: 'time' },
      author: ana,
      body: 'b',
    });
    const r = a.createThread({ anchor: { kind: 'step', stepId: 's2' }, author: ana, body: 'c' });
    a.createThread({ anchor: { kind: 'identity', field: 'name' }, author: ana, body: 'd' });
    a.createThread({ anchor: { kind: 'sop' }, author: ana, body: 'e' });
    a.resolve(r, ana);
    const c = openCounts(a);
    expect(c.byStep.get('s1')).toBe(2);
    expect(c.byStep.get('s2')).toBeUndefined();
    expect(c.byStepField.get('s1:time')).toBe(1);
    expect(c.byIdentityField.get('name')).toBe(1);
    expect(c.sop).toBe(1);
    expect(c.total).toBe(4);
  });
});

describe('mentions', () => {
  const people = [
    { id: 'b1', name: 'Budi' },
    { id: 'b2', name: 'Budi Santoso' },
    { id: 'c', name: 'Citra' },
  ];
  it('highlights the longest matching participant name, case-insensitively', () => {
    expect(parseMentions('Tolong @budi santoso dan @Citra, cek.', people)).toEqual([
      { kind: 'text', text: 'Tolong ' },
      { kind: 'mention', text: '@budi santoso', participant: people[1] },
      { kind: 'text', text: ' dan ' },
      { kind: 'mention', text: '@Citra', participant: people[2] },
      { kind: 'text', text: ', cek.' },
    ]);
  });
  it('ignores emails, unknown names and name prefixes', () => {
    expect(parseMentions('mail budi@Citra.id @Dewi @Citrakarya', people)).toEqual([
      { kind: 'text', text: 'mail budi@Citra.id @Dewi @Citrakarya' },
    ]);
    expect(parseMentions('@Budi', people)).toEqual([
      { kind: 'mention', text: '@Budi', participant: people[0] },
    ]);
    expect(mentionedParticipants('@Citra @citra @Budi', people).map((p) => p.id)).toEqual([
      'c',
      'b1',
    ]);
  });
});
