import type { SopRole } from '@shared/access/permissions';
import type { SopSnapshot, SopStatus, TemplateId } from '@shared/model/types';

/** One row of `GET /api/sops`. */
export interface SopListItem {
  id: string;
  name: string;
  number: string;
  status: SopStatus;
  updatedAt: string;
  stepCount: number;
  /** The caller's role on this SOP (servers with accounts). */
  role?: SopRole;
  /** The unit the SOP belongs to, if any. */
  unitId?: string | null;
}

/** One field problem of a 422 `invalid_body` answer. */
export interface ApiIssue {
  path: string;
  message: string;
}

/** Error from the REST API, carrying the HTTP status and the server's error code. */
export class ApiError extends Error {
  /** `error.code` of the body (`invalid_credentials`, `link_expired`, ...), when given. */
  readonly code: string | undefined;
  /** Field problems of a validation error. */
  readonly issues: ApiIssue[];
  /** Seconds from the `Retry-After` header (429), when given. */
  readonly retryAfter: number | undefined;

  constructor(
    readonly status: number,
    message: string,
    details: { code?: string; issues?: ApiIssue[]; retryAfter?: number } = {},
  ) {
    super(message);
    this.code = details.code;
    this.issues = details.issues ?? [];
    this.retryAfter = details.retryAfter;
  }
}

/**
 * Fired on `window` when the server answers 401 `unauthenticated`: the session is
 * gone (expired, logged out elsewhere, user disabled). `AuthProvider` listens and
 * sends the user to the login page with `next`. One mechanism for every caller.
 */
export const UNAUTHENTICATED_EVENT = 'susun:unauthenticated';

/** Reports a lost session (also for non-REST paths, e.g. a socket closed with 4401). */
export function notifyUnauthenticated(): void {
  window.dispatchEvent(new Event(UNAUTHENTICATED_EVENT));
}

export interface ApiInit extends Omit<RequestInit, 'body'> {
  /** Sent as the JSON body. */
  json?: unknown;
  body?: BodyInit | null;
  /**
   * `false`: a 401 is this call's own answer (login with a wrong password, the
   * session probe) and must not redirect to the login page.
   */
  authRedirect?: boolean;
}

async function readError(res: Response): Promise<ApiError> {
  let message = res.statusText;
  let code: string | undefined;
  let issues: ApiIssue[] | undefined;
  try {
    const body = (await res.json()) as {
      error?: { code?: string; message?: string };
      issues?: ApiIssue[];
    };
    message = body.error?.message ?? message;
    code = body.error?.code;
    if (Array.isArray(body.issues)) issues = body.issues;
  } catch {
    // non-JSON error body: keep the status text
  }
  const retryHeader = Number(res.headers.get('Retry-After'));
  const retryAfter = Number.isFinite(retryHeader) && retryHeader > 0 ? retryHeader : undefined;
  return new ApiError(res.status, message, {
    ...(code ? { code } : {}),
    ...(issues ? { issues } : {}),
    ...(retryAfter !== undefined ? { retryAfter } : {}),
  });
}

/**
 * The one request helper: JSON in and out, the session cookie sent by the browser,
 * errors as {@link ApiError}. A 401 `unauthenticated` fires {@link UNAUTHENTICATED_EVENT}
 * (unless `authRedirect: false`). Network failures reject with the fetch `TypeError`.
 */
export async function apiRequest<T>(path: string, init: ApiInit = {}): Promise<T> {
  const { json, authRedirect = true, headers, ...rest } = init;
  const body = json !== undefined ? JSON.stringify(json) : rest.body;
  const res = await fetch(path, {
    ...rest,
    body: body ?? null,
    credentials: 'same-origin',
    headers: {
      Accept: 'application/json',
      ...(body ? { 'Content-Type': 'application/json' } : {}),
      ...(headers as Record<string, string> | undefined),
    },
  });
  if (!res.ok) {
    const err = await readError(res);
    if (err.status === 401 && authRedirect && (err.code ?? 'unauthenticated') === 'unauthenticated')
      notifyUnauthenticated();
    throw err;
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

const request = apiRequest;

export function listSops(q: string, signal?: AbortSignal): Promise<SopListItem[]> {
  const qs = q.trim() ? `?q=${encodeURIComponent(q.trim())}` : '';
  return request<SopListItem[]>(`/api/sops${qs}`, signal ? { signal } : undefined);
}

export function createSopRequest(template: TemplateId, name?: string): Promise<{ id: string }> {
  return request('/api/sops', {
    method: 'POST',
    json: name ? { template, name } : { template },
  });
}

/** The SOP's whole content (`GET /api/sops/:id`). */
export function getSopSnapshot(id: string): Promise<SopSnapshot> {
  return request(`/api/sops/${encodeURIComponent(id)}`);
}

/** A name for a copy: "X (salinan)", "X (salinan 2)", … unique among `taken`. */
export function copyName(name: string, suffix: string, taken: ReadonlySet<string>): string {
  const base = `${name.trim()} (${suffix})`;
  if (!taken.has(base)) return base;
  for (let i = 2; ; i++) {
    const next = `${name.trim()} (${suffix} ${i})`;
    if (!taken.has(next)) return next;
  }
}

/**
 * Duplicates an SOP as a new draft owned by the caller, in the same unit: its
 * content under a new name, without the original's approval (status draft, no
 * "Disahkan oleh", no effective date). Returns the new id.
 */
export async function duplicateSop(
  item: Pick<SopListItem, 'id' | 'unitId'>,
  name: string,
): Promise<string> {
  const snap = await getSopSnapshot(item.id);
  const copy: SopSnapshot = {
    ...snap,
    meta: { ...snap.meta, status: 'draft' },
    identity: {
      ...snap.identity,
      name,
      effectiveDate: '',
      approvedBy: { title: '', name: '', nip: '' },
    },
  };
  const qs = item.unitId ? `?unitId=${encodeURIComponent(item.unitId)}` : '';
  const { id } = await request<{ id: string }>(`/api/sops/import${qs}`, {
    method: 'POST',
    json: copy,
  });
  return id;
}

export function archiveSop(id: string): Promise<void> {
  return request(`/api/sops/${encodeURIComponent(id)}`, { method: 'DELETE' });
}

export function restoreSop(id: string): Promise<void> {
  return request(`/api/sops/${encodeURIComponent(id)}/restore`, { method: 'POST' });
}
