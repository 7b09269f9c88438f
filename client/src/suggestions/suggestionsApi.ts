/**
 * The browser's side of suggestions (issue 16): every change goes to the server as a
 * REST call (`/api/sops/:id/suggestions...`), which checks the caller's role, stamps
 * the author and time and writes the discussion doc (and, on accept, the content);
 * the result arrives over the sockets like any change.
 */
import type { SuggestionChange } from '@shared/discussion/index';
import { apiJson, type FetchLike } from '../lib/commands';

export interface AcceptAnswer {
  id: string;
  status: 'accepted';
  stale: boolean;
  stepId?: string;
}

export interface BulkAnswer {
  action: 'accept' | 'reject';
  done: Array<{ id: string }>;
  skipped: Array<{ id: string; reason: 'stale' | 'obsolete' }>;
}

/** The suggestion calls of one SOP; each rejects with `CommandError` (`code` from the server). */
export function suggestionsApi(sopId: string, fetch?: FetchLike) {
  const base = `/api/sops/${encodeURIComponent(sopId)}/suggestions`;
  const at = (id: string, what: string) => `${base}/${encodeURIComponent(id)}/${what}`;
  const opts = fetch ? { fetch } : {};
  return {
    create: (change: SuggestionChange, extras: { comment?: string } = {}) =>
      apiJson<{ id: string; threadId: string | null }>(base, {
        json: { ...change, ...extras },
        ...opts,
      }),
    accept: (id: string, confirmStale = false) =>
      apiJson<AcceptAnswer>(at(id, 'accept'), { json: { confirmStale }, ...opts }),
    reject: (id: string) => apiJson<{ id: string }>(at(id, 'reject'), { json: {}, ...opts }),
    bulk: (action: 'accept' | 'reject', authorId: string) =>
      apiJson<BulkAnswer>(`${base}/bulk`, { json: { action, authorId }, ...opts }),
    discuss: (id: string, body: string) =>
      apiJson<{ threadId: string }>(at(id, 'comments'), { json: { body }, ...opts }),
  };
}

export type SuggestionsApi = ReturnType<typeof suggestionsApi>;
