/**
 * Fixed words printed on the SOP AP document (table headers, units, Ya/Tidak).
 * The client's 'output' i18n catalogues reuse these objects, so screen, PDF and
 * Word say the same thing.
 */

import type { RelatedSopType, TemplateId, TimeUnit } from '../model/types';
import { MONTH_NAMES } from './months';

/** Labels of the identity page (sop-format §1). */
export interface IdentityLabels {
  logo: string;
  /** Printed before the short code of a verifiable copy: "Kode verifikasi: K7Q2-9MXD". */
  verificationCode: string;
  number: string;
  createdDate: string;
  revisedDate: string;
  effectiveDate: string;
  approvedBy: string;
  nip: string;
  name: string;
  legalBasis: string;
  executorQualifications: string;
  relatedSops: string;
  equipment: string;
  warnings: string;
  records: string;
  relatedTypes: Record<RelatedSopType, string>;
  months: string[];
}

/** Labels of the monitoring and evaluation forms (sop-format §3). */
export interface FormLabels {
  monitoringTitle: string;
  evaluationTitle: string;
  sopName: string;
  sopNumber: string;
  unit: string;
  date: string;
  procedure: string;
  assessment: string;
  runsWell: string;
  runsBadly: string;
  resultNotes: string;
  actions: string;
  initials: string;
  criterion: string;
  yes: string;
  no: string;
  criteria: string[];
  notes: string;
  suggestions: string;
  evaluator: string;
}

export interface OutputLabels {
  no: string;
  activity: string;
  actors: string;
  qualityStandard: string;
  requirements: string;
  time: string;
  output: string;
  notes: string;
  yes: string;
  /** Decision exit "no" (Tidak). */
  exitNo: string;
  totalTime: string;
  page: string;
  of: string;
  units: Record<TimeUnit, string>;
  identity: IdentityLabels;
  forms: FormLabels;
}

export const labelsId: OutputLabels = {
  no: 'No',
  activity: 'Kegiatan',
  actors: 'Pelaksana',
  qualityStandard: 'Mutu Baku',
  requirements: 'Kelengkapan',
  time: 'Waktu',
  output: 'Output',
  notes: 'Keterangan',
  yes: 'Ya',
  exitNo: 'Tidak',
  totalTime: 'Jumlah waktu',
  page: 'Halaman',
  of: 'dari',
  units: {
    minute: 'menit',
    hour: 'jam',
    day: 'hari',
    week: 'minggu',
    month: 'bulan',
    year: 'tahun',
  },
  identity: {
    logo: 'LOGO',
    verificationCode: 'Kode verifikasi',
    number: 'Nomor SOP',
    createdDate: 'Tanggal Pembuatan',
    revisedDate: 'Tanggal Revisi',
    effectiveDate: 'Tanggal Efektif',
    approvedBy: 'Disahkan oleh',
    nip: 'NIP',
    name: 'Nama SOP',
    legalBasis: 'Dasar Hukum',
    executorQualifications: 'Kualifikasi Pelaksana',
    relatedSops: 'Keterkaitan',
    equipment: 'Peralatan/Perlengkapan',
    warnings: 'Peringatan',
    records: 'Pencatatan dan Pendataan',
    relatedTypes: {
      'follow-on': 'lanjutan',
      prerequisite: 'prasyarat',
      related: 'terkait',
      'part-of': 'bagian dari SOP makro',
    },
    months: [...MONTH_NAMES.id],
  },
  forms: {
    monitoringTitle: 'Formulir Monitoring Pelaksanaan SOP',
    evaluationTitle: 'Formulir Evaluasi Penerapan SOP',
    sopName: 'Nama SOP',
    sopNumber: 'Nomor SOP',
    unit: 'Unit Kerja',
    date: 'Tanggal',
    procedure: 'Prosedur',
    assessment: 'Penilaian terhadap Penerapan',
    runsWell: 'Berjalan dengan baik',
    runsBadly: 'Tidak berjalan dengan baik',
    resultNotes: 'Catatan Hasil Penilaian',
    actions: 'Tindakan yang Harus Diambil',
    initials: 'Paraf Penilai',
    criterion: 'Kriteria Penilaian',
    yes: 'Ya',
    no: 'Tidak',
    criteria: [
      'Mampu mendorong peningkatan kinerja',
      'Mudah dipahami',
      'Mudah dilaksanakan',
      'Semua orang dapat menjalankan perannya masing-masing',
      'Mampu mengatasi permasalahan yang berkaitan dengan proses',
      'Mampu menjawab kebutuhan peningkatan kinerja organisasi',
      'Sinergi satu dengan lainnya',
    ],
    notes: 'Catatan',
    suggestions: 'Saran perbaikan',
    evaluator: 'Penilai',
  },
};

