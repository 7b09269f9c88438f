/** Shapes of the administration API (`/api/users`, `/api/units`, `/api/agency`, `/api/audit`). */

/** One row of `GET /api/users`. Members get only `id, email, name, title, unitIds`. */
export interface DirectoryUser {
  id: string;
  email: string;
  name: string;
  title: string;
  unitIds: string[];
  nip?: string | null;
  isAdmin?: boolean;
  isApprover?: boolean;
  /** Unit ids, or `['*']` for every unit. */
  approverUnits?: string[];
  disabled?: boolean;
  createdAt?: string;
}

/** What an administrator sees of a user (every field present). */
export interface AdminUser extends DirectoryUser {
  nip: string | null;
  isAdmin: boolean;
  isApprover: boolean;
  approverUnits: string[];
  disabled: boolean;
  createdAt: string;
}

/** One row of `GET /api/units`. */
export interface Unit {
  id: string;
  name: string;
  memberIds: string[];
  /** Approver user ids in signing order. */
  chain: string[];
  sopCount: number;
}

/** Body of `POST /api/users`. */
export interface NewUser {
  email: string;
  name: string;
  password: string;
  title?: string;
  nip?: string;
  isAdmin?: boolean;
  isApprover?: boolean;
  approverUnits?: string[];
}

/** Body of `PATCH /api/users/:id`. */
export interface UserPatch {
  name?: string;
  title?: string;
  nip?: string | null;
  isAdmin?: boolean;
  isApprover?: boolean;
  approverUnits?: string[];
  disabled?: boolean;
  password?: string;
}

/** One audit (or SOP history) entry. `ip` is only there for administrators. */
export interface AuditItem {
  id: string | number;
  at: string;
  actor: { id: string; name: string } | null;
  action: string;
  sopId: string | null;
  target: string | null;
  detail: unknown;
  ip?: string | null;
}

/** A page of audit entries; pass `nextBefore` as `before` for the next (older) page. */
export interface AuditPage {
  items: AuditItem[];
  nextBefore: string | number | null;
}

export interface AuditFilter {
  action?: string;
  userId?: string;
  sopId?: string;
  /** ISO timestamps. */
  from?: string;
  to?: string;
}

/** True when `user` approves for `unitId` (an explicit unit or `'*'`). */
export function approvesFor(user: DirectoryUser, unitId: string): boolean {
  if (!user.isApprover) return false;
  const units = user.approverUnits ?? [];
  return units.includes('*') || units.includes(unitId);
}

/** The agency's logo as the server keeps it (issue 14). */
export interface AgencyLogo {
  /** Changes with every upload. */
  url: string;
  mime: 'image/png' | 'image/svg+xml';
  bytes: number;
  updatedAt: string;
}

/** `GET /api/agency`. */
export interface AgencyProfile {
  name: string;
  /** Letterhead (kop) lines, top to bottom. */
  lines: string[];
  /** Default *Disahkan oleh* title. */
  approverTitle: string;
  numbering: { pattern: string; prefix: string; unitCodes: Record<string, string> };
  logo: AgencyLogo | null;
  maxLogoBytes: number;
}

/** `PATCH /api/agency` (every field optional). */
export interface AgencyPatch {
  name?: string;
  lines?: string[];
  approverTitle?: string;
  numbering?: Partial<AgencyProfile['numbering']>;
}
