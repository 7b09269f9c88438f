/**
 * Suggestions as server operations (issue 16). Like every discussion change they are
 * written only by the server, with the authenticated person as author and the server's
 * clock, after the role check; accepting applies the change to the live content doc
 * through its room (`SopDocs.withSop` → `RoomManager.withDocs`), so everyone connected
 * receives it like any edit, stored before it is broadcast.
 *
 * At most once: `withSop` runs its function synchronously once both documents are
 * held, and the shared operation checks the suggestion's resolution and writes it in
 * that same step; of two concurrent accepts the second finds the first's resolution
 * (409). Several processes (`REDIS_URL`) each hold their own copy: there `withSop` runs
 * under a lock shared by all of them and first catches its copy up from storage
 * (cluster/docLocks.ts), so the second finds the first's resolution there too.
 */
import { can, isLockedStatus, type SopRole } from '../../shared/access/permissions.js';
import {
  type AcceptOutcome,
  acceptSuggestion,
  discussSuggestion,
  makeSuggestion,
  rejectSuggestion,
  type SuggestionChange,
  type SuggestionDocs,
  type SuggestionResolution,
  Suggestions,
  type SuggestionView,
  viewOf,
} from '../../shared/discussion/index.js';
import { HttpError } from '../http/errors.js';
import type { SopDocs } from '../sops/sopDocs.js';
import { authorOf, type CommandCaller, httpErrorOf } from './commands.js';

function need(role: SopRole, op: 'read' | 'comment' | 'edit', what: string): void {
  if (!can(role, op)) throw new HttpError(403, 'forbidden', `Your role (${role}) cannot ${what}`);
}

function notLocked(x: SuggestionDocs): void {
  const status = x.sop.meta.get().status;
  if (isLockedStatus(status))
    throw new HttpError(
      409,
      'locked',
      `The SOP is ${status}: its content cannot change (start a revision first)`,
    );
}

/**
 * Runs `fn` over the SOP's documents with its suggestions. `fn` checks before it writes;
 * an answer that follows a write (an accept found obsolete marks it so) is returned as
 * a value and thrown only after the write is stored.
 */
async function withSuggestions<T>(
  docs: SopDocs,
  sopId: string,
  fn: (x: SuggestionDocs) => T,
): Promise<T> {
  return docs
    .withSop(sopId, ({ sop, discussion }) => {
      const suggestions = new Suggestions(discussion);
      try {
        return fn({ sop, discussion, suggestions });
      } finally {
        suggestions.destroy();
      }
    })
    .catch((err: unknown) => {
      throw httpErrorOf(err);
    });
}

/** `POST /suggestions`: commenter and above. */
export function createSuggestion(
  docs: SopDocs,
  sopId: string,
  caller: CommandCaller,
  input: { change: SuggestionChange; id?: string | undefined; comment?: string | undefined },
): Promise<{ id: string; threadId: string | null }> {
  need(caller.role, 'comment', 'suggest changes');
  return withSuggestions(docs, sopId, (x) => {
    notLocked(x);
    return makeSuggestion(x, {
      author: authorOf(caller.principal),
      change: input.change,
      ...(input.id !== undefined ? { id: input.id } : {}),
      ...(input.comment ? { comment: input.comment } : {}),
    });
  });
}

/** What an accept answers (200), or throws as an {@link HttpError}. */
export interface AcceptResult {
  id: string;
  status: 'accepted';
  stale: boolean;
  stepId?: string;
  suggester: { id: string; name: string };
  kind: SuggestionChange['kind'];
}

function refusal(id: string, out: Exclude<AcceptOutcome, { ok: true }>): HttpError {
  switch (out.error) {
    case 'already-resolved':
      return alreadyResolved(id, out.resolution);
    case 'obsolete':
      return new HttpError(
        410,
        'suggestion_obsolete',
        `The suggestion no longer applies (${out.reason.replace(/-/g, ' ')}); it is marked obsolete`,
        { reason: out.reason },
      );
    case 'stale':
      return new HttpError(
        409,
        'stale',
        'The text this suggestion was made against has changed since; accept again with confirmStale: true to apply it anyway',
        {
          base: out.suggestion.base,
          current: out.standing.current,
          proposal: out.standing.proposal,
        },
      );
  }
}

function alreadyResolved(id: string, r: SuggestionResolution): HttpError {
  return new HttpError(
    409,
    'already_resolved',
    `Suggestion ${id} was already ${r.status} by ${r.by.name || 'someone'}`,
    { resolution: r },
  );
}

