/**
 * Word files for the .docx import tests (issue 17), built with the `docx` library: a
 * hand-made SOP as offices type it (identity table, a procedure table with a check mark
 * in the pelaksana column), a Word file that is no SOP.
 */
import {
  Document,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  VerticalMergeType,
  WidthType,
} from 'docx';
import type { SopSnapshot } from '../../shared/model/types.js';

const c = (
  text: string,
  opts: { span?: number; merge?: 'restart' | 'continue'; bold?: boolean } = {},
) =>
  new TableCell({
    ...(opts.span ? { columnSpan: opts.span } : {}),
    ...(opts.merge
      ? {
          verticalMerge:
            opts.merge === 'restart' ? VerticalMergeType.RESTART : VerticalMergeType.CONTINUE,
        }
      : {}),
    children: text
      .split('\n')
      .map(
        (line) =>
          new Paragraph({ children: [new TextRun({ text: line, bold: opts.bold ?? false })] }),
      ),
  });

/** The steps of the hand-made SOP: pelaksana marked with "✓" (index into PELAKSANA). */
export const PELAKSANA = ['Pengadministrasi Umum', 'Kepala Subbagian Umum', 'Sekretaris'];
export const HAND_STEPS: Array<{
  activity: string;
  lane: number | null;
  requirements: string;
  time: string;
  output: string;
  notes: string;
}> = [
  {
    activity: 'Menerima surat masuk',
    lane: 0,
    requirements: 'Surat masuk',
    time: '5 menit',
    output: 'Surat diterima',
    notes: '',
  },
  {
    activity: 'Mencatat surat dalam agenda',
    lane: 0,
    requirements: 'Buku agenda',
    time: '10 Menit',
    output: 'Surat tercatat',
    notes: '',
  },
  {
    activity: 'Apakah surat perlu disposisi?',
    lane: 1,
    requirements: 'Surat, lembar disposisi',
    time: '1 jam',
    output: 'Keputusan',
    notes: 'Ya: ke langkah 4; Tidak: ke langkah 5',
  },
  {
    activity: 'Memberi disposisi',
    lane: 2,
    requirements: 'Lembar disposisi',
    time: '1,5 jam',
    output: 'Disposisi',
    notes: '',
  },
  {
    activity: 'Mengarsipkan surat',
    lane: null,
    requirements: 'Map arsip',
    time: 'segera',
    output: 'Surat diarsipkan',
    notes: 'Pelaksana belum ditentukan',
  },
  { activity: 'Selesai', lane: 0, requirements: '', time: '', output: '', notes: '' },
];

/** A hand-made Word SOP: two header rows, "✓" marks, an identity table above. */
export async function handMadeSopDocx(): Promise<Buffer> {
  const identity = new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      ['Nomor SOP', '800/UMUM/2026/07'],
      ['Tanggal Pembuatan', '2 Februari 2026'],
      ['Tanggal Efektif', '01-03-2026'],
      ['Disahkan oleh', 'Sekretaris Dinas\n\nDrs. Budi Santoso\nNIP. 19700101 199503 1 001'],
      ['Nama SOP', 'Pengelolaan Surat Masuk'],
    ].map(([a, b]) => new TableRow({ children: [c(a!, { bold: true }), c(b!)] })),
  });
  const header1 = new TableRow({
    tableHeader: true,
    children: [
      c('No', { merge: 'restart' }),
      c('Kegiatan', { merge: 'restart' }),
      c('Pelaksana', { span: PELAKSANA.length }),
      c('Mutu Baku', { span: 3 }),
      c('Keterangan', { merge: 'restart' }),
    ],
  });
  const header2 = new TableRow({
    tableHeader: true,
    children: [
      c('', { merge: 'continue' }),
      c('', { merge: 'continue' }),
      ...PELAKSANA.map((p) => c(p)),
      c('Kelengkapan'),
      c('Waktu'),
      c('Output'),
      c('', { merge: 'continue' }),
    ],
  });
  const rows = HAND_STEPS.map(
    (s, i) =>
      new TableRow({
        children: [
          c(`${i + 1}.`),
          c(s.activity),
          ...PELAKSANA.map((_, lane) => c(lane === s.lane ? '✓' : '')),
          c(s.requirements),
          c(s.time),
          c(s.output),
          c(s.notes),
        ],
      }),
  );
  const procedure = new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [header1, header2, ...rows],
  });
  const doc = new Document({
    sections: [
      {
        children: [
          new Paragraph({
            children: [new TextRun({ text: 'STANDAR OPERASIONAL PROSEDUR', bold: true })],
          }),
          identity,
          new Paragraph({ children: [] }),
          new Paragraph({ children: [new TextRun({ text: 'PROSEDUR', bold: true })] }),
          procedure,
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}

/** A Word letter with a table that is not a procedure. */
export async function notAnSopDocx(): Promise<Buffer> {
  const doc = new Document({
    sections: [
      {
        children: [
          new Paragraph({ children: [new TextRun('Undangan rapat koordinasi')] }),
          new Table({
            rows: [
              new TableRow({ children: [c('Hari'), c('Senin')] }),
              new TableRow({ children: [c('Tempat'), c('Aula')] }),
            ],
          }),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}

/** Steps as comparable plain data: pelaksana by name, decision exits by position. */
export function plainSteps(s: SopSnapshot) {
  const actor = (id: string | null) => s.actors.find((a) => a.id === id)?.name ?? null;
  const at = (id: string | null) => (id === null ? null : s.steps.findIndex((x) => x.id === id));
  return s.steps.map((st) => ({
    kind: st.kind,
    actor: actor(st.actorId),
    activity: st.activity,
    requirements: st.requirements,
    time: st.time,
    output: st.output,
    notes: st.notes,
    yes: at(st.yes),
    no: at(st.no),
  }));
}
