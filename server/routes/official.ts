/**
 * The official side of one SOP (mounted at /api/sops, behind the access gate; issue 14):
 * - `GET /:id/official` (read access) → `{ letterhead: { agencyName, lines, logoUrl } | null,
 *   verification: { code, url, version } | null }` for the print view
 * - `PATCH /:id/number` `{ number }` (administrator) → 200 `{ id, number }`; 409
 *   `number_taken` when another SOP holds it, 409 `locked` while the SOP is approved
 *   (or revoked, superseded): a number changes in a revision
 */
import express from 'express';
import * as v from 'valibot';
import { isLocked } from '../../shared/model/index.js';
import type { Accounts } from '../accounts/index.js';
import type { AgencyService } from '../agency/agencyService.js';
import { requestContext, requireAdmin } from '../http/auth.js';
import { HttpError } from '../http/errors.js';
import { callerSop } from '../http/sopAccess.js';
import { parseOr } from '../http/validate.js';
import type { Numbering } from '../sops/numbering.js';
import type { SopDocs } from '../sops/sopDocs.js';
import type { SopIndex } from '../storage/sopIndex.js';

const NumberBody = v.object({
  number: v.pipe(v.string(), v.trim(), v.minLength(1, 'must not be empty'), v.maxLength(100)),
});

export function createOfficialRouter(deps: {
  accounts: Accounts;
  agency: AgencyService;
  numbering: Numbering;
  docs: SopDocs;
  index: SopIndex;
  /** The public address (`PUBLIC_URL`), or the request's own origin when unset. */
  origin(req: express.Request): string;
}): express.Router {
  const { accounts, agency, numbering, docs, index } = deps;
  const router = express.Router();

  router.get('/:id/official', async (req, res) => {
    const { id } = callerSop(req);
    res.json(await agency.officialView(id, deps.origin(req)));
  });

  router.patch('/:id/number', async (req, res) => {
    const p = requireAdmin(req);
    const { id } = callerSop(req);
    const { number } = parseOr(NumberBody, req.body);
    const before = (await index.getMeta(id))?.number ?? '';
    if ((await numbering.claim(id, number)) === 'taken')
      throw new HttpError(409, 'number_taken', `Another SOP already has the number ${number}`, {
        number,
      });
    try {
      await docs.withSop(id, ({ sop }) => {
        const status = sop.meta.get().status;
        if (isLocked(status))
          throw new HttpError(
            409,
            'locked',
            `The SOP is ${status}: its number changes in a revision`,
          );
        sop.identity.set('number', number);
      });
    } catch (err) {
      // Back to the number it had (registered again when it was one).
      if (before) await numbering.claim(id, before).catch(() => {});
      else await numbering.release(id).catch(() => {});
      throw err;
    }
    // The listing agrees at once (the room's own refresh is debounced).
    await index.updateMeta(id, { number });
    await accounts.audit(p, requestContext(req), 'sop.number.set', {
      sopId: id,
      detail: { number, previousNumber: before },
    });
    res.json({ id, number });
  });

  return router;
}
