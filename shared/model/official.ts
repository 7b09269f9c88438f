/**
 * What the official outputs (print view, PDF, Word) carry besides the SOP itself:
 * the agency's letterhead (kop) and logo, and, for an approved version, the
 * verification code printed as a QR code and a short code (public page `/v/<code>`).
 *
 * Served to the print view by `GET /api/sops/:id/official` and handed to the export
 * worker as `ExportJob.official`.
 */

/** The agency's letterhead, from the agency profile (administrators edit it). */
export interface Letterhead {
  /** Agency name, e.g. "Dinas Perpustakaan dan Kearsipan". */
  agencyName: string;
  /** The kop lines, top to bottom (e.g. "PEMERINTAH PROVINSI BANTEN", the agency, the address). */
  lines: string[];
  /** The logo, sanitised at upload; null: none set (outputs leave the logo cell empty, no dashed box). */
  logo: { mime: 'image/png' | 'image/svg+xml'; data: Uint8Array } | null;
}

/** The verification of an approved version, printed on its copies. */
export interface VerificationMark {
  /** Short code, e.g. "K7Q2-9MXD" (unambiguous letters and digits). */
  code: string;
  /** Absolute URL of the public verification page, `<origin>/v/<code>` (encoded in the QR). */
  url: string;
  /** Version number it verifies. */
  version: number;
}

/** Everything official an output carries beyond the SOP content. */
export interface OfficialExtras {
  letterhead: Letterhead | null;
  /** Null while the SOP is not approved (drafts carry no verification). */
  verification: VerificationMark | null;
}
