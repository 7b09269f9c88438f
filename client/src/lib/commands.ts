/**
 * The browser's side of server-owned writes (issue 11): the discussion document
 * (comments, review sessions, approval records) is written only by the server,
 * so the client sends *commands* (`POST /api/sops/:id/discussion {op, ...}`),
 * and the server checks them and applies them with the signed-in person as
 * author. The result arrives over the socket a moment later; the UI keeps
 * reading the synced snapshot. A failed command changes nothing anywhere.
 */

import type { Anchor, Verdict } from '@shared/discussion/index';
import { randomId } from '@shared/discussion/util';

/** A refused or failed REST call. `code` is the server's snake_case code, or `offline`/`network`. */
export class CommandError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** The whole error body (e.g. `steps` of 409 `needs_change`). */
    readonly body: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'CommandError';
  }

  /** Not sent at all (no network); trying again later may work. */
  get offline(): boolean {
    return this.code === 'offline' || this.code === 'network';
  }

  /** The server said no for rights (403) or the session ended (401). */
  get forbidden(): boolean {
    return this.status === 403 || this.status === 401;
  }
}

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

/**
 * JSON request to the Susun API. Throws `CommandError` for non-2xx answers
 * (with the server's `error.code`) and for network failures (`network`); when
 * the browser knows it is offline it does not even try (`offline`).
 */
export async function apiJson<T>(
  path: string,
  init: { method?: string; json?: unknown; signal?: AbortSignal; fetch?: FetchLike } = {},
): Promise<T> {
  if (typeof navigator !== 'undefined' && navigator.onLine === false)
    throw new CommandError(0, 'offline', 'offline');
  const doFetch: FetchLike = init.fetch ?? ((i, r) => fetch(i, r));
  let res: Response;
  try {
    res = await doFetch(path, {
      method: init.method ?? (init.json === undefined ? 'GET' : 'POST'),
      credentials: 'same-origin',
      headers: {
        Accept: 'application/json',
        ...(init.json !== undefined ? { 'Content-Type': 'application/json' } : {}),
      },
      ...(init.json !== undefined ? { body: JSON.stringify(init.json) } : {}),
      ...(init.signal ? { signal: init.signal } : {}),
    });
  } catch (e) {
    if (init.signal?.aborted) throw e;
    throw new CommandError(0, 'network', e instanceof Error ? e.message : String(e));
  }
  const text = await res.text();
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  if (!res.ok) {
    const err = (body as { error?: Record<string, unknown> } | undefined)?.error ?? {};
    const code = typeof err.code === 'string' ? err.code : `http_${res.status}`;
    const message = typeof err.message === 'string' ? err.message : res.statusText || code;
    throw new CommandError(res.status, code, message, err);
  }
  return body as T;
}

/** Every discussion command: its arguments and what the server answers. */
export interface DiscussionOps {
  createThread: {
    args: { threadId?: string; anchor: Anchor; body: string };
    result: { id: string };
  };
  reply: { args: { threadId: string; body: string }; result: { id: string } };
  editMessage: { args: { threadId: string; messageId: string; body: string }; result: object };
  deleteMessage: { args: { threadId: string; messageId: string }; result: object };
  resolve: { args: { threadId: string }; result: object };
  reopen: { args: { threadId: string }; result: object };
  markRead: { args: { threadId: string; upToMessageId?: string }; result: object };
  recordStepText: { args: { stepId: string; text: string }; result: object };
  reviewStart: { args: Record<string, never>; result: { id: string } };
  reviewJoin: { args: { sessionId: string }; result: object };
  reviewPresenter: { args: { sessionId: string; userId: string }; result: object };
  reviewTakeOver: { args: { sessionId: string }; result: object };
  reviewAt: { args: { sessionId: string; stepId: string | null }; result: object };
  reviewVerdict: {
    args: {
      sessionId: string;
      stepId: string;
      verdict: Verdict;
      comment?: string;
      /** With 'change': suggested new wording of a text cell (issue 16). */
      suggestion?: { field: 'activity' | 'requirements' | 'output' | 'notes'; text: string };
    };
    result: { threadId?: string; suggestionId?: string };
  };
  reviewClearVerdict: { args: { sessionId: string; stepId: string }; result: object };
  reviewEnd: { args: { sessionId: string }; result: { versionId?: string } };
}
export type DiscussionOp = keyof DiscussionOps;

/** Sends one command; rejects with `CommandError` (already reported through `onError`). */
export type SendCommand = <K extends DiscussionOp>(
  op: K,
  args: DiscussionOps[K]['args'],
  opts?: { quiet?: boolean },
) => Promise<DiscussionOps[K]['result']>;

/** Commands whose failure nobody needs to hear about (bookkeeping, not user intent). */
const QUIET_OPS: ReadonlySet<DiscussionOp> = new Set(['markRead', 'recordStepText', 'reviewAt']);

export interface CommandClientOptions {
  fetch?: FetchLike;
  /** Called once per failed command that the user asked for (shows a toast). */
  onError?: (error: CommandError, op: DiscussionOp) => void;
}

/** The discussion command client of one SOP. */
export function createDiscussionCommands(
  sopId: string,
  opts: CommandClientOptions = {},
): SendCommand {
  const path = `/api/sops/${encodeURIComponent(sopId)}/discussion`;
  return async (op, args, callOpts) => {
    try {
      const res = await apiJson<DiscussionOps[typeof op]['result'] | undefined>(path, {
        json: { op, ...args },
        ...(opts.fetch ? { fetch: opts.fetch } : {}),
      });
      return (res ?? {}) as DiscussionOps[typeof op]['result'];
    } catch (e) {
      const err =
        e instanceof CommandError
          ? e
          : new CommandError(0, 'network', e instanceof Error ? e.message : String(e));
      if (!callOpts?.quiet && !QUIET_OPS.has(op)) opts.onError?.(err, op);
      throw err;
    }
  };
}

/** A fresh id for a thread the client creates (so the UI can focus it before the server echoes it). */
export function newThreadId(): string {
  return randomId();
}
