import type { SopStatus, TemplateId } from '../../../shared/model/types';

/** One row of `GET /api/sops`. */
export interface SopListItem {
  id: string;
  name: string;
  number: string;
  status: SopStatus;
  updatedAt: string;
  stepCount: number;
}

/** Error from the REST API, carrying the HTTP status. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

async function request<T>(path: string, init?: RequestInit): Promise<T> {
  const res = await fetch(path, {
    ...init,
    headers: {
      Accept: 'application/json',
      ...(init?.body ? { 'Content-Type': 'application/json' } : {}),
    },
  });
  if (!res.ok) {
    let message = res.statusText;
    try {
      const body = (await res.json()) as { error?: { message?: string } };
      message = body.error?.message ?? message;
    } catch {
      // non-JSON error body: keep the status text
    }
    throw new ApiError(res.status, message);
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export function listSops(q: string, signal?: AbortSignal): Promise<SopListItem[]> {
  const qs = q.trim() ? `?q=${encodeURIComponent(q.trim())}` : '';
  return request<SopListItem[]>(`/api/sops${qs}`, signal ? { signal } : undefined);
}

export function createSopRequest(template: TemplateId, name?: string): Promise<{ id: string }> {
  return request('/api/sops', {
    method: 'POST',
    body: JSON.stringify(name ? { template, name } : { template }),
  });
}

export function archiveSop(id: string): Promise<void> {
  return request(`/api/sops/${encodeURIComponent(id)}`, { method: 'DELETE' });
}

export function restoreSop(id: string): Promise<void> {
  return request(`/api/sops/${encodeURIComponent(id)}/restore`, { method: 'POST' });
}
