/**
 * `GET /api/sops/:id/integrity` (behind the per-SOP access gate, any role that can read):
 * the stored rows of the SOP's documents that were set aside because they could not be
 * read (salvage on load, see server/storage/loadDoc.ts), so the editor can warn that
 * part of the SOP's history may be missing.
 *
 * → `{ quarantined: [{ at, reason, bytes, source, document }] }`, oldest first; an empty
 * list when nothing was ever quarantined. `source` is `snapshot` or `log`, `document`
 * `content` or `discussion`. The bytes themselves stay in the quarantine table for an
 * operator; they are not served.
 */
import express from 'express';
import { discussionDocId } from '../../shared/discussion/index.js';
import { callerSop } from '../http/sopAccess.js';
import type { DocLog } from '../storage/docLog.js';

export function createIntegrityRouter(deps: {
  docLog: Pick<DocLog, 'listQuarantined'>;
}): express.Router {
  const router = express.Router();
  router.get('/:id/integrity', async (req, res) => {
    const { id } = callerSop(req);
    const [content, talk] = await Promise.all([
      deps.docLog.listQuarantined(id),
      deps.docLog.listQuarantined(discussionDocId(id)),
    ]);
    const rows = [
      ...content.map((r) => ({ ...r, document: 'content' as const })),
      ...talk.map((r) => ({ ...r, document: 'discussion' as const })),
    ].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
    res.json({
      quarantined: rows.map(({ at, reason, bytes, source, document }) => ({
        at,
        reason,
        bytes,
        source,
        document,
      })),
    });
  });
  return router;
}
