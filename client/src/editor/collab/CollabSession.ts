import { createUndoManager, SopDoc } from '@shared/model/index';
import {
  type AccessMessage,
  COLLAB_PATH,
  FEATURES_PARAM,
  MessageType,
  type RefusedMessage,
} from '@shared/protocol';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { IndexeddbPersistence } from 'y-indexeddb';
import * as awarenessProtocol from 'y-protocols/awareness';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { CLIENT_FEATURES, handleAccessMessages } from '../../lib/accessMessages';
import { PresenceStore } from '../presence/presenceStore';
import { SavedTracker } from './savedTracker';

export type ConnectionState = 'online' | 'reconnecting' | 'offline';

/** Observable state of one editing session, for `useSyncExternalStore`. */
export interface CollabState {
  connection: ConnectionState;
  /** The document has content to show (from the server or from IndexedDB). */
  ready: boolean;
  /** The server has durably stored everything this replica holds. */
  saved: boolean;
  /** When `saved` last became true. */
  savedAt: Date | null;
  /** Set when the server refused the connection for good (4400–4499). */
  closed: { code: number; reason: string } | null;
  canUndo: boolean;
  canRedo: boolean;
  /** This connection's rights as the server last said (`access` message); null before. */
  access: AccessMessage | null;
  /**
   * The server refused an update of this replica (`refused` message): the session
   * is disconnected for good; drop the local copy and open a new session.
   */
  refused: RefusedMessage | null;
}

/** y-protocols sync message subtypes: step 1 (a state vector), step 2 and update (an update). */
const SYNC_STEP1 = 0;
const SYNC_STEP2 = 1;
const SYNC_UPDATE = 2;

/** A server update at least this large is written to IndexedDB once the page is idle. */
const DEFER_STORE_BYTES = 16 * 1024;

/** How long to wait for the server before showing what IndexedDB holds. */
const OFFLINE_FALLBACK_MS = 1500;

/**
 * One open SOP: a Y.Doc, its IndexedDB copy, the WebSocket provider, the
 * typed model and the user's undo manager. Created inside an effect and
 * destroyed in its cleanup (React StrictMode mounts effects twice).
 */
export class CollabSession {
  readonly doc = new Y.Doc();
  readonly sop: SopDoc;
  readonly provider: WebsocketProvider;
  readonly awareness: awarenessProtocol.Awareness;
  /** Who else is here and where (a read model over `awareness`, destroyed with the session). */
  readonly presence: PresenceStore;
  readonly undo: Y.UndoManager;
  private readonly idb: IndexeddbPersistence;
  private readonly saved = new SavedTracker();
  private state: CollabState;
  private readonly listeners = new Set<() => void>();
  private fallbackTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly cleanups: Array<() => void> = [];

