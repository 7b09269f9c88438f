/**
 * Typed API over an SOP's discussion Y.Doc: comment threads, replies,
 * edits, deletes, resolve/reopen and per-user read markers, plus an
 * immutable snapshot + subscribe pair for React's `useSyncExternalStore`.
 */

import * as Y from 'yjs';
import { ObservedEntries } from './observedEntries';
import {
  byTimeThenId,
  isEntry,
  MessageKey,
  messagesOf,
  type Resolution,
  readsOf,
  readThread,
  ThreadKey,
  threadsRoot,
  type YMessage,
  type YThread,
} from './schema';
import type { Anchor, Author, DiscussionSnapshot, Thread } from './types';
import { DiscussionError, DiscussionOrigin, randomId } from './util';

export interface DiscussionOptions {
  /** Transaction origin of mutations (default `DiscussionOrigin.local`). */
  origin?: unknown;
  /** Clock in epoch ms (tests inject one). */
  now?: () => number;
  /** Id generator for threads and messages (tests inject a seeded one). */
  newId?: () => string;
}

export interface CreateThreadInput {
  anchor: Anchor;
  author: Author;
  body: string;
  /** Current text of the anchor (e.g. the step's Kegiatan); kept for "step deleted". */
  lastText?: string;
  /** The thread's id, proposed by the client (so its UI can focus it at once); fresh if absent. */
  id?: string;
}

function cleanAuthor(a: Author): Author {
  return { id: a.id, name: a.name, colour: a.colour };
}

function cleanAnchor(a: Anchor): Anchor {
  switch (a.kind) {
    case 'step':
      if (!a.stepId) throw new DiscussionError('invalid-anchor', 'step anchor without stepId');
      return a.field
        ? { kind: 'step', stepId: a.stepId, field: a.field }
        : { kind: 'step', stepId: a.stepId };
    case 'identity':
      return { kind: 'identity', field: a.field };
    case 'narrative':
      return { kind: 'narrative', section: a.section, start: a.start, end: a.end, quote: a.quote };
    case 'sop':
      return { kind: 'sop' };
    default:
      throw new DiscussionError('invalid-anchor');
  }
}

/** The discussion of one SOP. Create one per discussion Y.Doc; call `destroy()` when done. */
export class Discussion {
  readonly doc: Y.Doc;
  readonly origin: unknown;
  private readonly now: () => number;
  private readonly newId: () => string;
  private readonly root: Y.Map<YThread>;
  private readonly threadEntries: ObservedEntries<YThread, Thread>;
  private snapshot: DiscussionSnapshot | null = null;

  constructor(doc: Y.Doc, opts: DiscussionOptions = {}) {
    this.doc = doc;
    this.origin = opts.origin ?? DiscussionOrigin.local;
    this.now = opts.now ?? Date.now;
    this.newId = opts.newId ?? randomId;
    this.root = threadsRoot(doc);
    this.threadEntries = new ObservedEntries(
      this.root,
      (yt) => (isEntry(yt) ? readThread(yt) : null),
      byTimeThenId,
    );
  }

  /** Detaches the observer. The doc itself is not destroyed. */
  destroy(): void {
    this.threadEntries.destroy();
  }

  /** Calls `cb` after every transaction that changed threads. Returns an unsubscribe function. */
  subscribe = (cb: () => void): (() => void) => this.threadEntries.subscribe(cb);

  /** Immutable snapshot; the same object until the threads change. */
  getSnapshot = (): DiscussionSnapshot => {
    const threads = this.threadEntries.entries();
    if (this.snapshot?.threads !== threads)
      this.snapshot = { threads, byId: new Map(threads.map((t) => [t.id, t])) };
    return this.snapshot;
  };

  /** The thread with this id, or undefined. */
  thread(id: string): Thread | undefined {
    return this.getSnapshot().byId.get(id);
  }

  /** Creates a thread with its first message; returns the thread id. */
  createThread(input: CreateThreadInput): string {
    const body = input.body.trim();
    if (!body) throw new DiscussionError('empty-body');
    const anchor = cleanAnchor(input.anchor);
    const id = input.id ?? this.newId();
    if (this.root.has(id)) throw new DiscussionError('duplicate-id', `thread ${id} exists`);
    const at = this.now();
    const lastText = input.lastText ?? (anchor.kind === 'narrative' ? anchor.quote : '');
    this.doc.transact(() => {
      const t: YThread = new Y.Map<unknown>();
      t.set(ThreadKey.id, id);
      t.set(ThreadKey.anchor, anchor);
      t.set(ThreadKey.author, cleanAuthor(input.author));
      t.set(ThreadKey.createdAt, at);
      t.set(ThreadKey.resolution, { status: 'open', by: null, at: null } satisfies Resolution);
      t.set(ThreadKey.lastText, lastText);
      const messages = new Y.Map<YMessage>();
      const reads = new Y.Map<number>();
      t.set(ThreadKey.messages, messages);
      t.set(ThreadKey.reads, reads);
      // The thread id is fresh, so no other replica can create a competing
      // Y.Map under this key: nested types created here never race.
      this.root.set(id, t);
      const firstId = this.newId();
      messages.set(firstId, this.newMessage(firstId, input.author, body, at));
    }, this.origin);
    return id;
  }

