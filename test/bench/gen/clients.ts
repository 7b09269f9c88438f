/**
 * Stock clients for each server, as users would run them: y-websocket's `WebsocketProvider`
 * for Susun and the reference server, Hocuspocus's own `HocuspocusProvider` for Hocuspocus
 * (both given the `ws` package as their WebSocket in Node).
 *
 * `sendUpdate` writes an already-encoded Yjs update to the provider's socket in that provider's
 * own framing — byte for byte what the provider would send for it — so trace replays measure
 * the server rather than the generator re-encoding 260k edits.
 */
import { HocuspocusProvider, type HocuspocusProviderConfiguration } from '@hocuspocus/provider';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import type { Protocol } from '../lib/servers.js';

export interface Target {
  protocol: Protocol;
  baseUrl: string;
  /** Susun's API token (socket parameter `token`); the baselines take none. */
  token?: string;
}

export interface ClientOptions {
  /** Opt in to Susun's `stored` message (type 100). */
  stored?: boolean;
  onStored?: (sv: Map<number, number>) => void;
}

export interface BenchClient {
  doc: Y.Doc;
  /** Resolves at the provider's first "synced". */
  synced: Promise<void>;
  sendUpdate(update: Uint8Array): void;
  /** Writes an already framed message (see frameUpdate) to the socket. */
  sendRaw(message: Uint8Array): void;
  /** Applies an update to the local doc as the provider's own (so the provider does not send it). */
  applyOwn(update: Uint8Array): void;
  destroy(): void;
}

const MESSAGE_SYNC = 0;
const SYNC_UPDATE = 2;
const MESSAGE_STORED = 100;

export function frameUpdate(protocol: Protocol, docName: string, update: Uint8Array): Uint8Array {
  const enc = encoding.createEncoder();
  if (protocol === 'hocuspocus') encoding.writeVarString(enc, docName);
  encoding.writeVarUint(enc, MESSAGE_SYNC);
  encoding.writeVarUint(enc, SYNC_UPDATE);
  encoding.writeVarUint8Array(enc, update);
  return encoding.toUint8Array(enc);
}

const SYNC_TIMEOUT_MS = 60_000;

export function connectClient(
  target: Target,
  docName: string,
  opts: ClientOptions = {},
): BenchClient {
  const client =
    target.protocol === 'hocuspocus'
      ? connectHocuspocus(target.baseUrl, docName, opts)
      : connectYWebsocket(target.baseUrl, docName, target.token, opts);
  // A refused connection (bad doc name, limit reached) must fail the scenario, not hang it.
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`${docName}: not synced after ${SYNC_TIMEOUT_MS} ms`)),
      SYNC_TIMEOUT_MS,
    );
  });
  const synced = Promise.race([client.synced, timeout]).finally(() => clearTimeout(timer));
  synced.catch(() => {});
  return { ...client, synced };
}

function connectYWebsocket(
  baseUrl: string,
  docName: string,
  token: string | undefined,
  opts: ClientOptions,
): BenchClient {
  const doc = new Y.Doc();
  const params: Record<string, string> = {};
  if (opts.stored) params.features = 'stored';
  if (token) params.token = token;
  const provider = new WebsocketProvider(baseUrl, docName, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    params,
    maxBackoffTime: 500,
  });
  // Observers and writers here carry no presence; see the report: a 15 s awareness renewal from
  // 1000 clients would otherwise dominate the fan-out figures of every server alike.
  provider.awareness.setLocalState(null);
  if (opts.stored) {
    provider.messageHandlers[MESSAGE_STORED] = (_enc, dec) => {
      opts.onStored?.(Y.decodeStateVector(decoding.readVarUint8Array(dec)));
    };
  }
  let wasSynced = false;
  const synced = new Promise<void>((resolve, reject) => {
    provider.on('sync', (isSynced: boolean) => {
      if (!isSynced) return;
      wasSynced = true;
      resolve();
    });
    // A permanent refusal (4400–4499: no token, not an SOP, an update Susun refused): fail
    // the scenario at once, and say so when it comes later (the figures would show losses).
    provider.on('closed', ({ code, reason }: { code: number; reason: string }) => {
      const msg = `${docName}: closed by the server with ${code} ${reason}`;
      if (wasSynced) process.stderr.write(`generator: ${msg}\n`);
      reject(new Error(msg));
    });
  });
  return {
    doc,
    synced,
    sendUpdate(update) {
      provider.ws?.send(frameUpdate('y-websocket', docName, update));
    },
    sendRaw(message) {
      provider.ws?.send(message);
    },
    applyOwn(update) {
      Y.applyUpdate(doc, update, provider);
    },
    destroy() {
      provider.destroy();
      doc.destroy();
    },
  };
}

function connectHocuspocus(baseUrl: string, docName: string, _opts: ClientOptions): BenchClient {
  const doc = new Y.Doc();
  // The provider hands this same object to the HocuspocusProviderWebsocket it creates, which
  // is where WebSocketPolyfill and the reconnect delay belong (its documented Node usage).
  const config = {
    url: baseUrl,
    name: docName,
    document: doc,
    WebSocketPolyfill: WebSocket,
    maxDelay: 500,
  };
  const provider = new HocuspocusProvider(config as unknown as HocuspocusProviderConfiguration);
  provider.awareness?.setLocalState(null);
  const synced = new Promise<void>((resolve) => {
    if (provider.isSynced) resolve();
    else provider.on('synced', ({ state }: { state: boolean }) => state && resolve());
  });
  return {
    doc,
    synced,
    sendUpdate(update) {
      provider.configuration.websocketProvider.send(frameUpdate('hocuspocus', docName, update));
    },
    sendRaw(message) {
      provider.configuration.websocketProvider.send(message);
    },
    applyOwn(update) {
      Y.applyUpdate(doc, update, provider);
    },
    destroy() {
      provider.destroy();
      doc.destroy();
    },
  };
}

/** Resolves when every promise has, with at most `limit` started at a time. */
export async function withConcurrency<T>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const item = items[next++] as T;
      await fn(item);
    }
  });
  await Promise.all(lanes);
}
