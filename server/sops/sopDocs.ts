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
import { loadDoc } from '../storage/loadDoc.js';
import type { Storage } from '../storage/types.js';

/** Transaction origin of changes the server makes on a person's behalf. */
export const SERVER_ACT = 'susun:server';

export interface SopDocsContext {
  sop: SopDoc;
  discussion: Discussion;
  review: ReviewSessions;
}

export class SopDocs {
  constructor(
    private readonly rooms: RoomManager,
    private readonly storage: Storage,
    private readonly log: Logger = silentLogger(),
  ) {}

  /**
   * Runs `fn` over both documents of an SOP (loaded and held), then waits until what it
   * changed is stored. `fn` must check everything before its first write.
   */
  withSop<T>(sopId: string, fn: (x: SopDocsContext) => T): Promise<T> {
    return this.rooms.withDocs([sopId, discussionDocId(sopId)], ([content, talk]) => {
      const sop = new SopDoc(content as Y.Doc, { origin: SERVER_ACT });
      const discussion = new Discussion(talk as Y.Doc, { origin: SERVER_ACT });
      const review = new ReviewSessions(discussion, { origin: SERVER_ACT });
      try {
        return fn({ sop, discussion, review });
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
    return (await this.storage.getMeta(sopId))?.status ?? 'draft';
  }

  async name(sopId: string): Promise<string> {
    return (await this.storage.getMeta(sopId))?.name ?? '';
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
      const loaded = await loadDoc({ storage: this.storage, log: this.log }, id);
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
