/** Who is making a request or holding a socket, as established by the server. */
import type { PublicUser } from '../../shared/access/user.js';
import type { LinkRecord, TokenRecord, UserRecord } from './types.js';

export type { PublicUser };

export interface Principal {
  user: UserRecord;
  /** How they authenticated. */
  via: 'session' | 'token';
  /** The session (cookie) they came with; null for tokens. */
  sessionHash: string | null;
  /** The API token (its caps apply); null for sessions. */
  token: TokenRecord | null;
  /** Guests: the meeting link that gives them their one role on one SOP. */
  link: LinkRecord | null;
}

/** Where a request came from (audit log, limits). */
export interface RequestContext {
  ip: string;
  userAgent: string;
}

export function publicUser(
  u: UserRecord,
  units: Array<{ id: string; name: string }>,
  link: LinkRecord | null,
): PublicUser {
  return {
    id: u.id,
    kind: u.kind,
    email: u.email,
    nip: u.nip,
    name: u.name,
    title: u.title,
    isAdmin: u.isAdmin,
    isApprover: u.isApprover,
    approverUnits: u.approverUnits,
    units,
    guest: link ? { sopId: link.sopId, role: link.role, linkId: link.id } : null,
  };
}
