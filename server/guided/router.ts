/**
 * `POST /api/sops/:id/guided` `{op, ...}`: the guided drafting meeting (issue 18).
 * Behind the access gate (mounted with the SOP routers); each command checks the
 * right it needs.
 */
import express from 'express';
import { requirePrincipal } from '../http/auth.js';
import { callerSop } from '../http/sopAccess.js';
import { parseOr } from '../http/validate.js';
import type { SopDocs } from '../sops/sopDocs.js';
import { runGuidedCommand } from './commands.js';
import { GuidedCommandSchema } from './schema.js';

export function createGuidedRouter(deps: { docs: SopDocs }): express.Router {
  const router = express.Router();
  router.post('/:id/guided', async (req, res) => {
    const p = requirePrincipal(req);
    const sop = callerSop(req);
    const cmd = parseOr(GuidedCommandSchema, req.body ?? {}, { what: 'guided command' });
    const out = await runGuidedCommand(deps.docs, sop.id, { principal: p, role: sop.role }, cmd);
    res.json(out);
  });
  return router;
}