  constructor(readonly id: string) {
    this.sop = new SopDoc(this.doc);
    const online = typeof navigator === 'undefined' || navigator.onLine;
    this.state = {
      connection: online ? 'reconnecting' : 'offline',
      ready: false,
      saved: false,
      savedAt: null,
      closed: null,
      canUndo: false,
      canRedo: false,
      access: null,
      refused: null,
    };

    this.idb = new IndexeddbPersistence(`susun:${id}`, this.doc);
    const wsBase = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${COLLAB_PATH}`;
    this.provider = new WebsocketProvider(wsBase, id, this.doc, {
      connect: online,
      // Tabs of one browser would otherwise sync through BroadcastChannel, and an
      // update from a sibling tab would look server-delivered to the saved tracker.
      disableBc: true,
      params: { [FEATURES_PARAM]: CLIENT_FEATURES },
    });
    this.awareness = this.provider.awareness;
    this.presence = new PresenceStore(this.awareness);
    this.provider.messageHandlers[MessageType.stored] = (_encoder, decoder) => {
      this.saved.onStored(Y.decodeStateVector(decoding.readVarUint8Array(decoder)));
      this.recomputeSaved();
    };
    handleAccessMessages(this.provider, {
      access: (access) => this.set({ access }),
      refused: (refused) => {
        // Stop at once: every further update would be refused too.
        this.provider.disconnect();
        this.set({ refused });
      },
    });
    this.interceptSync();
    this.publishOnlyOwnAwareness();
    this.undo = createUndoManager(this.sop);
    this.wire();
  }

  /** The state vector of the server's latest sync step 1 (what it held on connect). */
  private serverStep1: Map<number, number> | null = null;

  /**
   * Peek at sync messages: catch the server's step 1 state vector, and let y-websocket apply
   * the server's updates without Yjs encoding them again ({@link applyFromServer}).
   */
  private interceptSync(): void {
    const original = this.provider.messageHandlers[MessageType.sync];
    if (!original) return;
    this.provider.messageHandlers[MessageType.sync] = (
      encoder,
      decoder,
      provider,
      emitSynced,
      messageType,
    ) => {
      const peek = decoding.clone(decoder);
      const kind = decoding.readVarUint(peek);
      const handle = () => original(encoder, decoder, provider, emitSynced, messageType);
      if (kind === SYNC_STEP1) {
        this.serverStep1 = Y.decodeStateVector(decoding.readVarUint8Array(peek));
        handle();
      } else if (kind === SYNC_STEP2 || kind === SYNC_UPDATE) {
        this.applyFromServer(handle, decoding.readVarUint8Array(peek));
      } else handle();
    };
  }

  /**
   * Runs `apply` (y-websocket applying the server's update `bytes`) while the session's
   * `update` listeners step aside. Yjs encodes every transaction into an update for the
   * document's `update` listeners; for the server's sync that is the whole SOP again — in a
   * 300-step SOP's load, 47 ms of encoding plus 40 ms of handing it on — and none of them
   * needs it: y-websocket sends only local changes, IndexedDB can store the bytes as
   * received, and the saved tracker reads the transaction. (The app's own change listeners
   * use `afterTransaction`, `onDocChange`, for the same reason.) So this handles the
   * transaction itself, at the moment the listeners would have.
   */
  private applyFromServer(apply: () => void, bytes: Uint8Array): void {
    const { doc, provider, idb } = this;
    const listeners = [provider._updateHandler, idb._storeUpdate, this.onUpdate];
    for (const l of listeners) doc.off('update', l);
    const onTransaction = (tr: Y.Transaction) => {
      if (tr.origin === provider) this.saved.onFromServer(tr);
    };
    doc.on('afterTransaction', onTransaction);
    try {
      apply();
    } finally {
      doc.off('afterTransaction', onTransaction);
      if (!this.destroyed) for (const l of listeners) doc.on('update', l);
    }
    this.recomputeSaved();
    // The local copy: a large update (the first sync) once the first screen is drawn.
    const store = () => {
      if (!this.destroyed && !idb._destroyed) idb._storeUpdate(bytes, provider);
    };
    if (bytes.length >= DEFER_STORE_BYTES && typeof requestIdleCallback === 'function')
      requestIdleCallback(store, { timeout: 2000 });
    else store();
  }

  /**
   * Stock y-websocket 3.1 re-broadcasts every awareness change, including
   * states it just received from others, and answers a query with all known
   * states. Our server only accepts awareness for client ids a connection
   * introduced itself (anti-spoofing) and closes the socket otherwise, so we
   * send our own state only.
   */
  private publishOnlyOwnAwareness(): void {
    const { provider, awareness, doc } = this;
    const sendOwn = () => {
      const ws = provider.ws;
      if (!provider.wsconnected || !ws || ws.readyState !== WebSocket.OPEN) return;
      const enc = encoding.createEncoder();
      encoding.writeVarUint(enc, MessageType.awareness);
      encoding.writeVarUint8Array(
        enc,
        awarenessProtocol.encodeAwarenessUpdate(awareness, [doc.clientID]),
      );
      ws.send(encoding.toUint8Array(enc));
    };
    awareness.off('update', provider._awarenessUpdateHandler);
    const onAwareness = ({
      added,
      updated,
      removed,
    }: {
      added: number[];
      updated: number[];
      removed: number[];
    }) => {
      if ([...added, ...updated, ...removed].includes(doc.clientID)) sendOwn();
    };
    awareness.on('update', onAwareness);
    this.cleanups.push(() => awareness.off('update', onAwareness));
    provider.messageHandlers[MessageType.queryAwareness] = (encoder) => {
      encoding.writeVarUint(encoder, MessageType.awareness);
      encoding.writeVarUint8Array(
        encoder,
        awarenessProtocol.encodeAwarenessUpdate(awareness, [doc.clientID]),
      );
    };
  }

  private readonly onUpdate = (
    _update: Uint8Array,
    origin: unknown,
    _doc: Y.Doc,
    tr: Y.Transaction,
  ): void => {
    // Updates that did not come from the server need confirming by a `stored` message.
    // (The server's own arrive through applyFromServer; this covers any other path.)
    if (origin === this.provider) this.saved.onFromServer(tr);
    // IndexedDB replays are covered by the state-vector check; only edits made now count.
    else if (origin !== this.idb) this.saved.onLocalChange();
    this.recomputeSaved();
  };

  private wire(): void {
    const { provider, doc, undo } = this;
    const onStatus = ({ status }: { status: 'connected' | 'disconnected' | 'connecting' }) => {
      if (status !== 'connected') this.saved.reset();
      this.set({ connection: this.connectionFor(status) });
    };
    provider.on('status', onStatus);
    const onSync = (synced: boolean) => {
      if (!synced) return;
      if (this.serverStep1) this.saved.onSyncedWith(this.serverStep1);
      this.recomputeSaved();
      this.markReady();
    };
    provider.on('sync', onSync);
    const onClosed = (event: { code: number; reason: string }) => {
      this.set({ closed: event, ready: true });
    };
    provider.on('closed', onClosed);
    this.cleanups.push(() => {
      provider.off('status', onStatus);
      provider.off('sync', onSync);
      provider.off('closed', onClosed);
    });

    void this.idb.whenSynced.then(() => {
      if (this.fallbackTimer !== null || this.state.ready) return;
      // Offline, or the server is slow: show the local copy rather than a spinner.
      const delay = navigator.onLine ? OFFLINE_FALLBACK_MS : 0;
      this.fallbackTimer = setTimeout(() => {
        if (this.doc.store.clients.size > 0) this.markReady();
      }, delay);
    });

    doc.on('update', this.onUpdate);
    this.cleanups.push(() => doc.off('update', this.onUpdate));

    const onStack = () => this.set({ canUndo: undo.canUndo(), canRedo: undo.canRedo() });
    undo.on('stack-item-added', onStack);
    undo.on('stack-item-popped', onStack);
    undo.on('stack-cleared', onStack);

    // Browsers keep a WebSocket open when the network goes away (and Chromium's
    // offline emulation does too): treat the window events as the truth.
    const goOffline = () => {
      provider.disconnect();
      this.set({ connection: 'offline' });
    };
    const goOnline = () => {
      if (this.state.refused) return;
      this.set({ connection: 'reconnecting' });
      provider.connect();
    };
    window.addEventListener('offline', goOffline);
    window.addEventListener('online', goOnline);
    this.cleanups.push(() => {
      window.removeEventListener('offline', goOffline);
      window.removeEventListener('online', goOnline);
    });
  }

  private connectionFor(status: 'connected' | 'disconnected' | 'connecting'): ConnectionState {
    if (!navigator.onLine) return 'offline';
    return status === 'connected' ? 'online' : 'reconnecting';
  }

  private markReady(): void {
    if (this.state.ready) return;
    // Marks read by test/bench/editor-bench.ts (cheap; visible in devtools too).
    performance.mark('susun:doc-ready');
    this.set({ ready: true });
  }

  private recomputeSaved(): void {
    const saved = this.saved.isSaved(this.doc);
    if (saved !== this.state.saved) {
      this.set({ saved, savedAt: saved ? new Date() : this.state.savedAt });
    }
  }

  private set(patch: Partial<CollabState>): void {
    this.state = { ...this.state, ...patch };
    for (const l of this.listeners) l();
  }

  getState = (): CollabState => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Deletes this SOP's IndexedDB copy (after a refusal, before opening a new session). */
  async discardLocalCopy(): Promise<void> {
    await this.idb.clearData();
  }

  private destroyed = false;

  destroy(): void {
    this.destroyed = true;
    if (this.fallbackTimer !== null) clearTimeout(this.fallbackTimer);
    for (const c of this.cleanups) c();
    this.presence.destroy();
    this.undo.destroy();
    this.provider.destroy();
    void this.idb.destroy();
    this.sop.destroy();
    this.doc.destroy();
    this.listeners.clear();
  }
}
