/**
 * Verifiable copies (issue 14): every approved version gets a short code, printed with a
 * QR code on its PDF, Word file and print, that opens the public page `/v/<code>`.
 *
 * "Approved content" is the canonical JSON of the approved snapshot (the `SopSnapshot`
 * stored with the version: object keys sorted, no whitespace, UTF-8); its SHA-256 is
 * what the page shows. Anyone holding that version's JSON (`GET
 * /api/sops/:id/versions/:versionId`, field `snapshot`) can recompute it.
 *
 * Version numbers count the SOP's approved versions, oldest first: 1, 2, ...
 */
import { createHash, randomInt } from 'node:crypto';
import type { SopSnapshot } from '../../shared/model/types.js';
import type { VersionStore } from '../versions/types.js';
import type { AgencyStore, VerificationRecord } from './types.js';

/** Letters and digits nobody misreads: no 0/O, 1/I/L, nor U (V). */
export const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTVWXYZ';
export const CODE_LENGTH = 8;

export function newCode(): string {
  let s = '';
  for (let i = 0; i < CODE_LENGTH; i++) s += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return s;
}

/** `K7Q29MXD` → `K7Q2-9MXD`. */
export function formatCode(code: string): string {
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

/** A typed or scanned code in stored form (upper case, no dash), or null when it cannot be one. */
export function normalizeCode(input: string): string | null {
  const c = input.toUpperCase().replace(/[\s-]/g, '');
  if (c.length !== CODE_LENGTH) return null;
  for (const ch of c) if (!CODE_ALPHABET.includes(ch)) return null;
  return c;
}

/** JSON with object keys sorted at every level (arrays keep their order). */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(',')}}`;
}

/** SHA-256 (hex) of the approved content: the canonical JSON of the approved snapshot. */
export function approvedContentSha(snapshot: SopSnapshot): string {
  return createHash('sha256').update(canonicalJson(snapshot), 'utf8').digest('hex');
}

export class Verifications {
  constructor(
    private readonly store: AgencyStore,
    private readonly versions: VersionStore,
  ) {}

  /**
   * The verification of an approved version (created once; a second call, even a
   * concurrent one, returns the stored one).
   */
  async record(v: {
    sopId: string;
    versionId: string;
    snapshot: SopSnapshot;
    approvedAt: string;
  }): Promise<VerificationRecord> {
    const existing = (await this.store.listVerifications(v.sopId)).find(
      (x) => x.versionId === v.versionId,
    );
    if (existing) return existing;
    const approved = (await this.versions.list(v.sopId))
      .filter((m) => m.kind === 'approved')
      .reverse();
    const index = approved.findIndex((m) => m.id === v.versionId);
    const version = index >= 0 ? index + 1 : approved.length + 1;
    const id = v.snapshot.identity;
    for (let attempt = 0; attempt < 8; attempt++) {
      const rec: VerificationRecord = {
        code: newCode(),
        sopId: v.sopId,
        versionId: v.versionId,
        version,
        sopNumber: id.number,
        sopName: id.name,
        approverName: id.approvedBy.name,
        approverTitle: id.approvedBy.title,
        approverNip: id.approvedBy.nip,
        approvedAt: v.approvedAt,
        effectiveDate: id.effectiveDate,
        sha256: approvedContentSha(v.snapshot),
      };
      if (await this.store.addVerification(rec)) return rec;
      // Refused: this version was recorded meanwhile, or (rarely) the code exists.
      const mine = (await this.store.listVerifications(v.sopId)).find(
        (x) => x.versionId === v.versionId,
      );
      if (mine) return mine;
    }
    throw new Error('could not allocate a verification code');
  }

  /**
   * The verification of the SOP's latest approved version, recorded now when that version
   * predates verification codes; null when the SOP has no approved version.
   */
  async latest(sopId: string): Promise<VerificationRecord | null> {
    const metas = await this.versions.list(sopId);
    const last = metas.find((m) => m.kind === 'approved');
    if (!last) return null;
    const known = (await this.store.listVerifications(sopId)).find((x) => x.versionId === last.id);
    if (known) return known;
    const full = await this.versions.get(sopId, last.id);
    if (!full) return null;
    return this.record({
      sopId,
      versionId: last.id,
      snapshot: full.snapshot,
      approvedAt: last.createdAt,
    });
  }

  get(code: string): Promise<VerificationRecord | null> {
    return this.store.getVerification(code);
  }

  list(sopId: string): Promise<VerificationRecord[]> {
    return this.store.listVerifications(sopId);
  }
}
