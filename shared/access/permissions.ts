/**
 * Who may do what: the one permission table, read by the server (which enforces it
 * on every REST call and socket message) and by the browser (which only mirrors it,
 * to hide what the user cannot do).
 *
 * Two layers:
 * - a per-SOP role (`owner > editor > commenter > viewer`), from an explicit share,
 *   the SOP's unit (members get the unit's default role), an agency role, or a
 *   meeting link (guests);
 * - agency-level rights (administrator; approver of given units) for approval,
 *   revocation and administration, see {@link sopRights}.
 */

export const SOP_ROLES = ['owner', 'editor', 'commenter', 'viewer'] as const;
export type SopRole = (typeof SOP_ROLES)[number];

/** Roles a unit's members can get by default on the unit's SOPs (`none`: no access). */
export const UNIT_ROLES = ['editor', 'commenter', 'viewer', 'none'] as const;
export type UnitRole = (typeof UNIT_ROLES)[number];

/** Roles a meeting link can carry (never owner). */
export const LINK_ROLES = ['editor', 'commenter', 'viewer'] as const;
export type LinkRole = (typeof LINK_ROLES)[number];

export function isSopRole(v: unknown): v is SopRole {
  return typeof v === 'string' && (SOP_ROLES as readonly string[]).includes(v);
}

const RANK: Readonly<Record<SopRole, number>> = { viewer: 1, commenter: 2, editor: 3, owner: 4 };

/** The higher of two roles (null = no access). */
export function maxRole(a: SopRole | null, b: SopRole | null): SopRole | null {
  if (a === null) return b;
  if (b === null) return a;
  return RANK[a] >= RANK[b] ? a : b;
}

/** The lower of two roles (null = no access). */
export function minRole(a: SopRole | null, b: SopRole | null): SopRole | null {
  if (a === null || b === null) return null;
  return RANK[a] <= RANK[b] ? a : b;
}

/** True when `role` is at least `least`. */
export function atLeast(role: SopRole | null, least: SopRole): boolean {
  return role !== null && RANK[role] >= RANK[least];
}

/** Operations on one SOP that the per-SOP role decides. */
export const SOP_OPS = [
  /** See the SOP, its discussion, versions, history; follow a review. */
  'read',
  /** Export PDF / Word / JSON. */
  'export',
  /** Write comments and replies, resolve and reopen threads. */
  'comment',
  /** Give verdicts in a review session. */
  'verdict',
  /** Change the content (identity, pelaksana, steps, narrative); submit for review. */
  'edit',
  /** Start, present and end review sessions. */
  'review',
  /** Store a named version. */
  'version',
  /** Share (members, unit default role), meeting links, archive and restore. */
  'manage',
] as const;
export type SopOp = (typeof SOP_OPS)[number];

/**
 * The table: the least role each operation needs. One row per operation, so the
 * whole policy reads at a glance (and `test/unit/access-permissions.test.ts`
 * checks every role × operation cell).
 */
export const LEAST_ROLE: Readonly<Record<SopOp, SopRole>> = {
  read: 'viewer',
  export: 'viewer',
  comment: 'commenter',
  verdict: 'commenter',
  edit: 'editor',
  review: 'editor',
  version: 'editor',
  manage: 'owner',
};

/** Whether `role` may perform `op` (null role: nothing). */
export function can(role: SopRole | null, op: SopOp): boolean {
  return atLeast(role, LEAST_ROLE[op]);
}

/** Statuses in which the content is frozen: nobody's content update is accepted. */
export function isLockedStatus(status: string): boolean {
  return status === 'approved' || status === 'revoked' || status === 'superseded';
}

/** What the browser mirrors for one SOP (`GET /api/sops/:id/access`). */
export interface SopRights {
  role: SopRole | null;
  read: boolean;
  export: boolean;
  comment: boolean;
  verdict: boolean;
  /** Content writes: the role allows it AND the SOP is not locked. */
  edit: boolean;
  review: boolean;
  version: boolean;
  manage: boolean;
  /** Approve (or sign in the chain): an approver of the SOP's unit. */
  approve: boolean;
  /** Start a revision of an approved SOP: owner, or approver of the unit. */
  revise: boolean;
  /** Revoke or supersede: approver of the unit. */
  revoke: boolean;
  /** Create meeting links: owner, or the presenter of the running review. */
  createLink: boolean;
}

export interface RightsInput {
  role: SopRole | null;
  status: string;
  /** The caller is an approver for the SOP's unit (agency role). */
  unitApprover: boolean;
  /** The caller presents the running review session. */
  presenter?: boolean;
}

/** Every right of one caller on one SOP, from its role, the status and agency roles. */
export function sopRights(input: RightsInput): SopRights {
  const { role, status, unitApprover } = input;
  const locked = isLockedStatus(status);
  return {
    role,
    read: can(role, 'read'),
    export: can(role, 'export'),
    comment: can(role, 'comment'),
    verdict: can(role, 'verdict'),
    edit: can(role, 'edit') && !locked,
    review: can(role, 'review') && !locked,
    version: can(role, 'version'),
    manage: can(role, 'manage'),
    approve: unitApprover && (status === 'draft' || status === 'in_review'),
    revise: status === 'approved' && (can(role, 'manage') || unitApprover),
    revoke: status === 'approved' && unitApprover,
    createLink: can(role, 'manage') || (!!input.presenter && can(role, 'review')),
  };
}
