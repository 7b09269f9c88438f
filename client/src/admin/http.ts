/**
 * The small JSON client the administration, sharing, history and notification
 * screens share: same-origin cookies, JSON bodies, the API's
 * `{ error: { code, message } }` shape turned into an {@link HttpError}, and a
 * `susun:unauthenticated` event on 401 (the auth shell listens and shows login).
 */

/** One validation problem of a 422 `invalid_body`. */
export interface FieldIssue {
  path: string;
  message: string;
}

/** A failed API call: HTTP status, the server's error code and message. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues: FieldIssue[] = [],
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

export const UNAUTHENTICATED_EVENT = 'susun:unauthenticated';

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  /** Sent as the JSON body. */
  json?: unknown;
  signal?: AbortSignal;
}

/** Query string from the defined, non-empty values of `params` ('' when none). */
export function query(params: Record<string, string | number | undefined | null>): string {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v !== undefined && v !== null && v !== '') qs.set(k, String(v));
  }
  const s = qs.toString();
  return s ? `?${s}` : '';
}

/** Path segment, encoded. */
export function seg(id: string): string {
  return encodeURIComponent(id);
}

/** The {@link HttpError} of a failed response (its JSON error body when there is one). */
export function responseError(res: Response): Promise<HttpError> {
  if (res.status === 401) window.dispatchEvent(new Event(UNAUTHENTICATED_EVENT));
  return readError(res);
}

async function readError(res: Response): Promise<HttpError> {
  let code = 'http_error';
  let message = res.statusText || `HTTP ${res.status}`;
  let issues: FieldIssue[] = [];
  try {
    const body = (await res.json()) as {
      error?: { code?: string; message?: string };
      issues?: FieldIssue[];
    };
    code = body.error?.code ?? code;
    message = body.error?.message ?? message;
    if (Array.isArray(body.issues)) issues = body.issues;
  } catch {
    // not JSON (a proxy's error page): keep the status text
  }
  return new HttpError(res.status, code, message, issues);
}

/** Calls the API; resolves with the parsed JSON body (undefined for 204/empty). */
export async function api<T>(path: string, opts: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  const init: RequestInit = {
    method: opts.method ?? 'GET',
    credentials: 'same-origin',
    headers,
  };
  if (opts.json !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(opts.json);
  }
  if (opts.signal) init.signal = opts.signal;
  const res = await fetch(path, init);
  if (!res.ok) {
    if (res.status === 401) window.dispatchEvent(new Event(UNAUTHENTICATED_EVENT));
    throw await readError(res);
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

/** True for the AbortError of a cancelled request (not worth showing). */
export function isAbort(e: unknown): boolean {
  return e instanceof DOMException && e.name === 'AbortError';
}