  private newMessage(id: string, author: Author, body: string, at: number): YMessage {
    const m: YMessage = new Y.Map<unknown>();
    m.set(MessageKey.id, id);
    m.set(MessageKey.author, cleanAuthor(author));
    m.set(MessageKey.body, body);
    m.set(MessageKey.createdAt, at);
    m.set(MessageKey.editedAt, null);
    m.set(MessageKey.deleted, false);
    return m;
  }

  private yThread(threadId: string): YThread {
    const t = this.root.get(threadId);
    if (!t) throw new DiscussionError('unknown-thread', `unknown thread ${threadId}`);
    return t;
  }

  private yMessage(threadId: string, messageId: string): YMessage {
    const m = messagesOf(this.yThread(threadId))?.get(messageId);
    if (!m) throw new DiscussionError('unknown-message', `unknown message ${messageId}`);
    return m;
  }

  /** Adds a reply; returns the message id. Replying marks the thread read for the author. */
  reply(threadId: string, author: Author, body: string): string {
    const text = body.trim();
    if (!text) throw new DiscussionError('empty-body');
    const t = this.yThread(threadId);
    const messages = messagesOf(t);
    if (!messages) throw new DiscussionError('unknown-thread');
    const id = this.newId();
    this.doc.transact(() => {
      messages.set(id, this.newMessage(id, author, text, this.now()));
      // Nested transact joins this one: one update carries reply + read marker.
      this.markRead(threadId, author.id);
    }, this.origin);
    return id;
  }

  /** Edits the body of the caller's own message. */
  editMessage(threadId: string, messageId: string, userId: string, body: string): void {
    const text = body.trim();
    if (!text) throw new DiscussionError('empty-body');
    const m = this.yMessage(threadId, messageId);
    this.assertOwn(m, userId);
    if (m.get(MessageKey.deleted) === true) throw new DiscussionError('message-deleted');
    this.doc.transact(() => {
      m.set(MessageKey.body, text);
      m.set(MessageKey.editedAt, this.now());
    }, this.origin);
  }

  /** Deletes the caller's own message: it stays as "message deleted", its body is dropped. */
  deleteMessage(threadId: string, messageId: string, userId: string): void {
    const m = this.yMessage(threadId, messageId);
    this.assertOwn(m, userId);
    this.doc.transact(() => {
      m.set(MessageKey.deleted, true);
      m.set(MessageKey.body, '');
    }, this.origin);
  }

  private assertOwn(m: YMessage, userId: string): void {
    const a = m.get(MessageKey.author) as Author | undefined;
    if (!a || a.id !== userId) throw new DiscussionError('not-author');
  }

  /** Marks the thread resolved by `by`. */
  resolve(threadId: string, by: Author): void {
    const t = this.yThread(threadId);
    const r: Resolution = { status: 'resolved', by: cleanAuthor(by), at: this.now() };
    this.doc.transact(() => t.set(ThreadKey.resolution, r), this.origin);
  }

  /** Reopens a resolved thread. */
  reopen(threadId: string): void {
    const t = this.yThread(threadId);
    const r: Resolution = { status: 'open', by: null, at: null };
    this.doc.transact(() => t.set(ThreadKey.resolution, r), this.origin);
  }

  /**
   * Marks the thread read for `userId`, up to and including `upToMessageId`
   * (default: every message now present). Markers only move forward, so an
   * older device catching up never makes a thread unread again.
   */
  markRead(threadId: string, userId: string, upToMessageId?: string): void {
    const yt = this.yThread(threadId);
    const reads = readsOf(yt);
    if (!reads) return;
    const messages = readThread(yt).messages;
    let seen = 0;
    for (const m of messages) {
      if (m.author.id !== userId) seen++;
      if (m.id === upToMessageId) break;
    }
    const current = reads.get(userId) ?? 0;
    if (seen <= current) return;
    this.doc.transact(() => reads.set(userId, seen), this.origin);
  }

  /**
   * Records the last known text of a step on every thread anchored to it
   * (used when the step is deleted). Only writes values that differ.
   */
  recordStepText(stepId: string, text: string, origin: unknown = DiscussionOrigin.anchor): number {
    const targets: YThread[] = [];
    this.root.forEach((t) => {
      const a = t.get(ThreadKey.anchor) as Anchor | undefined;
      if (a?.kind === 'step' && a.stepId === stepId && t.get(ThreadKey.lastText) !== text) {
        targets.push(t);
      }
    });
    if (targets.length === 0) return 0;
    this.doc.transact(() => {
      for (const t of targets) t.set(ThreadKey.lastText, text);
    }, origin);
    return targets.length;
  }
}
