/** The catalogue's REST calls (issue 17): the paged SOP list, the dashboard, Word import. */
import type { SopStatus } from '@shared/model/types';
import { ApiError, apiRequest, notifyUnauthenticated, type SopListItem } from '../lib/api';

/** A catalogue row: the list item with the unit and the catalogue dates. */
export interface CatalogueItem extends SopListItem {
  unitId: string | null;
  effectiveDate: string;
  reviewDate: string;
}

export const SORTS = [
  'updatedAt',
  'name',
  'number',
  'status',
  'effectiveDate',
  'reviewDate',
  'createdAt',
] as const;
export type Sort = (typeof SORTS)[number];
export const STATUSES: SopStatus[] = ['draft', 'in_review', 'approved', 'revoked', 'superseded'];

/** What the list page asks for (empty strings: no filter). */
export interface CatalogueParams {
  q: string;
  status: SopStatus | '';
  unit: string;
  sort: Sort;
  order: 'asc' | 'desc';
  reviewBefore: string;
  offset: number;
  limit: number;
}

export function catalogueQuery(p: CatalogueParams): string {
  const qs = new URLSearchParams();
  if (p.q.trim()) qs.set('q', p.q.trim());
  if (p.status) qs.set('status', p.status);
  if (p.unit) qs.set('unit', p.unit);
  if (p.reviewBefore) {
    qs.set('reviewBefore', p.reviewBefore);
    qs.set('status', 'approved');
  }
  qs.set('sort', p.sort);
  qs.set('order', p.order);
  qs.set('limit', String(p.limit));
  if (p.offset > 0) qs.set('offset', String(p.offset));
  return qs.toString();
}

async function failure(res: Response): Promise<ApiError> {
  let code: string | undefined;
  let message = res.statusText;
  try {
    const body = (await res.json()) as { error?: { code?: string; message?: string } };
    code = body.error?.code;
    message = body.error?.message ?? message;
  } catch {
    // not JSON
  }
  if (res.status === 401) notifyUnauthenticated();
  return new ApiError(res.status, message, code ? { code } : {});
}

/** One page of the SOPs the caller may read, and how many match in all. */
export async function fetchCatalogue(
  p: CatalogueParams,
  signal?: AbortSignal,
): Promise<{ items: CatalogueItem[]; total: number }> {
  const res = await fetch(`/api/sops?${catalogueQuery(p)}`, {
    credentials: 'same-origin',
    headers: { Accept: 'application/json' },
    ...(signal ? { signal } : {}),
  });
  if (!res.ok) throw await failure(res);
  const items = (await res.json()) as CatalogueItem[];
  const total = Number(res.headers.get('X-Total-Count'));
  return { items, total: Number.isFinite(total) ? total : items.length };
}

export interface UnitCounts {
  unitId: string | null;
  name: string;
  total: number;
  byStatus: Record<SopStatus, number>;
  reviewOverdue: number;
  reviewSoon: number;
}

export interface CatalogueSummary {
  today: string;
  total: UnitCounts;
  units: UnitCounts[];
}

export function fetchSummary(signal?: AbortSignal): Promise<CatalogueSummary> {
  return apiRequest<CatalogueSummary>('/api/catalogue/summary', signal ? { signal } : {});
}

export interface UnitOption {
  id: string;
  name: string;
}

export function fetchUnits(signal?: AbortSignal): Promise<UnitOption[]> {
  return apiRequest<UnitOption[]>('/api/units', signal ? { signal } : {});
}

export interface ImportWarning {
  row: number | null;
  message: string;
}

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** Uploads a .docx; the new draft's id and what could not be read. */
export async function importDocx(file: Blob): Promise<{ id: string; warnings: ImportWarning[] }> {
  const res = await fetch('/api/sops/import', {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'Content-Type': DOCX, Accept: 'application/json' },
    body: file,
  });
  if (!res.ok) throw await failure(res);
  return (await res.json()) as { id: string; warnings: ImportWarning[] };
}
