/**
 * Client-side helpers for integration tests: stock y-websocket providers in Node (ws
 * polyfill, no BroadcastChannel), raw sockets, and event-driven waits (no sleeps).
 */

import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';

export interface TestClient {
  doc: Y.Doc;
  provider: WebsocketProvider;
  destroy(): void;
}

/** A stock `WebsocketProvider` (serverUrl = wsUrl, room = docId). */
export function connectClient(
  wsUrl: string,
  docId: string,
  opts: { params?: Record<string, string>; doc?: Y.Doc } = {},
): TestClient {
  const doc = opts.doc ?? new Y.Doc();
  const provider = new WebsocketProvider(wsUrl, docId, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    params: opts.params ?? {},
  });
  return {
    doc,
    provider,
    destroy() {
      provider.destroy();
      doc.destroy();
    },
  };
}

/** Resolve once `check()` is true, re-checking on every `subscribe` notification. */
export function waitUntil(
  check: () => boolean,
  subscribe: (notify: () => void) => () => void,
  timeoutMs = 10_000,
  what = 'condition',
): Promise<void> {
  if (check()) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      unsubscribe();
      reject(new Error(`timed out waiting for ${what}`));
    }, timeoutMs);
    const unsubscribe = subscribe(() => {
      if (check()) {
        clearTimeout(timer);
        unsubscribe();
        resolve();
      }
    });
  });
}

/** Wait until the doc satisfies `check` (re-checked on each doc update). */
export function waitForDoc(
  doc: Y.Doc,
  check: (doc: Y.Doc) => boolean,
  what = 'doc state',
): Promise<void> {
  return waitUntil(
    () => check(doc),
    (notify) => {
      doc.on('update', notify);
      return () => doc.off('update', notify);
    },
    10_000,
    what,
  );
}

export function waitForSynced(provider: WebsocketProvider): Promise<void> {
  return waitUntil(
    () => provider.synced,
    (notify) => {
      provider.on('sync', notify);
      return () => provider.off('sync', notify);
    },
    10_000,
    'provider sync',
  );
}

export interface RawSocket {
  ws: WebSocket;
  opened: Promise<void>;
  closed: Promise<{ code: number; reason: string }>;
  messages: Uint8Array[];
}

/** A raw ws client for hostile-input tests. */
export function openRaw(url: string, options: WebSocket.ClientOptions = {}): RawSocket {
  const ws = new WebSocket(url, options);
  const messages: Uint8Array[] = [];
  ws.on('error', () => {});
  ws.on('message', (data: Buffer) => messages.push(new Uint8Array(data)));
  const opened = new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('close', () => reject(new Error('closed before open')));
  });
  opened.catch(() => {});
  const closed = new Promise<{ code: number; reason: string }>((resolve) => {
    ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() }));
  });
  return { ws, opened, closed, messages };
}