/** `POST /suggestions/:sid/accept`: owner and editor. */
export async function acceptOne(
  docs: SopDocs,
  sopId: string,
  caller: CommandCaller,
  id: string,
  opts: { confirmStale: boolean },
): Promise<AcceptResult> {
  need(caller.role, 'edit', 'accept suggestions');
  const me = authorOf(caller.principal);
  const out = await withSuggestions(docs, sopId, (x) => {
    notLocked(x);
    return acceptSuggestion(x, id, me, opts);
  });
  if (!out.ok) throw refusal(id, out);
  const s = out.suggestion;
  return {
    id,
    status: 'accepted',
    stale: out.stale,
    ...(out.stepId ? { stepId: out.stepId } : {}),
    suggester: { id: s.author.id, name: s.author.name },
    kind: s.change.kind,
  };
}

/**
 * `POST /suggestions/:sid/reject`: owner and editor; the author may withdraw their own
 * (recorded as rejected by them).
 */
export async function rejectOne(
  docs: SopDocs,
  sopId: string,
  caller: CommandCaller,
  id: string,
): Promise<{
  id: string;
  status: 'rejected';
  suggester: { id: string; name: string };
  kind: SuggestionChange['kind'];
}> {
  const me = authorOf(caller.principal);
  const out = await withSuggestions(docs, sopId, (x) => {
    const s = x.suggestions.get(id);
    if (!(s && s.author.id === me.id && can(caller.role, 'comment')))
      need(caller.role, 'edit', 'reject suggestions');
    return rejectSuggestion(x, id, me);
  });
  if (!out.ok) throw alreadyResolved(id, out.resolution);
  const s = out.suggestion;
  return {
    id,
    status: 'rejected',
    suggester: { id: s.author.id, name: s.author.name },
    kind: s.change.kind,
  };
}

export interface BulkResult {
  action: 'accept' | 'reject';
  /** Whose suggestions (null when that person has none open). */
  suggester: { id: string; name: string } | null;
  done: Array<{ id: string; kind: SuggestionChange['kind']; stepId?: string; stale?: boolean }>;
  skipped: Array<{ id: string; reason: 'stale' | 'obsolete' }>;
}

/**
 * `POST /suggestions/bulk`: accepts or rejects every open suggestion of one person, in
 * the order they were made, in one step. Stale ones are skipped unless `confirmStale`;
 * obsolete ones are marked so and skipped.
 */
export async function resolveAllOf(
  docs: SopDocs,
  sopId: string,
  caller: CommandCaller,
  input: { action: 'accept' | 'reject'; authorId: string; confirmStale: boolean },
): Promise<BulkResult> {
  need(caller.role, 'edit', `${input.action} suggestions`);
  const me = authorOf(caller.principal);
  return withSuggestions(docs, sopId, (x) => {
    if (input.action === 'accept') notLocked(x);
    const result: BulkResult = { action: input.action, suggester: null, done: [], skipped: [] };
    for (const s of x.suggestions.open()) {
      if (s.author.id !== input.authorId) continue;
      result.suggester = { id: s.author.id, name: s.author.name };
      const kind = s.change.kind;
      if (input.action === 'reject') {
        if (rejectSuggestion(x, s.id, me).ok) result.done.push({ id: s.id, kind });
        continue;
      }
      const out = acceptSuggestion(x, s.id, me, { confirmStale: input.confirmStale });
      if (out.ok)
        result.done.push({
          id: s.id,
          kind,
          stale: out.stale,
          ...(out.stepId ? { stepId: out.stepId } : {}),
        });
      else if (out.error !== 'already-resolved')
        result.skipped.push({ id: s.id, reason: out.error });
    }
    return result;
  });
}

/** `POST /suggestions/:sid/comments`: commenter and above; starts or continues its thread. */
export function discussOne(
  docs: SopDocs,
  sopId: string,
  caller: CommandCaller,
  id: string,
  body: string,
): Promise<{ threadId: string; messageId: string | null }> {
  need(caller.role, 'comment', 'comment');
  return withSuggestions(docs, sopId, (x) =>
    discussSuggestion(x, id, authorOf(caller.principal), body),
  );
}

/** `GET /suggestions`: every suggestion with where it stands against the content now. */
export function listSuggestions(
  docs: SopDocs,
  sopId: string,
  status: 'open' | 'resolved' | 'all',
): Promise<SuggestionView[]> {
  return withSuggestions(docs, sopId, (x) =>
    x.suggestions
      .getSnapshot()
      .list.filter((s) =>
        status === 'all' ? true : status === 'open' ? !s.resolution : !!s.resolution,
      )
      .map((s) => viewOf(s, x.sop)),
  );
}
