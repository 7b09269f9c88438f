import type { DiffSummary } from '@shared/model/diff';
import type { SopSnapshot } from '@shared/model/types';
import * as Y from 'yjs';

export type VersionKind = 'review' | 'approved' | 'manual' | 'auto' | 'pre-restore';

/** What changed since the previous version (`base`; null: the first version). */
export interface VersionChanges extends DiffSummary {
  base: string | null;
}

/** One row of `GET /api/sops/:id/versions`. */
export interface VersionListItem {
  id: string;
  label: string;
  kind: VersionKind;
  createdAt: string;
  createdBy: string | null;
  /** Null for versions stored before change summaries existed. */
  changes?: VersionChanges | null;
}

/** `GET /api/sops/:id/versions/:vid`. */
export interface VersionDetail extends VersionListItem {
  summary: unknown;
  snapshot: SopSnapshot;
}

/** An HTTP error of the versions API. */
export class VersionsApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

async function request<T>(url: string, init?: RequestInit): Promise<T> {
  const res = await fetch(url, {
    ...init,
    headers: {
      Accept: 'application/json',
      ...(init?.body ? { 'Content-Type': 'application/json' } : {}),
    },
  });
  if (!res.ok) {
    let code = 'http_error';
    let message = res.statusText;
    try {
      const body = (await res.json()) as { error?: { code?: string; message?: string } };
      code = body.error?.code ?? code;
      message = body.error?.message ?? message;
    } catch {
      // not JSON: keep the status text
    }
    throw new VersionsApiError(res.status, code, message);
  }
  return (await res.json()) as T;
}

const base = (sopId: string) => `/api/sops/${encodeURIComponent(sopId)}/versions`;

export function listVersions(sopId: string, signal?: AbortSignal): Promise<VersionListItem[]> {
  return request(base(sopId), signal ? { signal } : undefined);
}

export function getVersion(sopId: string, versionId: string): Promise<VersionDetail> {
  return request(`${base(sopId)}/${encodeURIComponent(versionId)}`);
}

function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s);
}

export interface SaveVersionInput {
  sopId: string;
  label: string;
  kind: VersionKind;
  createdBy?: string;
  summary?: unknown;
  /** The local content doc: the server must hold at least its state before snapshotting. */
  doc?: Y.Doc;
  /** Resolves once the server has confirmed storing this replica's changes. */
  waitSaved?: () => Promise<void>;
  /** Attempts on 409 not_synced (default 6). */
  attempts?: number;
}

/**
 * Asks the server to snapshot its current state as a version. With `doc`,
 * sends this replica's state vector as `atLeast`, so the version surely
 * contains what this user just did (e.g. the approval); while the server
 * answers 409 `not_synced`, waits for `waitSaved` (or backs off) and retries.
 */
export async function saveVersion(input: SaveVersionInput): Promise<VersionListItem> {
  const attempts = input.attempts ?? 6;
  for (let i = 0; ; i++) {
    if (input.waitSaved) await input.waitSaved();
    const body: Record<string, unknown> = { label: input.label, kind: input.kind };
    if (input.createdBy) body.createdBy = input.createdBy;
    if (input.summary !== undefined) body.summary = input.summary;
    if (input.doc) body.atLeast = toBase64(Y.encodeStateVector(input.doc));
    try {
      return await request<VersionListItem>(base(input.sopId), {
        method: 'POST',
        body: JSON.stringify(body),
      });
    } catch (e) {
      if (!(e instanceof VersionsApiError) || e.code !== 'not_synced' || i + 1 >= attempts) throw e;
      // Back off even when waitSaved resolves at once (the server may be mid-write).
      await new Promise((r) => setTimeout(r, 250 * 2 ** i));
    }
  }
}

/** `POST /api/sops/:id/versions/:vid/restore`: the version restored and the one kept from before. */
export function restoreVersion(
  sopId: string,
  versionId: string,
): Promise<{ restored: VersionListItem; preRestore: VersionListItem }> {
  return request(`${base(sopId)}/${encodeURIComponent(versionId)}/restore`, {
    method: 'POST',
    body: '{}',
  });
}
