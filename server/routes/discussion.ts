/**
 * `POST /api/sops/:id/discussion` `{op, ...}`: the only way to change an SOP's
 * discussion (see `server/discussion/commands.ts` for why), and the suggestions in it
 * (`/api/sops/:id/suggestions...`, issue 16). Behind the access gate; each command
 * checks the right it needs.
 */
import express from 'express';
import type { Accounts } from '../accounts/index.js';
import { CommandSchema } from '../discussion/commandSchemas.js';
import { runCommand } from '../discussion/commands.js';
import {
  AcceptSchema,
  BulkSchema,
  ChangeSchema,
  CreateExtrasSchema,
  DiscussSchema,
  ListQuerySchema,
} from '../discussion/suggestionSchemas.js';
import {
  acceptOne,
  createSuggestion,
  discussOne,
  listSuggestions,
  rejectOne,
  resolveAllOf,
} from '../discussion/suggestions.js';
import { requestContext, requirePrincipal } from '../http/auth.js';
import { HttpError } from '../http/errors.js';
import { callerSop } from '../http/sopAccess.js';
import { fields, parseOr } from '../http/validate.js';
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

  // ---- suggestions (issue 16)
  const caller = (req: express.Request) => {
    const sop = callerSop(req);
    return { sopId: sop.id, caller: { principal: requirePrincipal(req), role: sop.role } };
  };
  const suggestionId = (req: express.Request) => {
    const r = parseOr(fields.id, req.params.sid, {
      status: 404,
      code: 'not_found',
      what: 'suggestion id',
    });
    return r;
  };
  router.get('/:id/suggestions', async (req, res) => {
    const { sopId } = caller(req);
    const q = parseOr(
      ListQuerySchema,
      { ...req.query },
      { status: 400, code: 'invalid_query', what: 'query' },
    );
    res.json({ suggestions: await listSuggestions(deps.docs, sopId, q.status) });
  });
  router.post('/:id/suggestions', async (req, res) => {
    const { sopId, caller: who } = caller(req);
    if (!req.body || typeof req.body !== 'object' || Array.isArray(req.body))
      throw new HttpError(422, 'invalid_body', 'Invalid suggestion: expected a JSON object');
    const change = parseOr(ChangeSchema, req.body, { what: 'suggestion' });
    const extras = parseOr(CreateExtrasSchema, req.body, { what: 'suggestion' });
    const out = await createSuggestion(deps.docs, sopId, who, { change, ...extras });
    res.status(201).json(out);
  });
  router.post('/:id/suggestions/bulk', async (req, res) => {
    const { sopId, caller: who } = caller(req);
    const input = parseOr(BulkSchema, req.body ?? {}, { what: 'request' });
    const out = await resolveAllOf(deps.docs, sopId, who, input);
    for (const d of out.done)
      await deps.accounts.audit(
        who.principal,
        requestContext(req),
        `suggestion.${input.action}ed`,
        {
          sopId,
          target: d.id,
          detail: {
            suggester: out.suggester?.name ?? '',
            suggesterId: input.authorId,
            bulk: true,
            ...d,
          },
        },
      );
    res.json(out);
  });
  router.post('/:id/suggestions/:sid/accept', async (req, res) => {
    const { sopId, caller: who } = caller(req);
    const sid = suggestionId(req);
    const { confirmStale } = parseOr(AcceptSchema, req.body ?? {}, { what: 'request' });
    const out = await acceptOne(deps.docs, sopId, who, sid, { confirmStale });
    // Attributed to both: the accepter is the actor, the suggester is in the detail.
    await deps.accounts.audit(who.principal, requestContext(req), 'suggestion.accepted', {
      sopId,
      target: sid,
      detail: {
        suggester: out.suggester.name,
        suggesterId: out.suggester.id,
        kind: out.kind,
        stale: out.stale,
        ...(out.stepId ? { stepId: out.stepId } : {}),
      },
    });
    res.json(out);
  });
  router.post('/:id/suggestions/:sid/reject', async (req, res) => {
    const { sopId, caller: who } = caller(req);
    const sid = suggestionId(req);
    const out = await rejectOne(deps.docs, sopId, who, sid);
    await deps.accounts.audit(who.principal, requestContext(req), 'suggestion.rejected', {
      sopId,
      target: sid,
      detail: { suggester: out.suggester.name, suggesterId: out.suggester.id, kind: out.kind },
    });
    res.json(out);
  });
  router.post('/:id/suggestions/:sid/comments', async (req, res) => {
    const { sopId, caller: who } = caller(req);
    const sid = suggestionId(req);
    const { body } = parseOr(DiscussSchema, req.body ?? {}, { what: 'comment' });
    res.status(201).json(await discussOne(deps.docs, sopId, who, sid, body));
  });
  return router;
}
