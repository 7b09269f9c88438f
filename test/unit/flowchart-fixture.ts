/**
 * A self-contained sample SOP for output tests, used until/besides the model's
 * bundled sample: 12 steps, 4 pelaksana, one decision whose Tidak loops back.
 */

import type { SopSnapshot, Step, StepKind, TimeUnit } from '../../shared/model/types';

function step(
  id: string,
  kind: StepKind,
  actorId: string,
  activity: string,
  extra: Partial<Step> & { amount?: number; unit?: TimeUnit } = {},
): Step {
  const { amount = 15, unit = 'minute', ...rest } = extra;
  return {
    id,
    kind,
    actorId,
    activity,
    requirements: '',
    time: { amount, unit },
    output: '',
    notes: '',
    yes: null,
    no: null,
    ...rest,
  };
}

export function fixtureSnapshot(): SopSnapshot {
  return {
    meta: {
      schemaVersion: 1,
      template: 'sample',
      status: 'draft',
      createdAt: '2026-11-01T00:00:00.000Z',
      updatedAt: '2026-11-02T00:00:00.000Z',
    },
    identity: {
      number: 'SOP/DPK-ARS/2026/014',
      name: 'SOP Perlindungan dan Penyelamatan Arsip',
      agency: 'Dinas Perpustakaan dan Kearsipan Provinsi',
      unit: 'Bidang Pengelolaan Arsip',
      createdDate: '2026-10-20',
      revisedDate: '2027-10-20',
      effectiveDate: '2026-11-01',
      approvedBy: {
        title: 'Kepala Dinas',
        name: 'Dra. Sri Wahyuni, M.Si.',
        nip: '196805121993032004',
      },
      legalBasis: ['Undang-Undang Nomor 43 Tahun 2009 tentang Kearsipan'],
      executorQualifications: ['Memahami tata kelola arsip vital'],
      relatedSops: [{ type: 'related', text: 'SOP Pemeliharaan Arsip' }],
      equipment: ['Formulir identifikasi arsip', 'Boks arsip'],
      warnings: ['Arsip vital dapat hilang atau rusak'],
      records: ['Daftar arsip vital (elektronik)'],
    },
    actors: [
      { id: 'a-kabid', name: 'Kepala Bidang' },
      { id: 'a-kasi', name: 'Kepala Seksi Pengelolaan' },
      { id: 'a-arsiparis', name: 'Arsiparis' },
      { id: 'a-pengelola', name: 'Pengelola Arsip' },
    ],
    steps: [
      step('s1', 'terminator', 'a-kabid', 'Menerima laporan potensi bencana atau kerusakan arsip'),
      step('s2', 'process', 'a-kasi', 'Menyusun rencana perlindungan arsip vital', {
        requirements: 'Daftar arsip vital',
        output: 'Rencana perlindungan',
        amount: 1,
        unit: 'day',
      }),
      step(
        's3',
        'process',
        'a-arsiparis',
        'Mengidentifikasi arsip yang terdampak dan tingkat kerusakannya',
        {
          requirements: 'Formulir identifikasi',
          output: 'Daftar arsip terdampak',
          amount: 2,
          unit: 'hour',
        },
      ),
      step('s4', 'decision', 'a-kasi', 'Memeriksa kelengkapan daftar arsip terdampak', {
        yes: 's5',
        no: 's3',
        output: 'Daftar terverifikasi',
      }),
      step(
        's5',
        'process',
        'a-pengelola',
        'Mengevakuasi arsip ke tempat penyimpanan sementara yang aman',
        {
          requirements: 'Boks arsip, kendaraan',
          output: 'Arsip terevakuasi',
          amount: 4,
          unit: 'hour',
        },
      ),
      step('s6', 'process', 'a-arsiparis', 'Melakukan pengeringan dan pembersihan arsip basah', {
        amount: 3,
        unit: 'day',
      }),
      step('s7', 'process', 'a-arsiparis', 'Melakukan fumigasi arsip yang terkontaminasi jamur'),
      step('s8', 'process', 'a-pengelola', 'Menata kembali arsip ke dalam boks dan rak'),
      step('s9', 'process', 'a-kasi', 'Menyusun laporan penyelamatan arsip', {
        output: 'Laporan penyelamatan',
        amount: 1,
        unit: 'day',
      }),
      step('s10', 'decision', 'a-kabid', 'Menyetujui laporan penyelamatan', {
        yes: 's11',
        no: 's9',
      }),
      step(
        's11',
        'process',
        'a-pengelola',
        'Mengarsipkan laporan dan memperbarui daftar arsip vital',
      ),
      step('s12', 'terminator', 'a-kabid', 'Selesai'),
    ],
    narrative: [],
  };
}
