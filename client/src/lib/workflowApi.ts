/**
 * Access and workflow of one SOP through the server (issue 11): what the
 * signed-in person may do (`GET /access`), status changes, revision, approval
 * and its chain. The server enforces every rule; the browser only mirrors them.
 */

import type { SopRights, SopRole } from '@shared/access/permissions';
import type { ApprovalRecord } from '@shared/discussion/reviewApprovals';
import type { StepVerdict } from '@shared/discussion/types';
import type { SopStatus } from '@shared/model/types';
import { apiJson } from './commands';

/** The operations of `GET /api/sops/:id/access` → `can`. */
export type SopCan = Omit<SopRights, 'role'>;

/** `GET /api/sops/:id/access`. */
export interface SopAccess {
  role: SopRole | null;
  can: SopCan;
  status: SopStatus;
  locked: boolean;
  unitId: string | null;
  unitRole: string | null;
}

/** No right at all (before anything is known). */
export const NO_RIGHTS: SopCan = {
  read: false,
  export: false,
  comment: false,
  verdict: false,
  edit: false,
  review: false,
  version: false,
  manage: false,
  approve: false,
  revise: false,
  revoke: false,
  createLink: false,
};

const sopPath = (sopId: string) => `/api/sops/${encodeURIComponent(sopId)}`;

export function getAccess(sopId: string, signal?: AbortSignal): Promise<SopAccess> {
  return apiJson<SopAccess>(`${sopPath(sopId)}/access`, signal ? { signal } : {});
}

/** Plain status change: submit for review, send back to draft, revoke, supersede. */
export function setStatus(
  sopId: string,
  to: 'in_review' | 'draft' | 'revoked' | 'superseded',
): Promise<{ status: SopStatus }> {
  return apiJson(`${sopPath(sopId)}/status`, { json: { to } });
}

/** Starts a revision of an approved SOP (the server keeps the approved version). */
export function startRevision(sopId: string): Promise<{ status: SopStatus }> {
  return apiJson(`${sopPath(sopId)}/revision`, { json: {} });
}

/** One member of the unit's approval chain, in signing order. */
export interface ChainEntry {
  userId: string;
  name: string;
  title: string;
  state: 'signed' | 'returned' | 'next' | 'waiting';
  /** ISO time (or epoch ms) when signed / returned. */
  at: string | number | null;
  note: string | null;
}

/** A step holding open "needs change" verdicts (server's view). */
export interface ApprovalBlockerInfo {
  stepId: string;
  stepIndex: number;
  activity: string;
  verdicts: readonly StepVerdict[];
}

/** `GET /api/sops/:id/approval`. */
export interface ApprovalInfo {
  status: SopStatus;
  chain: ChainEntry[];
  blockers: ApprovalBlockerInfo[];
  canApprove: boolean;
  approvals: ApprovalRecord[];
  /** The last "send back with a note", while it is the latest word on this SOP. */
  lastReturn?: { userId: string; note: string; at: string | number } | null;
}

export function getApproval(sopId: string, signal?: AbortSignal): Promise<ApprovalInfo> {
  return apiJson<ApprovalInfo>(`${sopPath(sopId)}/approval`, signal ? { signal } : {});
}

/** `POST /api/sops/:id/approve` answer: approved, or signed with someone next in the chain. */
export interface ApproveResult {
  status: SopStatus;
  signed: { userId: string; at: string | number };
  next: null | { userId: string; name: string };
}

export function approveSop(
  sopId: string,
  input: { effectiveDate?: string; effectiveDateReason?: string; override?: { reason: string } },
): Promise<ApproveResult> {
  return apiJson(`${sopPath(sopId)}/approve`, { json: input });
}

/** Sends the SOP back to draft with a note (the chain member whose turn it is). */
export function returnApproval(sopId: string, note: string): Promise<unknown> {
  return apiJson(`${sopPath(sopId)}/approval/return`, { json: { note } });
}
