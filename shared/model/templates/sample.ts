/**
 * Bundled sample: "Perlindungan dan Penyelamatan Arsip" of a (fictional)
 * provincial Dinas Perpustakaan dan Kearsipan. Written for Susun; it does not
 * reproduce any real agency's SOP. Shown on a fresh database.
 */

import { SCHEMA_VERSION, type SopSnapshot, type Step, type TimeUnit } from '../types.js';
import { sampleNarrative } from './sampleNarrative.js';

const KADIS = 'a_kadis';
const KABID = 'a_kabid';
const ARSIPARIS = 'a_arsiparis';
const PENGELOLA = 'a_pengelola';

type Row = [
  id: string,
  kind: Step['kind'],
  actorId: string,
  activity: string,
  requirements: string,
  time: [number, TimeUnit],
  output: string,
  notes?: string,
  yes?: string,
  no?: string,
];

const ROWS: Row[] = [
  [
    's01',
    'terminator',
    PENGELOLA,
    'Menerima laporan adanya arsip yang terancam rusak atau terdampak bencana (banjir, kebakaran, rayap, jamur)',
    'Laporan kejadian dari unit kerja atau masyarakat',
    [30, 'minute'],
    'Laporan kejadian diterima',
  ],
  [
    's02',
    'process',
    PENGELOLA,
    'Mencatat laporan dalam register kejadian dan meneruskannya kepada Kepala Bidang Kearsipan',
    'Register kejadian, formulir laporan',
    [15, 'minute'],
    'Laporan tercatat dan nota dinas',
  ],
  [
    's03',
    'process',
    KABID,
    'Menelaah laporan dan menugaskan tim arsiparis untuk melakukan identifikasi di lokasi',
    'Nota dinas, laporan kejadian',
    [1, 'hour'],
    'Surat tugas tim penyelamatan',
  ],
  [
    's04',
    'process',
    ARSIPARIS,
    'Mengidentifikasi jenis, media, volume dan tingkat kerusakan arsip di lokasi serta mendokumentasikannya',
    'Surat tugas, formulir identifikasi kerusakan, alat pelindung diri, kamera',
    [1, 'day'],
    'Berita acara identifikasi kerusakan arsip',
  ],
  [
    's05',
    'decision',
    KABID,
    'Apakah penanganan dapat dilakukan oleh tim internal Dinas?',
    'Berita acara identifikasi kerusakan arsip',
    [2, 'hour'],
    'Keputusan cara penanganan',
    'Ya: lanjut ke evakuasi. Tidak: minta bantuan ANRI atau pihak ketiga',
    's07',
    's06',
  ],
  [
    's06',
    'process',
    KADIS,
    'Menandatangani surat permohonan bantuan penyelamatan arsip kepada ANRI atau pihak ketiga',
    'Konsep surat permohonan, berita acara identifikasi',
    [1, 'day'],
    'Surat permohonan bantuan',
  ],
  [
    's07',
    'process',
    ARSIPARIS,
    'Mengevakuasi arsip ke tempat yang aman dan memisahkannya menurut tingkat kerusakan',
    'Boks evakuasi, kendaraan operasional, daftar arsip',
    [4, 'hour'],
    'Arsip terevakuasi dan terpilah',
    'Arsip vital didahulukan',
  ],
  [
    's08',
    'process',
    ARSIPARIS,
    'Menangani fisik arsip: pengeringan, pembersihan jamur dan debu, serta fumigasi bila diperlukan',
    'Kertas penyerap, kipas angin, dehumidifier, bahan fumigasi',
    [3, 'day'],
    'Arsip kering dan bersih',
    'Arsip basah ditangani paling lambat 48 jam',
  ],
  [
    's09',
    'process',
    PENGELOLA,
    'Menata kembali arsip ke dalam folder dan boks bebas asam serta memperbarui daftar arsip',
    'Folder dan boks bebas asam, daftar arsip',
    [1, 'day'],
    'Daftar arsip yang diselamatkan',
  ],
  [
    's10',
    'decision',
    ARSIPARIS,
    'Apakah informasi arsip masih utuh dan terbaca?',
    'Arsip hasil penanganan fisik',
    [2, 'hour'],
    'Hasil pemeriksaan keterbacaan',
    undefined,
    's12',
    's11',
  ],
  [
    's11',
    'process',
    ARSIPARIS,
    'Melakukan alih media (pemindaian) dan autentikasi hasil alih media arsip yang rusak',
    'Pemindai, komputer, berita acara alih media',
    [2, 'day'],
    'Arsip hasil alih media dan berita acara',
  ],
  [
    's12',
    'process',
    ARSIPARIS,
    'Menyusun laporan hasil perlindungan dan penyelamatan arsip',
    'Berita acara identifikasi, daftar arsip, dokumentasi',
    [1, 'day'],
    'Konsep laporan',
  ],
  [
    's13',
    'decision',
    KABID,
    'Memeriksa laporan: apakah laporan sudah lengkap dan benar?',
    'Konsep laporan',
    [2, 'hour'],
    'Laporan diparaf',
    'Tidak: dikembalikan kepada arsiparis untuk diperbaiki',
    's14',
    's12',
  ],
  [
    's14',
    'process',
    KADIS,
    'Menandatangani laporan hasil perlindungan dan penyelamatan arsip',
    'Laporan yang telah diparaf',
    [1, 'hour'],
    'Laporan yang ditandatangani',
  ],
  [
    's15',
    'terminator',
    PENGELOLA,
    'Menyimpan laporan dan menyampaikan tembusan kepada ANRI dan Sekretaris Daerah',
    'Laporan yang ditandatangani, buku ekspedisi',
    [30, 'minute'],
    'Laporan tersimpan dan tembusan terkirim',
  ],
];

