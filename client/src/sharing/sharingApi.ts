/** REST calls of the sharing dialog: access, members, unit settings, meeting links. */
import type { LinkRole, SopRole, UnitRole } from '@shared/access/permissions';
import { api, seg } from '../admin/http';

/** `GET /api/sops/:id/access`: what the current user may do on this SOP. */
export interface SopAccess {
  role: SopRole | null;
  can: {
    read: boolean;
    comment: boolean;
    edit: boolean;
    manage: boolean;
    review: boolean;
    verdict: boolean;
    version: boolean;
    export: boolean;
    approve: boolean;
    revise: boolean;
    revoke: boolean;
    createLink: boolean;
  };
  status: string;
  locked: boolean;
  unitId: string | null;
  unitRole: UnitRole;
}

export type AccessSource = 'member' | 'unit' | 'admin' | 'approver';

/** One person with access and where their (effective) role comes from. */
export interface SopMember {
  userId: string;
  name: string;
  email: string;
  title: string;
  role: SopRole;
  source: AccessSource;
}

export interface SopMembers {
  unitId: string | null;
  unitRole: UnitRole;
  members: SopMember[];
}

export interface MeetingLink {
  id: string;
  code: string;
  /** `<origin>/j/<code>` */
  url: string;
  role: LinkRole;
  expiresAt: string;
  createdAt: string;
}

const base = (sopId: string) => `/api/sops/${seg(sopId)}`;

export function getAccess(sopId: string, signal?: AbortSignal): Promise<SopAccess> {
  return api(`${base(sopId)}/access`, signal ? { signal } : {});
}

export function getMembers(sopId: string, signal?: AbortSignal): Promise<SopMembers> {
  return api(`${base(sopId)}/members`, signal ? { signal } : {});
}

export function setMemberRole(sopId: string, userId: string, role: SopRole): Promise<unknown> {
  return api(`${base(sopId)}/members/${seg(userId)}`, { method: 'PUT', json: { role } });
}

export function removeMember(sopId: string, userId: string): Promise<unknown> {
  return api(`${base(sopId)}/members/${seg(userId)}`, { method: 'DELETE' });
}

export function updateSettings(
  sopId: string,
  settings: { unitId?: string | null; unitRole?: UnitRole },
): Promise<unknown> {
  return api(`${base(sopId)}/settings`, { method: 'PATCH', json: settings });
}

export function listLinks(sopId: string, signal?: AbortSignal): Promise<MeetingLink[]> {
  return api(`${base(sopId)}/links`, signal ? { signal } : {});
}

/** Creates a meeting link; without `expiresAt` the server ends it at the end of today. */
export function createLink(
  sopId: string,
  body: { role: LinkRole; expiresAt?: string },
): Promise<MeetingLink> {
  return api(`${base(sopId)}/links`, { method: 'POST', json: body });
}

export function revokeLink(sopId: string, linkId: string): Promise<unknown> {
  return api(`${base(sopId)}/links/${seg(linkId)}`, { method: 'DELETE' });
}
