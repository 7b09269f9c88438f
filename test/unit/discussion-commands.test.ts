/**
 * Rules (issue 11, the browser's side of a server-owned discussion):
 * - every discussion change is a command `POST /api/sops/:id/discussion {op, ...}`;
 *   a refused or unsendable command rejects with a `CommandError` carrying the
 *   server's code, reported once to `onError` (bookkeeping ops quietly);
 * - the `DiscussionSession` never writes to its Y.Doc: updates only come from
 *   the server (its origin), also when a commented step is deleted — then the
 *   server is asked to record the step's last text.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { DiscussionSession } from '../../client/src/discussion/DiscussionSession';
import {
  CommandError,
  createDiscussionCommands,
  type FetchLike,
} from '../../client/src/lib/commands';
import { type Author, Discussion } from '../../shared/discussion/index';
import { createSop, SopDoc } from '../../shared/model/index.js';

const ana: Author = { id: 'ana', name: 'Ana', colour: '#c00' };

interface Sent {
  url: string;
  method: string;
  body: Record<string, unknown>;
}

/** A fetch that records requests and answers with `reply(body)`. */
function fakeFetch(reply: (body: Record<string, unknown>) => { status: number; json?: unknown }) {
  const sent: Sent[] = [];
  const fetch: FetchLike = async (url, init) => {
    const body = JSON.parse(String(init?.body ?? '{}')) as Record<string, unknown>;
    sent.push({ url, method: init?.method ?? 'GET', body });
    const r = reply(body);
    return new Response(r.json === undefined ? '' : JSON.stringify(r.json), {
      status: r.status,
      headers: { 'Content-Type': 'application/json' },
    });
  };
  return { fetch, sent };
}

/** Never constructed: the session does not connect, it is driven by hand. */
const NoSocket = function NoSocket() {
  throw new Error('no socket in this test');
};

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('discussion command client', () => {
  it('posts {op, ...args} to the SOP discussion endpoint and returns the answer', async () => {
    const { fetch, sent } = fakeFetch(() => ({ status: 200, json: { id: 't1' } }));
    const send = createDiscussionCommands('sop 1', { fetch });
    const r = await send('createThread', {
      threadId: 't1',
      anchor: { kind: 'step', stepId: 's1' },
      body: 'Perlu paraf?',
    });
    expect(r).toEqual({ id: 't1' });
    expect(sent).toEqual([
      {
        url: '/api/sops/sop%201/discussion',
        method: 'POST',
        body: {
          op: 'createThread',
          threadId: 't1',
          anchor: { kind: 'step', stepId: 's1' },
          body: 'Perlu paraf?',
        },
      },
    ]);
    // An empty 200 body is an empty result, not a failure.
    const empty = fakeFetch(() => ({ status: 200 }));
    await expect(
      createDiscussionCommands('s', { fetch: empty.fetch })('resolve', { threadId: 't1' }),
    ).resolves.toEqual({});
  });

  it('rejects a refused command with the server code and reports it once', async () => {
    const { fetch } = fakeFetch(() => ({
      status: 403,
      json: { error: { code: 'forbidden', message: 'commenter or above' } },
    }));
    const onError = vi.fn();
    const send = createDiscussionCommands('s', { fetch, onError });
    const err = await send('reply', { threadId: 't', body: 'x' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CommandError);
    expect(err).toMatchObject({ status: 403, code: 'forbidden', message: 'commenter or above' });
    expect((err as CommandError).forbidden).toBe(true);
    expect(onError).toHaveBeenCalledTimes(1);
    expect(onError.mock.calls[0]?.[1]).toBe('reply');
    // Bookkeeping (read markers, deleted steps' texts, the presenter trail) fails quietly.
    await send('markRead', { threadId: 't' }).catch(() => {});
    await send('recordStepText', { stepId: 's', text: 'x' }).catch(() => {});
    expect(onError).toHaveBeenCalledTimes(1);
  });

  it('does not even try while the browser is offline, and maps network failures', async () => {
    const fetch = vi.fn<FetchLike>();
    vi.stubGlobal('navigator', { onLine: false });
    const onError = vi.fn();
    const err = await createDiscussionCommands('s', { fetch, onError })('resolve', {
      threadId: 't',
    }).catch((e: unknown) => e);
    expect(fetch).not.toHaveBeenCalled();
    expect(err).toMatchObject({ code: 'offline' });
    expect((err as CommandError).offline).toBe(true);
    expect(onError).toHaveBeenCalledTimes(1);
    vi.stubGlobal('navigator', { onLine: true });
    const broken: FetchLike = async () => {
      throw new TypeError('Failed to fetch');
    };
    const err2 = await createDiscussionCommands('s', { fetch: broken })('resolve', {
      threadId: 't',
    }).catch((e: unknown) => e);
    expect(err2).toMatchObject({ code: 'network', offline: true });
  });
});

describe('DiscussionSession never writes its doc', () => {
  it('only applies the server’s updates; a deleted commented step becomes a command', async () => {
    const { fetch, sent } = fakeFetch(() => ({ status: 200, json: {} }));
    const session = new DiscussionSession('sop1', {
      url: 'ws://127.0.0.1:9/collab',
      indexedDb: false,
      connect: false,
      WebSocketPolyfill: NoSocket,
      fetch,
    });
    const local: unknown[] = [];
    const origins: unknown[] = [];
    session.doc.on('afterTransaction', (tr: Y.Transaction) => {
      if (tr.local && (tr.changed.size > 0 || tr.deleteSet.clients.size > 0)) local.push(tr.origin);
    });
    session.doc.on('update', (_u: Uint8Array, origin: unknown) => origins.push(origin));

    // "The server": its own replica writes, this session receives the update.
    const server = new Discussion(new Y.Doc());
    const sop = new SopDoc(createSop('sample', { now: new Date('2026-01-01T00:00:00Z') }));
    const stepId = sop.steps.ids()[2] ?? '';
    const activity = sop.steps.get(stepId)?.activity ?? '';
    server.createThread({
      anchor: { kind: 'step', stepId },
      author: ana,
      body: 'Perlu paraf?',
      lastText: 'teks lama',
    });
    const FROM_SERVER = Symbol('server');
    Y.applyUpdate(session.doc, Y.encodeStateAsUpdate(server.doc), FROM_SERVER);
    expect(session.discussion.getSnapshot().threads).toHaveLength(1);

    session.trackContent(sop);
    sop.steps.delete(stepId);
    await vi.waitFor(() => expect(sent.length).toBe(1));
    expect(sent[0]?.body).toEqual({ op: 'recordStepText', stepId, text: activity });

    // The UI's commands go to the server too, and leave the doc alone.
    const threadId = session.discussion.getSnapshot().threads[0]?.id ?? '';
    await session.send('reply', { threadId, body: 'Ya' });
    await session.send('resolve', { threadId });
    await session.send('markRead', { threadId });
    await session.send('reviewStart', {});
    expect(sent.map((s) => s.body.op)).toEqual([
      'recordStepText',
      'reply',
      'resolve',
      'markRead',
      'reviewStart',
    ]);
    expect(local).toEqual([]);
    expect(origins).toEqual([FROM_SERVER]);
    expect(session.discussion.getSnapshot().threads[0]?.messages).toHaveLength(1);
    session.destroy();
  });
});
