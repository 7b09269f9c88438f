/**
 * Layout of the discussion Y.Doc (docId `<sopId>.discussion`) and the raw
 * reads from it. Only files in `shared/discussion/` touch these Y types.
 *
 * | root          | type  | content                                                        |
 * |---------------|-------|----------------------------------------------------------------|
 * | `threads`     | Y.Map | thread id → Y.Map (see `ThreadKey`)                            |
 * | `sessions`    | Y.Map | review session id → Y.Map (see `SessionKey`, issue 8)          |
 *
 * A thread Y.Map holds immutable keys (`id`, `anchor`, `author`, `createdAt`),
 * LWW keys (`resolution`, `lastText`) and two nested Y.Maps created in the
 * same transaction as the thread (so no replica can create a competing one):
 * `messages` (message id → Y.Map) and `reads` (user id → count).
 *
 * Why messages are a Y.Map keyed by id and not a Y.Array: replies from two
 * replicas are both kept either way, but a keyed map lets a message be edited
 * or deleted by id without positional lookups, and each message being its own
 * Y.Map lets a concurrent edit (body) and delete (flag) both survive. Display
 * order is (createdAt, id), computed identically everywhere.
 */

import * as Y from 'yjs';
import type {
  Anchor,
  Author,
  IdentityAnchorField,
  Message,
  StepAnchorField,
  Thread,
  ThreadStatus,
} from './types';

export const ROOT_THREADS = 'threads';
export const ROOT_SESSIONS = 'sessions';

export const ThreadKey = {
  id: 'id',
  anchor: 'anchor',
  author: 'author',
  createdAt: 'createdAt',
  /**
   * `{status, by, at}` in ONE key: resolve and reopen replace it as a whole,
   * so concurrent resolve/reopen pick one winner and never mix "open" with
   * the other side's resolver.
   */
  resolution: 'resolution',
  lastText: 'lastText',
  messages: 'messages',
  reads: 'reads',
} as const;

export const MessageKey = {
  id: 'id',
  author: 'author',
  body: 'body',
  createdAt: 'createdAt',
  editedAt: 'editedAt',
  deleted: 'deleted',
} as const;

/** Stored value of `ThreadKey.resolution`. */
export interface Resolution {
  status: ThreadStatus;
  by: Author | null;
  at: number | null;
}

export type YThread = Y.Map<unknown>;
export type YMessage = Y.Map<unknown>;

export function threadsRoot(doc: Y.Doc): Y.Map<YThread> {
  return doc.getMap<YThread>(ROOT_THREADS);
}

export function messagesOf(thread: YThread): Y.Map<YMessage> | undefined {
  const m = thread.get(ThreadKey.messages);
  return m instanceof Y.Map ? (m as Y.Map<YMessage>) : undefined;
}

export function readsOf(thread: YThread): Y.Map<number> | undefined {
  const m = thread.get(ThreadKey.reads);
  return m instanceof Y.Map ? (m as Y.Map<number>) : undefined;
}

function str(v: unknown, fallback = ''): string {
  return typeof v === 'string' ? v : fallback;
}

function num(v: unknown): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

function author(v: unknown): Author {
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return { id: str(o.id), name: str(o.name), colour: str(o.colour, '#888888') };
  }
  return { id: '', name: '', colour: '#888888' };
}

/** Orders by (createdAt, id): deterministic on every replica. */
export function byTimeThenId(
  a: { createdAt: number; id: string },
  b: { createdAt: number; id: string },
): number {
  if (a.createdAt !== b.createdAt) return a.createdAt - b.createdAt;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Whether a stored value is a thread or message map (anything else is skipped by readers). */
export function isEntry(v: unknown): v is Y.Map<unknown> {
  return v instanceof Y.Map;
}

export function readMessage(m: YMessage): Message {
  const deleted = m.get(MessageKey.deleted) === true;
  return {
    id: str(m.get(MessageKey.id)),
    author: author(m.get(MessageKey.author)),
    body: deleted ? '' : str(m.get(MessageKey.body)),
    createdAt: num(m.get(MessageKey.createdAt)) ?? 0,
    editedAt: num(m.get(MessageKey.editedAt)),
    deleted,
  };
}

export function readResolution(t: YThread): Resolution {
  const v = t.get(ThreadKey.resolution);
  const r = v && typeof v === 'object' ? (v as Partial<Resolution>) : undefined;
  if (r && r.status === 'resolved') {
    return { status: 'resolved', by: r.by ? author(r.by) : null, at: num(r.at) };
  }
  return { status: 'open', by: null, at: null };
}

const STEP_FIELDS = new Set(['activity', 'requirements', 'output', 'notes', 'time', 'actor']);

/**
 * Reads a stored anchor defensively: the doc is writable by every commenter,
 * so a malformed anchor must not crash the UI; it degrades to the SOP as a whole.
 */
export function parseAnchor(v: unknown): Anchor {
  if (!v || typeof v !== 'object') return { kind: 'sop' };
  const o = v as Record<string, unknown>;
  if (o.kind === 'step' && typeof o.stepId === 'string' && o.stepId) {
    return typeof o.field === 'string' && STEP_FIELDS.has(o.field)
      ? { kind: 'step', stepId: o.stepId, field: o.field as StepAnchorField }
      : { kind: 'step', stepId: o.stepId };
  }
  if (o.kind === 'identity' && typeof o.field === 'string') {
    return { kind: 'identity', field: o.field as IdentityAnchorField };
  }
  if (o.kind === 'narrative' && typeof o.section === 'string') {
    return {
      kind: 'narrative',
      section: o.section,
      start: str(o.start),
      end: str(o.end),
      quote: str(o.quote),
    };
  }
  return { kind: 'sop' };
}

/**
 * Builds the immutable snapshot of one thread. Total: a message that is not a map is
 * skipped, a read marker that is not a count reads as 0, and a "thread" that is not a
 * map (check {@link isEntry} first to skip it) reads as an empty thread without id.
 */
export function readThread(value: YThread): Thread {
  const t: YThread = isEntry(value) ? value : new Y.Map();
  const messages: Message[] = [];
  messagesOf(t)?.forEach((m) => {
    if (isEntry(m)) messages.push(readMessage(m));
  });
  messages.sort(byTimeThenId);
  // Keys sorted: Y.Map iteration follows local arrival order, which differs by replica.
  const reads = readsOf(t);
  const readBy: Record<string, number> = {};
  for (const userId of [...(reads?.keys() ?? [])].sort())
    readBy[userId] = num(reads?.get(userId)) ?? 0;
  const res = readResolution(t);
  return {
    id: str(t.get(ThreadKey.id)),
    anchor: parseAnchor(t.get(ThreadKey.anchor)),
    author: author(t.get(ThreadKey.author)),
    createdAt: num(t.get(ThreadKey.createdAt)) ?? 0,
    status: res.status,
    resolvedBy: res.by,
    resolvedAt: res.at,
    lastText: str(t.get(ThreadKey.lastText)),
    messages,
    readBy,
  };
}
