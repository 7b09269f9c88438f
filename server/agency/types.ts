/**
 * The agency's official records (issue 14), apart from the accounts store: the logo,
 * the SOP-number registry with its counters, and the verification codes of approved
 * versions. Memory, SQLite and PostgreSQL implementations pass one contract suite
 * (`test/unit/agency-contract.test.ts`). The editable profile (letterhead lines, default
 * *Disahkan oleh* title, numbering pattern) is a JSON value in the settings store.
 */

export type LogoMime = 'image/png' | 'image/svg+xml';

export interface StoredLogo {
  mime: LogoMime;
  data: Uint8Array;
  /** ISO timestamp of the upload (also the cache key of its URL). */
  updatedAt: string;
}

/** What a printed copy's short code proves: one approved version. */
export interface VerificationRecord {
  /** 8 characters of {@link CODE_ALPHABET}, stored without the dash. */
  code: string;
  sopId: string;
  versionId: string;
  /** 1 for the SOP's first approved version, 2 for the next, ... */
  version: number;
  sopNumber: string;
  sopName: string;
  approverName: string;
  approverTitle: string;
  approverNip: string;
  /** ISO timestamp of the approval. */
  approvedAt: string;
  /** YYYY-MM-DD. */
  effectiveDate: string;
  /** SHA-256 (hex) of the canonical JSON of the approved snapshot (see `verification.ts`). */
  sha256: string;
}

export type ClaimResult = 'ok' | 'taken';

export interface AgencyStore {
  getLogo(): Promise<StoredLogo | null>;
  setLogo(logo: StoredLogo): Promise<void>;
  deleteLogo(): Promise<void>;

  /**
   * The next value of the counter `scope` (1 for a new scope), incremented atomically in
   * the database: two processes asking at once get different values.
   */
  nextSeq(scope: string): Promise<number>;
  /**
   * Registers `number` as the SOP's (replacing the SOP's previous one), unless another SOP
   * holds it: `taken`, and nothing changes. Numbers compare by {@link numberKey}.
   */
  claimNumber(sopId: string, number: string): Promise<ClaimResult>;
  /** Frees the SOP's number (e.g. when its creation failed). */
  releaseNumber(sopId: string): Promise<void>;
  /** The SOP holding `number` (by {@link numberKey}), or null. */
  numberOwner(number: string): Promise<string | null>;

  /** Stores a verification; false when its code or (sopId, version) exists (nothing stored). */
  addVerification(v: VerificationRecord): Promise<boolean>;
  getVerification(code: string): Promise<VerificationRecord | null>;
  /** The SOP's verifications, oldest version first. */
  listVerifications(sopId: string): Promise<VerificationRecord[]>;
}

/**
 * The registry's key of an SOP number: trimmed, inner whitespace collapsed, upper case
 * ("sop / ars/2026/001" and "SOP / ARS/2026/001" are one number).
 */
export function numberKey(number: string): string {
  return number.trim().replace(/\s+/g, ' ').toUpperCase();
}
