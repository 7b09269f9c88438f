import {
  Discussion,
  discussionDocId,
  ReviewSessions,
  type StepSource,
  trackAnchorTexts,
} from '@shared/discussion/index';
import { COLLAB_PATH, FEATURE_ACCESS, FEATURES_PARAM } from '@shared/protocol';
import { IndexeddbPersistence } from 'y-indexeddb';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { handleAccessMessages } from '../lib/accessMessages';
import {
  type CommandClientOptions,
  createDiscussionCommands,
  type SendCommand,
} from '../lib/commands';

export type DiscussionConnection = 'online' | 'connecting' | 'offline';

export interface DiscussionSessionOptions extends CommandClientOptions {
  url?: string;
  indexedDb?: boolean;
  /** Passed to `WebsocketProvider` (Node tests). */
  WebSocketPolyfill?: unknown;
  /** Connect at once (default: when the browser is online). */
  connect?: boolean;
}

/**
 * The discussion document of one SOP: its own Y.Doc, synced read-only in its
 * own room (`<sopId>.discussion`), kept in IndexedDB for offline reading, with
 * the typed `Discussion` and `ReviewSessions` read APIs over it, and `send`,
 * the command client through which every change goes: the server alone
 * writes this document (author and time are the server's word), so this
 * session never writes to its doc. Create inside an effect and `destroy()` in
 * its cleanup (React StrictMode mounts effects twice).
 */
export class DiscussionSession {
  readonly doc = new Y.Doc();
  readonly discussion: Discussion;
  readonly review: ReviewSessions;
  readonly provider: WebsocketProvider;
  readonly send: SendCommand;
  private readonly idb: IndexeddbPersistence | null;
  private connection: DiscussionConnection = 'connecting';
  private readonly listeners = new Set<() => void>();
  private stopTracker: (() => void) | null = null;
  private readonly cleanups: Array<() => void> = [];
  /** Set when the server refused what this replica sent: its local copy must go. */
  refused = false;
  private readonly refusedListeners = new Set<() => void>();

  constructor(
    readonly sopId: string,
    opts: DiscussionSessionOptions = {},
  ) {
    const room = discussionDocId(sopId);
    this.discussion = new Discussion(this.doc);
    this.review = new ReviewSessions(this.discussion);
    this.send = createDiscussionCommands(sopId, opts);
    this.idb =
      opts.indexedDb === false ? null : new IndexeddbPersistence(`susun:${room}`, this.doc);
    const base =
      opts.url ??
      `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${COLLAB_PATH}`;
    const online = typeof navigator === 'undefined' || navigator.onLine;
    // disableBc: updates must go through the server (tests and "saved" semantics).
    this.provider = new WebsocketProvider(base, room, this.doc, {
      connect: opts.connect ?? online,
      disableBc: true,
      params: { [FEATURES_PARAM]: FEATURE_ACCESS },
      ...(opts.WebSocketPolyfill ? { WebSocketPolyfill: opts.WebSocketPolyfill as never } : {}),
    });
    // A replica holding something the server lacks (e.g. comments written offline
    // before the server owned this doc) is refused: drop it and resync.
    handleAccessMessages(this.provider, {
      refused: () => {
        this.refused = true;
        this.provider.disconnect();
        for (const l of [...this.refusedListeners]) l();
      },
    });
    // Presence lives on the content document; this one uses no awareness, so it
    // sends none (stock y-websocket would otherwise re-broadcast every renewal it
    // receives, which the server drops as foreign entries: wasted traffic).
    this.provider.awareness.off('update', this.provider._awarenessUpdateHandler);
    const onStatus = ({ status }: { status: 'connected' | 'disconnected' | 'connecting' }) => {
      const offline = typeof navigator !== 'undefined' && !navigator.onLine;
      this.setConnection(status === 'connected' ? 'online' : offline ? 'offline' : 'connecting');
    };
    this.provider.on('status', onStatus);
    this.cleanups.push(() => this.provider.off('status', onStatus));
    if (typeof window !== 'undefined') {
      // Same rule as the content session: the window's offline/online events are the truth.
      const goOffline = () => {
        this.provider.disconnect();
        this.setConnection('offline');
      };
      const goOnline = () => {
        if (this.refused) return;
        this.setConnection('connecting');
        this.provider.connect();
      };
      window.addEventListener('offline', goOffline);
      window.addEventListener('online', goOnline);
      this.cleanups.push(() => {
        window.removeEventListener('offline', goOffline);
        window.removeEventListener('online', goOnline);
      });
    }
  }

  /**
   * Follows the content doc so threads on a deleted step keep its last text:
   * the server is asked to record it (only editors may; others pass null).
   * Call again with another doc to switch; null stops.
   */
  trackContent(sop: StepSource | null): void {
    this.stopTracker?.();
    this.stopTracker = sop
      ? trackAnchorTexts(this.discussion, sop, (stepId, text) => {
          this.send('recordStepText', { stepId, text }).catch(() => {
            // Bookkeeping: another editor's client or a later deletion records it.
          });
        })
      : null;
  }

  /** Calls `cb` once the server refused this replica (see `discardLocalCopy`). */
  onRefused(cb: () => void): () => void {
    this.refusedListeners.add(cb);
    return () => {
      this.refusedListeners.delete(cb);
    };
  }

  /** Deletes this document's IndexedDB copy (after a refusal; then open a new session). */
  async discardLocalCopy(): Promise<void> {
    await this.idb?.clearData();
  }

  getConnection = (): DiscussionConnection => this.connection;

  subscribeConnection = (cb: () => void): (() => void) => {
    this.listeners.add(cb);
    return () => {
      this.listeners.delete(cb);
    };
  };

  private setConnection(c: DiscussionConnection): void {
    if (c === this.connection) return;
    this.connection = c;
    for (const l of [...this.listeners]) l();
  }

  destroy(): void {
    this.stopTracker?.();
    for (const c of this.cleanups) c();
    this.review.destroy();
    this.discussion.destroy();
    this.provider.destroy();
    void this.idb?.destroy();
    this.doc.destroy();
    this.listeners.clear();
    this.refusedListeners.clear();
  }
}
