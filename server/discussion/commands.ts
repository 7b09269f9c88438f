/**
 * The discussion document is written only by the server. Design (issue 11): a raw Yjs
 * writer can put any author's name on any message, and a rule over raw updates ("this
 * update only adds a message whose author is the sender") would have to re-derive the
 * meaning of every Yjs struct, including edits of nested maps. So clients keep the
 * document read-only (their updates to it are refused by the room guard) and send
 * commands instead: the server checks the caller's role and ownership, then applies
 * the change through the shared `Discussion` / `ReviewSessions` API with the
 * authenticated person as author and its own clock. The result reaches everyone
 * (the sender too) over the socket, stored before it is broadcast.
 */
import { can, type SopRole } from '../../shared/access/permissions.js';
import { userColour } from '../../shared/access/userColour.js';
import {
  type Author,
  baseFor,
  DiscussionError,
  makeSuggestion,
  type SuggestionChange,
  Suggestions,
} from '../../shared/discussion/index.js';
import { buildSummary } from '../../shared/discussion/summaryJson.js';
import { transition } from '../../shared/model/index.js';
import type { Principal } from '../accounts/principal.js';
import { HttpError } from '../http/errors.js';
import type { SopDocs, SopDocsContext } from '../sops/sopDocs.js';
import type { VersionStore } from '../versions/types.js';
import type { Command } from './commandSchemas.js';

export interface CommandCaller {
  principal: Principal;
  role: SopRole;
}

/** The author the server stamps on what a person writes. */
export function authorOf(p: Principal): Author {
  return { id: p.user.id, name: p.user.name, colour: userColour(p.user.id) };
}

function need(role: SopRole, op: Parameters<typeof can>[1], what: string): void {
  if (!can(role, op)) throw new HttpError(403, 'forbidden', `Your role (${role}) cannot ${what}`);
}

/** Maps the shared API's refusals to HTTP answers. */
export function httpErrorOf(err: unknown): unknown {
  if (!(err instanceof DiscussionError)) return err;
  const status: Record<string, number> = {
    'unknown-thread': 404,
    'unknown-message': 404,
    'unknown-session': 404,
    'not-author': 403,
    'message-deleted': 409,
    'session-ended': 409,
    'duplicate-id': 409,
    'empty-body': 422,
    'invalid-anchor': 422,
    'unknown-suggestion': 404,
    // a step or pelaksana named in the body: the request is what is wrong
    'unknown-step': 422,
    'unknown-actor': 422,
    'invalid-suggestion': 422,
    'no-change': 422,
    'already-resolved': 409,
  };
  return new HttpError(status[err.code] ?? 400, err.code.replace(/-/g, '_'), err.message);
}

function reviewVersionLabel(at: number): string {
  const d = new Date(at);
  const p = (n: number) => String(n).padStart(2, '0');
  return `Sesi reviu ${p(d.getDate())}/${p(d.getMonth() + 1)}/${d.getFullYear()} ${p(d.getHours())}.${p(d.getMinutes())}`;
}

