import { api, query, seg } from '../admin/http';
import type { AuditPage } from '../admin/types';

/** `GET /api/sops/:id/history`: the SOP's audit entries, newest first; `before` pages back. */
export function getHistory(
  sopId: string,
  before: string | number | null,
  signal?: AbortSignal,
): Promise<AuditPage> {
  return api(`/api/sops/${seg(sopId)}/history${query({ before, limit: 50 })}`, {
    ...(signal ? { signal } : {}),
  });
}
