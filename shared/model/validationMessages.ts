/**
 * Message catalogue for validation problems (Bahasa Indonesia + English),
 * shared by the UI badges and export warnings. `{param}` placeholders are
 * filled from `Problem.params` by `formatProblem`.
 */
import type { ModelError, ModelErrorCode } from './errors.js';
import type { Problem, ProblemCode } from './validate.js';

export type Locale = 'id' | 'en';

export const validationMessages: Readonly<Record<ProblemCode, { id: string; en: string }>> = {
  'missing-name': { id: 'Nama SOP belum diisi.', en: 'The SOP name is missing.' },
  'missing-identity-field': {
    id: 'Kolom {fieldLabel} belum diisi.',
    en: 'The {fieldLabel} field is empty.',
  },
  'invalid-date': {
    id: '{fieldLabel} bukan tanggal yang sah (TTTT-BB-HH).',
    en: '{fieldLabel} is not a valid date (YYYY-MM-DD).',
  },
  'no-actors': { id: 'Belum ada pelaksana.', en: 'No executors (pelaksana) yet.' },
  'no-steps': { id: 'Prosedur belum memiliki langkah.', en: 'The procedure has no steps.' },
  'step-no-actor': {
    id: 'Langkah {row} belum memiliki pelaksana.',
    en: 'Step {row} has no executor.',
  },
  'unknown-actor': {
    id: 'Pelaksana langkah {row} sudah tidak ada.',
    en: 'The executor of step {row} no longer exists.',
  },
  'empty-activity': {
    id: 'Kegiatan langkah {row} belum diisi.',
    en: 'Step {row} has no activity text.',
  },
  'non-positive-time': {
    id: 'Waktu langkah {row} harus lebih dari nol.',
    en: 'The time of step {row} must be greater than zero.',
  },
  'missing-time': { id: 'Waktu langkah {row} belum diisi.', en: 'Step {row} has no time.' },
  'decision-missing-target': {
    id: 'Keputusan pada langkah {row} belum memiliki tujuan "{branchLabel}".',
    en: 'The decision in step {row} has no "{branchLabel}" target.',
  },
  'dangling-target': {
    id: 'Tujuan "{branchLabel}" langkah {row} menunjuk langkah yang sudah dihapus.',
    en: 'The "{branchLabel}" target of step {row} points to a deleted step.',
  },
  'decision-target-self': {
    id: 'Tujuan "{branchLabel}" langkah {row} menunjuk dirinya sendiri.',
    en: 'The "{branchLabel}" target of step {row} points to itself.',
  },
  'decision-same-targets': {
    id: 'Tujuan Ya dan Tidak pada langkah {row} sama.',
    en: 'The Yes and No targets of step {row} are the same.',
  },
  'no-start-terminator': {
    id: 'Langkah pertama harus berupa simbol mulai (kapsul).',
    en: 'The first step must be a start terminator (capsule).',
  },
  'no-end-terminator': {
    id: 'Prosedur belum memiliki simbol selesai (kapsul).',
    en: 'The procedure has no end terminator (capsule).',
  },
  'actor-unused': {
    id: 'Pelaksana "{name}" tidak digunakan di langkah mana pun.',
    en: 'Executor "{name}" is not used by any step.',
  },
  'duplicate-actor-name': {
    id: 'Nama pelaksana "{name}" dipakai lebih dari sekali.',
    en: 'Executor name "{name}" is used more than once.',
  },
  'unreachable-step': {
    id: 'Langkah {row} tidak dapat dicapai dari langkah mulai.',
    en: 'Step {row} cannot be reached from the start.',
  },
  'related-sop-self': {
    id: 'Keterkaitan butir {index} menunjuk SOP ini sendiri.',
    en: 'Related-SOP item {index} links to this SOP itself.',
  },
};

/** Labels of identity fields used in messages. */
export const identityFieldLabels: Readonly<Record<string, { id: string; en: string }>> = {
  number: { id: 'Nomor SOP', en: 'SOP number' },
  name: { id: 'Nama SOP', en: 'SOP name' },
  agency: { id: 'Nama SKPD', en: 'Agency' },
  unit: { id: 'Unit Kerja', en: 'Unit' },
  createdDate: { id: 'Tanggal Pembuatan', en: 'Date created' },
  revisedDate: { id: 'Tanggal Revisi', en: 'Date revised' },
  effectiveDate: { id: 'Tanggal Efektif', en: 'Effective date' },
  approvedBy: { id: 'Disahkan oleh', en: 'Approved by' },
};

/** Titles of narrative sections by key. */
export const narrativeSectionTitles: Readonly<Record<string, { id: string; en: string }>> = {
  purpose: { id: 'Tujuan', en: 'Purpose' },
  scope: { id: 'Ruang Lingkup', en: 'Scope' },
  responsibilities: { id: 'Tanggung Jawab', en: 'Responsibilities' },
  definitions: { id: 'Definisi', en: 'Definitions' },
  procedure: { id: 'Uraian Prosedur', en: 'Procedure' },
  records: { id: 'Rekaman', en: 'Records' },
  references: { id: 'Referensi', en: 'References' },
  notes: { id: 'Catatan', en: 'Notes' },
};

const branchLabels = { yes: { id: 'Ya', en: 'Yes' }, no: { id: 'Tidak', en: 'No' } } as const;

/** The message for a problem in a locale, placeholders filled. */
export function formatProblem(p: Problem, locale: Locale): string {
  const params: Record<string, string | number> = { ...p.params };
  const field = p.location.field;
  if (field) params.fieldLabel = identityFieldLabels[field]?.[locale] ?? field;
  const branch = p.params.branch;
  if (branch === 'yes' || branch === 'no') params.branchLabel = branchLabels[branch][locale];
  return validationMessages[p.code][locale].replace(/\{(\w+)\}/g, (_, k: string) =>
    String(params[k] ?? `{${k}}`),
  );
}

/** Messages for refused operations (`ModelError.code`), `{count}` = number of steps involved. */
export const modelErrorMessages: Readonly<Record<ModelErrorCode, { id: string; en: string }>> = {
  'actor-in-use': {
    id: 'Pelaksana ini masih dipakai oleh {count} langkah. Pilih pelaksana pengganti terlebih dahulu.',
    en: 'This executor is still used by {count} step(s). Choose a replacement first.',
  },
  'unknown-actor': { id: 'Pelaksana tidak ditemukan.', en: 'Executor not found.' },
  'unknown-step': { id: 'Langkah tidak ditemukan.', en: 'Step not found.' },
  'unknown-list-item': { id: 'Butir tidak ditemukan.', en: 'Item not found.' },
  'unknown-section': { id: 'Bagian tidak ditemukan.', en: 'Section not found.' },
  'not-a-decision': {
    id: 'Hanya langkah keputusan yang memiliki tujuan Ya/Tidak.',
    en: 'Only decision steps have Yes/No targets.',
  },
  'decision-target-self': {
    id: 'Keputusan tidak boleh menunjuk dirinya sendiri.',
    en: 'A decision cannot point to itself.',
  },
  'schema-too-new': {
    id: 'Dokumen ini dibuat oleh versi Susun yang lebih baru.',
    en: 'This document was made by a newer version of Susun.',
  },
  'invalid-snapshot': { id: 'Berkas impor tidak sah.', en: 'The imported file is not valid.' },
};

/** The message for a refused operation in a locale. */
export function formatModelError(e: ModelError, locale: Locale): string {
  const stepIds = e.details.stepIds;
  const count = Array.isArray(stepIds) ? stepIds.length : 0;
  return modelErrorMessages[e.code][locale].replace('{count}', String(count));
}