/** Runs one command on the SOP's documents; returns what the client needs (ids). */
export async function runCommand(
  docs: SopDocs,
  versions: VersionStore,
  sopId: string,
  caller: CommandCaller,
  cmd: Command,
): Promise<Record<string, unknown>> {
  const me = authorOf(caller.principal);
  const { role } = caller;
  // Set by reviewEnd inside the change: the version is stored once the change is.
  const ended: {
    v: {
      /** Resolves once stored (see SopDocsContext.storedContent). */
      state: Promise<Uint8Array>;
      snapshot: ReturnType<SopDocsContext['sop']['toSnapshot']>;
      summary: unknown;
      at: number;
    } | null;
  } = { v: null };
  const out = await docs
    .withSop(sopId, (x): Record<string, unknown> => {
      const { sop, discussion, review } = x;
      switch (cmd.op) {
        case 'createThread': {
          need(role, 'comment', 'comment');
          const a = cmd.anchor;
          const lastText =
            a.kind === 'step'
              ? (sop.steps.get(a.stepId)?.activity ?? '')
              : a.kind === 'narrative'
                ? a.quote
                : '';
          const input = { anchor: a, author: me, body: cmd.body, lastText };
          const id = discussion.createThread(cmd.threadId ? { ...input, id: cmd.threadId } : input);
          return { id };
        }
        case 'reply':
          need(role, 'comment', 'comment');
          return { id: discussion.reply(cmd.threadId, me, cmd.body) };
        case 'editMessage':
          need(role, 'comment', 'comment');
          discussion.editMessage(cmd.threadId, cmd.messageId, me.id, cmd.body);
          return {};
        case 'deleteMessage':
          need(role, 'comment', 'comment');
          discussion.deleteMessage(cmd.threadId, cmd.messageId, me.id);
          return {};
        case 'resolve':
          need(role, 'comment', 'resolve threads');
          discussion.resolve(cmd.threadId, me);
          return {};
        case 'reopen':
          need(role, 'comment', 'reopen threads');
          if (!discussion.thread(cmd.threadId)) throw new DiscussionError('unknown-thread');
          discussion.reopen(cmd.threadId);
          return {};
        case 'markRead':
          discussion.markRead(cmd.threadId, me.id, cmd.upToMessageId);
          return {};
        case 'recordStepText': {
          need(role, 'edit', 'edit');
          // Only the last text of a step that is gone (what its threads show); a live
          // step's text is read from the content itself.
          if (sop.steps.get(cmd.stepId))
            throw new HttpError(409, 'step_exists', 'That step still exists');
          return { updated: discussion.recordStepText(cmd.stepId, cmd.text) };
        }
        case 'reviewStart': {
          need(role, 'review', 'start a review');
          const running = review.active();
          if (running) return { id: running.id, alreadyRunning: true };
          const status = sop.meta.get().status;
          if (status !== 'draft' && status !== 'in_review')
            throw new HttpError(409, 'invalid_transition', `A ${status} SOP cannot be reviewed`);
          const id = review.start(me);
          if (status === 'draft') transition(sop, 'in_review');
          return { id };
        }
        case 'reviewJoin':
          review.join(cmd.sessionId, me);
          return {};
        case 'reviewPresenter': {
          const s = review.get(cmd.sessionId);
          if (!s) throw new DiscussionError('unknown-session');
          if (s.presenter.id !== me.id && !can(role, 'manage'))
            throw new HttpError(403, 'forbidden', 'Only the presenter can hand over');
          const to = s.participants.find((p) => p.id === cmd.userId);
          if (!to) throw new HttpError(422, 'not_participant', 'Hand over to a participant');
          review.setPresenter(cmd.sessionId, { id: to.id, name: to.name, colour: to.colour });
          return {};
        }
        case 'reviewTakeOver':
          need(role, 'review', 'present');
          review.join(cmd.sessionId, me);
          review.setPresenter(cmd.sessionId, me);
          return {};
        case 'reviewAt': {
          const s = review.get(cmd.sessionId);
          if (!s) throw new DiscussionError('unknown-session');
          if (s.presenter.id !== me.id)
            throw new HttpError(403, 'forbidden', 'Only the presenter moves the session');
          review.recordPresenterAt(cmd.sessionId, cmd.stepId, me);
          return {};
        }
        case 'reviewVerdict': {
          need(role, 'verdict', 'give verdicts');
          const step = sop.steps.get(cmd.stepId);
          if (!step) throw new HttpError(404, 'unknown_step', 'No such step');
          // "Needs change" may carry a suggestion (issue 16): new wording of one field,
          // checked before anything is written, stored with the verdict's thread.
          const w = cmd.verdict === 'change' ? cmd.suggestion : undefined;
          const change: SuggestionChange | null = w
            ? { kind: 'stepText', stepId: cmd.stepId, field: w.field, text: w.text }
            : null;
          if (change) baseFor(change, sop);
          review.join(cmd.sessionId, me);
          const opts = cmd.comment ? { comment: cmd.comment, lastText: step.activity } : {};
          const threadId = review.setVerdict(cmd.sessionId, cmd.stepId, me, cmd.verdict, opts);
          if (!change) return { threadId };
          const suggestions = new Suggestions(discussion);
          try {
            const made = makeSuggestion(
              { sop, discussion, suggestions },
              { author: me, change, threadId, sessionId: cmd.sessionId },
            );
            return { threadId, suggestionId: made.id };
          } finally {
            suggestions.destroy();
          }
        }
        case 'reviewClearVerdict':
          need(role, 'verdict', 'give verdicts');
          review.clearVerdict(cmd.sessionId, cmd.stepId, me.id);
          return {};
        case 'reviewEnd': {
          const s = review.get(cmd.sessionId);
          if (!s) throw new DiscussionError('unknown-session');
          if (s.endedAt !== null) return { alreadyEnded: true };
          if (s.presenter.id !== me.id && s.startedBy.id !== me.id && !can(role, 'manage'))
            throw new HttpError(
              403,
              'forbidden',
              'Only the presenter, the starter or an owner ends it',
            );
          review.end(cmd.sessionId, me);
          const done = review.get(cmd.sessionId);
          const now = Date.now();
          if (done)
            ended.v = {
              at: now,
              state: x.storedContent(),
              snapshot: sop.toSnapshot(),
              summary: buildSummary(done, sop.steps.list(), discussion.getSnapshot(), now),
            };
          return {};
        }
      }
    })
    .catch((err: unknown) => {
      throw httpErrorOf(err);
    });
  const e = ended.v;
  if (e) {
    // The version is the state the review ended on, once all of it is stored.
    const state = await e.state;
    const meta = await versions.add({
      sopId,
      label: reviewVersionLabel(e.at),
      kind: 'review',
      createdBy: me.name,
      state,
      snapshot: e.snapshot,
      summary: e.summary,
    });
    return { ...out, versionId: meta.id };
  }
  return out;
}
