/** The `verifications` row (SQLite and PostgreSQL share the columns). */
import type { VerificationRecord } from './types.js';

export interface VerificationRow {
  code: string;
  sop_id: string;
  version_id: string;
  version: number | string;
  sop_number: string;
  sop_name: string;
  approver_name: string;
  approver_title: string;
  approver_nip: string;
  approved_at: string;
  effective_date: string;
  sha256: string;
}

export const VERIFICATION_COLUMNS = [
  'code',
  'sop_id',
  'version_id',
  'version',
  'sop_number',
  'sop_name',
  'approver_name',
  'approver_title',
  'approver_nip',
  'approved_at',
  'effective_date',
  'sha256',
] as const;

export function rowToVerification(r: VerificationRow): VerificationRecord {
  return {
    code: r.code,
    sopId: r.sop_id,
    versionId: r.version_id,
    version: Number(r.version),
    sopNumber: r.sop_number,
    sopName: r.sop_name,
    approverName: r.approver_name,
    approverTitle: r.approver_title,
    approverNip: r.approver_nip,
    approvedAt: r.approved_at,
    effectiveDate: r.effective_date,
    sha256: r.sha256,
  };
}

export function verificationToRow(v: VerificationRecord): VerificationRow {
  return {
    code: v.code,
    sop_id: v.sopId,
    version_id: v.versionId,
    version: v.version,
    sop_number: v.sopNumber,
    sop_name: v.sopName,
    approver_name: v.approverName,
    approver_title: v.approverTitle,
    approver_nip: v.approverNip,
    approved_at: v.approvedAt,
    effective_date: v.effectiveDate,
    sha256: v.sha256,
  };
}
