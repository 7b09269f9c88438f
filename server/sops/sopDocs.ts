/**
 * Server-side reads and writes of an SOP's two documents (content and discussion)
 * through their rooms, so connected clients see every server change like any edit,
 * stored before it is broadcast.
 */
import type { Logger } from 'pino';
import type * as Y from 'yjs';
import { Discussion, discussionDocId, ReviewSessions } from '../../shared/discussion/index.js';
import { SopDoc } from '../../shared/model/index.js';
import { silentLogger } from '../logger.js';
import type { RoomManager } from '../rooms/roomManager.js';
import type { DocLog } from '../storage/docLog.js';
import { loadDoc } from '../storage/loadDoc.js';
import type { SopIndex } from '../storage/sopIndex.js';

/** Transaction origin of changes the server makes on a person's behalf. */
export const SERVER_ACT = 'susun:server';

export interface SopDocsContext {
  sop: SopDoc;
  discussion: Discussion;
  review: ReviewSessions;
  /**
   * The content's state as it is at this call (encoded now), resolving once all of it is
   * stored. A version is taken from this, never from the live doc (which can hold updates
   * whose append may still fail).
   */
  storedContent(): Promise<Uint8Array>;
}

export class SopDocs {
  constructor(
    private readonly rooms: RoomManager,
    private readonly stores: { docLog: DocLog; index: SopIndex },
    private readonly log: Logger = silentLogger(),
  ) {}

  /**
   * Runs `fn` over both documents of an SOP (loaded and held), then waits until what it
   * changed is stored. `fn` must check everything before its first write.
   */
  withSop<T>(sopId: string, fn: (x: SopDocsContext) => T): Promise<T> {
    return this.rooms.withDocs([sopId, discussionDocId(sopId)], ([content, talk]) => {
      if (!content || !talk) throw new Error('both documents are held');
      const sop = new SopDoc(content.doc, { origin: SERVER_ACT });
      const discussion = new Discussion(talk.doc, { origin: SERVER_ACT });
      const review = new ReviewSessions(discussion, { origin: SERVER_ACT });
      try {
        const storedContent = () => {
          const state = content.storedState();
          // Awaited by the caller only if the change succeeds: never an unhandled rejection.
          state.catch(() => {});
          return state;
        };
        return fn({ sop, discussion, review, storedContent });
      } finally {
        review.destroy();
        discussion.destroy();
        sop.destroy();
      }
    });
  }

  /** The SOP's status: the live doc's when it is open, else the listing's. */
  async status(sopId: string): Promise<string> {
    const room = this.rooms.peek(sopId);
    if (room?.state === 'ready') {
      const s = room.doc.getMap('meta').get('status');
      if (typeof s === 'string') return s;
    }
    return (await this.stores.index.getMeta(sopId))?.status ?? 'draft';
  }

  async name(sopId: string): Promise<string> {
    return (await this.stores.index.getMeta(sopId))?.name ?? '';
  }

  /** The presenter (user id) of the running review session, if any. */
  async presenter(sopId: string): Promise<string | null> {
    const id = discussionDocId(sopId);
    const room = this.rooms.peek(id);
    let doc: Y.Doc;
    let own = false;
    if (room?.state === 'ready') doc = room.doc;
    else {
      // Salvaged like every load (storage/loadDoc.ts).
      const loaded = await loadDoc({ docLog: this.stores.docLog, log: this.log }, id);
      if (!loaded.stored) {
        loaded.doc.destroy();
        return null;
      }
      doc = loaded.doc;
      own = true;
    }
    const discussion = new Discussion(doc);
    const review = new ReviewSessions(discussion);
    try {
      const presenter = review.active()?.presenter?.id;
      return typeof presenter === 'string' ? presenter : null;
    } catch (err) {
      // An unreadable session is no presenter (the sharing routes must not 500 on it).
      this.log.warn({ docId: id, err }, 'review session unreadable');
      return null;
    } finally {
      review.destroy();
      discussion.destroy();
      if (own) doc.destroy();
    }
  }
}
