import { IndexeddbPersistence } from 'y-indexeddb';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import {
  Discussion,
  discussionDocId,
  ReviewSessions,
  type StepSource,
  trackAnchorTexts,
} from '../../../shared/discussion/index';
import { COLLAB_PATH } from '../../../shared/protocol';

export type DiscussionConnection = 'online' | 'connecting' | 'offline';

/**
 * The discussion document of one SOP: its own Y.Doc, synced in its own room
 * (`<sopId>.discussion`) on the same server as the content, kept in
 * IndexedDB for offline use, with the typed `Discussion` and `ReviewSessions`
 * APIs over it. Create inside an effect and `destroy()` in its cleanup
 * (React StrictMode mounts effects twice).
 */
export class DiscussionSession {
  readonly doc = new Y.Doc();
  readonly discussion: Discussion;
  readonly review: ReviewSessions;
  readonly provider: WebsocketProvider;
  private readonly idb: IndexeddbPersistence | null;
  private connection: DiscussionConnection = 'connecting';
  private readonly listeners = new Set<() => void>();
  private stopTracker: (() => void) | null = null;
  private readonly cleanups: Array<() => void> = [];

  constructor(
    readonly sopId: string,
    opts: { url?: string; indexedDb?: boolean } = {},
  ) {
    const room = discussionDocId(sopId);
    this.discussion = new Discussion(this.doc);
    this.review = new ReviewSessions(this.discussion);
    this.idb =
      opts.indexedDb === false ? null : new IndexeddbPersistence(`susun:${room}`, this.doc);
    const base =
      opts.url ??
      `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${COLLAB_PATH}`;
    const online = typeof navigator === 'undefined' || navigator.onLine;
    // disableBc: updates must go through the server (tests and "saved" semantics).
    this.provider = new WebsocketProvider(base, room, this.doc, {
      connect: online,
      disableBc: true,
    });
    // Presence lives on the content document; this one uses no awareness, so it
    // sends none (stock y-websocket would otherwise re-broadcast every renewal it
    // receives, which the server drops as foreign entries: wasted traffic).
    this.provider.awareness.off('update', this.provider._awarenessUpdateHandler);
    const onStatus = ({ status }: { status: 'connected' | 'disconnected' | 'connecting' }) => {
      this.setConnection(
        status === 'connected' ? 'online' : navigator.onLine ? 'connecting' : 'offline',
      );
    };
    this.provider.on('status', onStatus);
    // Same rule as the content session: the window's offline/online events are the truth.
    const goOffline = () => {
      this.provider.disconnect();
      this.setConnection('offline');
    };
    const goOnline = () => {
      this.setConnection('connecting');
      this.provider.connect();
    };
    window.addEventListener('offline', goOffline);
    window.addEventListener('online', goOnline);
    this.cleanups.push(() => {
      this.provider.off('status', onStatus);
      window.removeEventListener('offline', goOffline);
      window.removeEventListener('online', goOnline);
    });
  }

  /**
   * Follows the content doc so threads on a deleted step keep its last text
   * (see `trackAnchorTexts`). Call again with another doc to switch; null stops.
   */
  trackContent(sop: StepSource | null): void {
    this.stopTracker?.();
    this.stopTracker = sop ? trackAnchorTexts(this.discussion, sop) : null;
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
  }
}
