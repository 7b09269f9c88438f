/** REST calls of the administration screens (issue 11, see notes/api-spec.md). */
import { api, query, responseError, seg } from './http';
import type {
  AdminUser,
  AgencyLogo,
  AgencyPatch,
  AgencyProfile,
  AuditFilter,
  AuditPage,
  DirectoryUser,
  NewUser,
  Unit,
  UserPatch,
} from './types';

/** The agency profile: name, letterhead, default approver title, numbering, logo. */
export function getAgency(signal?: AbortSignal): Promise<AgencyProfile> {
  return api('/api/agency', signal ? { signal } : {});
}

export function updateAgency(patch: AgencyPatch): Promise<AgencyProfile> {
  return api('/api/agency', { method: 'PATCH', json: patch });
}

/** Uploads the logo file as it is (PNG or SVG); the server checks and sanitises it. */
export async function uploadLogo(file: File): Promise<{ logo: AgencyLogo; stripped: string[] }> {
  const type = file.type || (file.name.toLowerCase().endsWith('.svg') ? 'image/svg+xml' : '');
  const res = await fetch('/api/agency/logo', {
    method: 'PUT',
    credentials: 'same-origin',
    headers: { Accept: 'application/json', 'Content-Type': type || 'application/octet-stream' },
    body: file,
  });
  if (!res.ok) throw await responseError(res);
  return (await res.json()) as { logo: AgencyLogo; stripped: string[] };
}

export function deleteLogo(): Promise<{ logo: null }> {
  return api('/api/agency/logo', { method: 'DELETE' });
}

/** Every user with all fields (administrators); members get a reduced directory. */
export function listUsers(signal?: AbortSignal): Promise<AdminUser[]> {
  return api('/api/users', signal ? { signal } : {});
}

/** The directory as any signed-in member sees it (sharing autocomplete). */
export function listDirectory(signal?: AbortSignal): Promise<DirectoryUser[]> {
  return api('/api/users', signal ? { signal } : {});
}

export function createUser(body: NewUser): Promise<{ id: string }> {
  return api('/api/users', { method: 'POST', json: body });
}

export function updateUser(id: string, patch: UserPatch): Promise<AdminUser> {
  return api(`/api/users/${seg(id)}`, { method: 'PATCH', json: patch });
}

export function listUnits(signal?: AbortSignal): Promise<Unit[]> {
  return api('/api/units', signal ? { signal } : {});
}

export function createUnit(name: string): Promise<{ id: string }> {
  return api('/api/units', { method: 'POST', json: { name } });
}

export function renameUnit(id: string, name: string): Promise<unknown> {
  return api(`/api/units/${seg(id)}`, { method: 'PATCH', json: { name } });
}

export function deleteUnit(id: string): Promise<unknown> {
  return api(`/api/units/${seg(id)}`, { method: 'DELETE' });
}

export function addUnitMember(unitId: string, userId: string): Promise<unknown> {
  return api(`/api/units/${seg(unitId)}/members/${seg(userId)}`, { method: 'PUT' });
}

export function removeUnitMember(unitId: string, userId: string): Promise<unknown> {
  return api(`/api/units/${seg(unitId)}/members/${seg(userId)}`, { method: 'DELETE' });
}

/** Replaces the unit's approval chain (approver ids in signing order; empty = any approver). */
export function setUnitChain(unitId: string, approvers: string[]): Promise<unknown> {
  return api(`/api/units/${seg(unitId)}/chain`, { method: 'PUT', json: { approvers } });
}

/** One page of the audit log, newest first; `before` pages to older entries. */
export function listAudit(
  filter: AuditFilter,
  before: string | number | null,
  limit: number,
  signal?: AbortSignal,
): Promise<AuditPage> {
  const qs = query({ ...filter, before, limit });
  return api(`/api/audit${qs}`, signal ? { signal } : {});
}

/** Unit membership changes that turn `before` into `after` (for one user). */
export async function syncUserUnits(
  userId: string,
  before: readonly string[],
  after: readonly string[],
): Promise<void> {
  for (const u of after) if (!before.includes(u)) await addUnitMember(u, userId);
  for (const u of before) if (!after.includes(u)) await removeUnitMember(u, userId);
}
