/**
 * `POST /api/sops/:id/discussion` `{op, ...}`: the only way to change an SOP's
 * discussion (see `server/discussion/commands.ts` for why). Behind the access gate;
 * each command checks the right it needs.
 */
import express from 'express';
import type { Accounts } from '../accounts/index.js';
import { CommandSchema } from '../discussion/commandSchemas.js';
import { runCommand } from '../discussion/commands.js';
import { requestContext, requirePrincipal } from '../http/auth.js';
import { callerSop } from '../http/sopAccess.js';
import { parseOr } from '../http/validate.js';
import type { SopDocs } from '../sops/sopDocs.js';
import type { VersionStore } from '../versions/types.js';

export function createDiscussionRouter(deps: {
  accounts: Accounts;
  docs: SopDocs;
  versions: VersionStore;
}): express.Router {
  const router = express.Router();
  router.post('/:id/discussion', async (req, res) => {
    const p = requirePrincipal(req);
    const sop = callerSop(req);
    const cmd = parseOr(CommandSchema, req.body, { what: 'command' });
    const out = await runCommand(
      deps.docs,
      deps.versions,
      sop.id,
      { principal: p, role: sop.role },
      cmd,
    );
    if (cmd.op === 'reviewStart' || cmd.op === 'reviewEnd')
      await deps.accounts.audit(
        p,
        requestContext(req),
        cmd.op === 'reviewStart' ? 'review.started' : 'review.ended',
        {
          sopId: sop.id,
          detail: out,
        },
      );
    res.json(out);
  });
  return router;
}
