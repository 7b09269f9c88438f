/** Narrative sections of the bundled sample SOP (Bahasa Indonesia). */
import { paragraphs } from '../richText.js';
import type { NarrativeSection } from '../types.js';

export function sampleNarrative(): NarrativeSection[] {
  return [
    {
      key: 'purpose',
      content: paragraphs(
        'Prosedur ini menjadi pedoman bagi Dinas Perpustakaan dan Kearsipan dalam melindungi dan menyelamatkan arsip yang terancam rusak atau terdampak bencana, agar informasi dan nilai guna arsip tetap terjaga.',
      ),
    },
    {
      key: 'scope',
      content: paragraphs(
        'Prosedur ini berlaku untuk arsip dinamis dan arsip statis yang disimpan di lingkungan Dinas maupun yang dilaporkan oleh perangkat daerah, mulai dari penerimaan laporan sampai penyimpanan laporan hasil penyelamatan.',
      ),
    },
    {
      key: 'definitions',
      content: {
        type: 'doc',
        content: [
          {
            type: 'bulletList',
            content: [
              item(
                'Arsip vital',
                'arsip yang keberadaannya merupakan persyaratan dasar bagi kelangsungan operasional pencipta arsip.',
              ),
              item(
                'Penyelamatan arsip',
                'upaya menyelamatkan fisik dan informasi arsip dari ancaman kerusakan atau kehilangan.',
              ),
              item(
                'Alih media',
                'pemindahan informasi arsip dari satu media ke media lain, misalnya dari kertas ke bentuk digital.',
              ),
            ],
          },
          // The editor keeps a paragraph last (trailing-node rule): stored as it will be shown.
          { type: 'paragraph' },
        ],
      },
    },
    {
      key: 'notes',
      content: paragraphs(
        'Penanganan arsip basah harus dimulai paling lambat 48 jam setelah kejadian. Arsip vital didahulukan dalam evakuasi dan penanganan fisik.',
      ),
    },
  ];
}

function item(term: string, meaning: string) {
  return {
    type: 'listItem',
    content: [
      {
        type: 'paragraph',
        content: [
          { type: 'text', text: term, marks: [{ type: 'bold' }] },
          { type: 'text', text: `: ${meaning}` },
        ],
      },
    ],
  };
}
