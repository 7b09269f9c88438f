import { labelsId } from '@shared/flowchart/labels';

/**
 * Bahasa Indonesia strings of the 'output' namespace (flowchart, print view,
 * exports). `doc` holds the words printed on the SOP AP document itself, shared
 * with the PDF and Word exports (shared/flowchart/labels.ts).
 */
export default {
  flowchart: {
    title: 'Diagram alir',
    empty: 'Belum ada langkah.',
    symbol: 'Langkah {{n}}: {{text}}',
  },
  print: {
    loading: 'Memuat SOP…',
    notFound: 'SOP tidak ditemukan.',
    error: 'Gagal memuat SOP.',
    print: 'Cetak',
    back: 'Kembali ke editor',
    parts: 'Bagian yang dicetak',
    identity: 'Identitas',
    procedure: 'Prosedur (diagram alir)',
    forms: 'Formulir monitoring & evaluasi',
    downloadPdf: 'Unduh PDF',
    downloadDocx: 'Unduh Word',
    warningsTitle_one: '{{count}} catatan validasi — dokumen tetap dapat dicetak',
    warningsTitle_other: '{{count}} catatan validasi — dokumen tetap dapat dicetak',
    noWarnings: 'Tidak ada masalah validasi.',
    procedurePage: 'Halaman prosedur {{n}}',
    checkbox: 'kotak centang',
  },
  doc: labelsId,
};