/** The sample SOP as a snapshot (fixed ids `a_*`, `s01`…`s15`). */
export function sampleSop(): SopSnapshot {
  return {
    meta: {
      schemaVersion: SCHEMA_VERSION,
      template: 'sample',
      status: 'draft',
      createdAt: '',
      updatedAt: '',
    },
    identity: {
      number: 'SOP/DPK/2026/014',
      name: 'Perlindungan dan Penyelamatan Arsip',
      agency: 'Dinas Perpustakaan dan Kearsipan Provinsi Nusa Mandiri',
      unit: 'Bidang Kearsipan',
      createdDate: '2026-01-12',
      revisedDate: '2026-03-02',
      effectiveDate: '2026-03-16',
      approvedBy: {
        title: 'Kepala Dinas Perpustakaan dan Kearsipan',
        name: 'Dr. Siti Rahmawati, S.Sos., M.Si.',
        nip: '19720815 199803 2 004',
      },
      legalBasis: [
        'Undang-Undang Nomor 43 Tahun 2009 tentang Kearsipan',
        'Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah',
        'Peraturan Pemerintah Nomor 28 Tahun 2012 tentang Pelaksanaan Undang-Undang Nomor 43 Tahun 2009 tentang Kearsipan',
        'Peraturan Menteri PAN dan RB Nomor 35 Tahun 2012 tentang Pedoman Penyusunan Standar Operasional Prosedur Administrasi Pemerintahan',
        'Peraturan Kepala ANRI Nomor 6 Tahun 2005 tentang Pedoman Perlindungan, Pengamanan dan Penyelamatan Dokumen/Arsip Vital Negara',
        'Peraturan Gubernur Nusa Mandiri Nomor 12 Tahun 2025 tentang Kedudukan, Susunan Organisasi, Tugas dan Fungsi serta Tata Kerja Dinas Perpustakaan dan Kearsipan',
      ],
      executorQualifications: [
        'Memahami peraturan perundang-undangan di bidang kearsipan',
        'Memiliki kompetensi arsiparis di bidang preservasi dan restorasi arsip',
        'Mampu mengidentifikasi jenis dan tingkat kerusakan arsip',
        'Mampu mengoperasikan peralatan pengeringan dan alih media arsip',
        'Memahami keselamatan dan kesehatan kerja (K3) dalam penanganan bencana',
      ],
      relatedSops: [
        { type: 'prerequisite', text: 'SOP/DPK/2026/009 Identifikasi dan Pendataan Arsip Vital' },
        { type: 'follow-on', text: 'SOP/DPK/2026/015 Alih Media Arsip' },
        { type: 'related', text: 'SOP/DPK/2026/011 Pemeliharaan Arsip di Depot' },
        { type: 'part-of', text: 'SOP/DPK/2026/001 Penyelenggaraan Kearsipan Daerah' },
      ],
      equipment: [
        'Formulir laporan kejadian dan formulir identifikasi kerusakan arsip',
        'Alat pelindung diri (masker, sarung tangan, jas laboratorium)',
        'Kertas penyerap, kipas angin dan dehumidifier',
        'Folder dan boks arsip bebas asam',
        'Pemindai (scanner) dan komputer untuk alih media',
        'Kendaraan operasional untuk evakuasi',
      ],
      warnings: [
        'Apabila SOP ini tidak dilaksanakan, arsip vital dan arsip permanen dapat rusak atau hilang sehingga bukti pertanggungjawaban tidak dapat diselamatkan',
        'Arsip basah yang tidak ditangani dalam 48 jam berisiko ditumbuhi jamur',
        'Penanganan arsip tanpa alat pelindung diri membahayakan kesehatan petugas',
      ],
      records: [
        'Register laporan kejadian (manual dan elektronik)',
        'Berita acara identifikasi kerusakan arsip',
        'Daftar arsip yang diselamatkan',
        'Laporan hasil perlindungan dan penyelamatan arsip (elektronik dan tercetak)',
      ],
    },
    actors: [
      { id: KADIS, name: 'Kepala Dinas' },
      { id: KABID, name: 'Kepala Bidang Kearsipan' },
      { id: ARSIPARIS, name: 'Arsiparis' },
      { id: PENGELOLA, name: 'Pengelola Arsip' },
    ],
    steps: ROWS.map(
      ([id, kind, actorId, activity, requirements, [amount, unit], output, notes, yes, no]) => ({
        id,
        kind,
        actorId,
        activity,
        requirements,
        time: { amount, unit },
        output,
        notes: notes ?? '',
        yes: yes ?? null,
        no: no ?? null,
      }),
    ),
    narrative: sampleNarrative(),
  };
}