export const labelsEn: OutputLabels = {
  no: 'No',
  activity: 'Activity',
  actors: 'Executors',
  qualityStandard: 'Quality standard',
  requirements: 'Requirements',
  time: 'Time',
  output: 'Output',
  notes: 'Notes',
  yes: 'Yes',
  exitNo: 'No',
  totalTime: 'Total time',
  page: 'Page',
  of: 'of',
  units: {
    minute: 'minutes',
    hour: 'hours',
    day: 'days',
    week: 'weeks',
    month: 'months',
    year: 'years',
  },
  identity: {
    logo: 'LOGO',
    verificationCode: 'Verification code',
    number: 'SOP number',
    createdDate: 'Date drafted',
    revisedDate: 'Date revised',
    effectiveDate: 'Effective date',
    approvedBy: 'Approved by',
    nip: 'NIP',
    name: 'SOP name',
    legalBasis: 'Legal basis',
    executorQualifications: 'Executor qualifications',
    relatedSops: 'Related SOPs',
    equipment: 'Equipment/supplies',
    warnings: 'Warnings',
    records: 'Records and data',
    relatedTypes: {
      'follow-on': 'follow-on',
      prerequisite: 'prerequisite',
      related: 'related',
      'part-of': 'part of macro SOP',
    },
    months: [...MONTH_NAMES.en],
  },
  forms: {
    monitoringTitle: 'SOP Implementation Monitoring Form',
    evaluationTitle: 'SOP Evaluation Form',
    sopName: 'SOP name',
    sopNumber: 'SOP number',
    unit: 'Unit',
    date: 'Date',
    procedure: 'Procedure',
    assessment: 'Assessment of implementation',
    runsWell: 'Runs well',
    runsBadly: 'Does not run well',
    resultNotes: 'Assessment notes',
    actions: 'Action to take',
    initials: "Assessor's initials",
    criterion: 'Criterion',
    yes: 'Yes',
    no: 'No',
    criteria: [
      'Drives better performance',
      'Easy to understand',
      'Easy to carry out',
      'Everyone can play their role',
      "Solves the process's problems",
      "Meets the organisation's performance needs",
      'Works in step with other SOPs',
    ],
    notes: 'Notes',
    suggestions: 'Suggestions for improvement',
    evaluator: 'Assessor',
  },
};

/**
 * Labels for a language code; Bahasa Indonesia unless English is asked for. For the
 * screen only: printed documents use {@link documentLabels}.
 */
export function labelsFor(lang: string | undefined): OutputLabels {
  return lang?.startsWith('en') ? labelsEn : labelsId;
}

/**
 * Labels of a printed document (print view, PDF, Word) of an SOP made from `template`:
 * the official SOP AP words (Permenpan RB No. 35/2012) whatever the interface
 * language; English only for the international template, whose format is not SOP AP.
 */
export function documentLabels(template: TemplateId): OutputLabels {
  return template === 'international' ? labelsEn : labelsId;
}

/** "2026-10-20" → "20 Oktober 2026"; other strings are returned unchanged. */
export function formatDate(iso: string, labels: OutputLabels): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso.trim());
  if (!m) return iso;
  const month = labels.identity.months[Number(m[2]) - 1];
  return month ? `${Number(m[3])} ${month} ${m[1]}` : iso;
}
