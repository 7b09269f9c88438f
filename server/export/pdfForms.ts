/// <reference types="pdfkit" />
/**
 * Monitoring and evaluation forms (sop-format §3), prefilled with the SOP's
 * name and number, drawn with pdfkit on portrait A4 pages.
 */

import PDFDocument from 'pdfkit';
import type { OutputLabels } from '../../shared/flowchart/labels';
import {
  CRITERIA,
  type EvaluationRecord,
  type MonitoringRecord,
} from '../../shared/lifecycle/types';
import type { SopSnapshot } from '../../shared/model/types';
import { FONT, FONT_BOLD } from './pdfOps';
import { pdfText } from './pdfText';

const PAD = 4;
const SIZE = 8.5;
const MARGIN = 40;
const PORTRAIT = { width: 595.28, height: 841.89 };

type Doc = PDFKit.PDFDocument;

function cell(
  doc: Doc,
  x: number,
  y: number,
  w: number,
  h: number,
  raw = '',
  bold = false,
  center = false,
): void {
  doc.lineWidth(0.6).rect(x, y, w, h);
  if (bold) doc.fillAndStroke('#e8e8e8', '#000');
  else doc.stroke();
  doc.fillColor('#000');
  if (!raw) return;
  doc.font(bold ? FONT_BOLD : FONT).fontSize(SIZE);
  const text = pdfText(raw, w - 2 * PAD, SIZE, bold);
  const th = doc.heightOfString(text, { width: w - 2 * PAD });
  doc.text(text, x + PAD, y + Math.max(PAD / 2, (h - th) / 2), {
    width: w - 2 * PAD,
    align: center ? 'center' : 'left',
  });
}

/** A filled form's date as printed (DD-MM-YYYY). */
function printedDate(iso: string): string {
  const [y, m, d] = iso.slice(0, 10).split('-');
  return `${d}-${m}-${y}`;
}

/** ☑/☐ are not in the standard PDF fonts: a filled box is printed as "X". */
const CHECKED = 'X';

function heading(
  doc: Doc,
  title: string,
  snap: SopSnapshot,
  labels: OutputLabels,
  date?: string,
): number {
  const F = labels.forms;
  doc
    .font(FONT_BOLD)
    .fontSize(12)
    .text(title.toUpperCase(), MARGIN, MARGIN, {
      width: PORTRAIT.width - 2 * MARGIN,
      align: 'center',
    });
  let y = MARGIN + 28;
  const rows: Array<[string, string]> = [
    [F.sopName, snap.identity.name || '-'],
    [F.sopNumber, snap.identity.number || '-'],
    [F.unit, [snap.identity.unit, snap.identity.agency].filter(Boolean).join(', ') || '-'],
    [F.date, date ?? '.................................'],
  ];
  for (const [k, v] of rows) {
    doc.font(FONT).fontSize(9).text(k, MARGIN, y, { width: 90, lineBreak: false });
    const width = PORTRAIT.width - 2 * MARGIN - 90;
    doc.text(pdfText(`: ${v}`, width, 9), MARGIN + 90, y, { width });
    y = doc.y + 3;
  }
  return y + 8;
}

function newPage(doc: Doc): void {
  doc.addPage({ size: 'A4', layout: 'portrait', margin: 0 });
}

/**
 * Monitoring form: one row per procedure step, Penilaian split in two check columns;
 * with `record` (issue 17) the rows are the record's steps, filled with its entries.
 */
export function drawMonitoringForm(
  doc: Doc,
  snap: SopSnapshot,
  labels: OutputLabels,
  record?: MonitoringRecord,
): void {
  const F = labels.forms;
  newPage(doc);
  let y = heading(
    doc,
    F.monitoringTitle,
    snap,
    labels,
    record ? printedDate(record.closedAt ?? record.createdAt) : undefined,
  );
  const rows = record
    ? record.steps.map((s) => ({ id: s.stepId, activity: s.activity }))
    : snap.steps.map((s) => ({ id: s.id, activity: s.activity }));
  const widths = [24, 140, 52, 52, 92, 92, 63];
  const xs = widths.map((_, i) => MARGIN + widths.slice(0, i).reduce((a, b) => a + b, 0));
  const drawHeader = () => {
    const h1 = 24;
    const h2 = 52;
    cell(doc, xs[0]!, y, widths[0]!, h1 + h2, labels.no, true, true);
    cell(doc, xs[1]!, y, widths[1]!, h1 + h2, F.procedure, true, true);
    cell(doc, xs[2]!, y, widths[2]! + widths[3]!, h1, F.assessment, true, true);
    cell(doc, xs[2]!, y + h1, widths[2]!, h2, F.runsWell, true, true);
    cell(doc, xs[3]!, y + h1, widths[3]!, h2, F.runsBadly, true, true);
    cell(doc, xs[4]!, y, widths[4]!, h1 + h2, F.resultNotes, true, true);
    cell(doc, xs[5]!, y, widths[5]!, h1 + h2, F.actions, true, true);
    cell(doc, xs[6]!, y, widths[6]!, h1 + h2, F.initials, true, true);
    y += h1 + h2;
  };
  drawHeader();
  rows.forEach((step, i) => {
    doc.font(FONT).fontSize(SIZE);
    const e = record?.entries[step.id];
    const texts = [
      `${i + 1}.`,
      step.activity || '-',
      e?.assessment === 'good' ? CHECKED : '',
      e?.assessment === 'poor' ? CHECKED : '',
      e?.note ?? '',
      e?.action ?? '',
      e?.checkedBy?.name ?? '',
    ];
    const h = Math.max(
      28,
      ...texts.map(
        (t, c) =>
          doc.heightOfString(pdfText(t || '-', widths[c]! - 2 * PAD, SIZE), {
            width: widths[c]! - 2 * PAD,
          }) +
          2 * PAD,
      ),
    );
    if (y + h > PORTRAIT.height - MARGIN) {
      newPage(doc);
      y = MARGIN;
      drawHeader();
    }
    texts.forEach((t, c) => {
      cell(doc, xs[c]!, y, widths[c]!, h, t, false, c === 0 || c === 2 || c === 3);
    });
    y += h;
  });
}

/**
 * Evaluation form: the seven Ya/Tidak criteria, then notes, suggestions and the
 * assessor's signature; with `evaluation` (issue 17) filled with its answers, notes,
 * suggestions (followed by `recommendation`, the recommendation's printed words) and name.
 */
export function drawEvaluationForm(
  doc: Doc,
  snap: SopSnapshot,
  labels: OutputLabels,
  evaluation?: EvaluationRecord,
  recommendation?: string,
): void {
  const F = labels.forms;
  newPage(doc);
  let y = heading(
    doc,
    F.evaluationTitle,
    snap,
    labels,
    evaluation ? printedDate(evaluation.createdAt) : undefined,
  );
  const widths = [24, 280, 50, 50, 111];
  const xs = widths.map((_, i) => MARGIN + widths.slice(0, i).reduce((a, b) => a + b, 0));
  [labels.no, F.criterion, F.yes, F.no, F.notes].forEach((t, c) => {
    cell(doc, xs[c]!, y, widths[c]!, 24, t, true, true);
  });
  y += 24;
  F.criteria.forEach((crit, i) => {
    const key = CRITERIA[i];
    const a = evaluation && key ? evaluation.criteria[key] : undefined;
    [
      `${i + 1}.`,
      crit,
      a?.met === true ? CHECKED : '',
      a?.met === false ? CHECKED : '',
      a?.comment ?? '',
    ].forEach((t, c) => {
      cell(doc, xs[c]!, y, widths[c]!, 28, t, false, c === 0 || c === 2 || c === 3);
    });
    y += 28;
  });
  y += 14;
  const full = PORTRAIT.width - 2 * MARGIN;
  const boxes: Array<[string, string]> = [
    [F.notes, evaluation?.notes ?? ''],
    [
      F.suggestions,
      `${evaluation?.suggestions ?? ''}${recommendation ? ` (${recommendation})` : ''}`.trim(),
    ],
  ];
  for (const [label, value] of boxes) {
    doc.font(FONT_BOLD).fontSize(9).text(`${label}:`, MARGIN, y);
    y += 14;
    doc.lineWidth(0.6).rect(MARGIN, y, full, 80).stroke();
    if (value)
      doc
        .font(FONT)
        .fontSize(9)
        .text(pdfText(value, full - 2 * PAD, 9), MARGIN + PAD, y + PAD, {
          width: full - 2 * PAD,
          height: 80 - 2 * PAD,
          ellipsis: true,
        });
    y += 94;
  }
  const sx = MARGIN + full - 200;
  doc
    .font(FONT)
    .fontSize(9)
    .text(`${F.evaluator},`, sx, y + 6, { width: 200, align: 'center' });
  doc.text(
    `(${evaluation?.createdBy.name ?? '.........................................'})`,
    sx,
    y + 70,
    {
      width: 200,
      align: 'center',
    },
  );
  doc.text(`${labels.identity.nip}. ...............................`, sx, y + 84, {
    width: 200,
    align: 'center',
  });
}

/** Which filled form, with its record (plain data: it is sent to an export thread). */
export type FilledFormSpec =
  | { kind: 'monitoring'; record: MonitoringRecord }
  | { kind: 'evaluation'; record: EvaluationRecord; recommendation: string };

/**
 * One filled form as a PDF (rendered in an export thread: `ExportJob.filled`; a monitoring
 * form has a row per step).
 */
export function renderFilledForm(
  snap: SopSnapshot,
  labels: OutputLabels,
  form: FilledFormSpec,
): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: 0,
    autoFirstPage: false,
    info: {
      Title: `${form.kind === 'monitoring' ? labels.forms.monitoringTitle : labels.forms.evaluationTitle} ${snap.identity.name}`,
      Creator: 'Susun',
    },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  if (form.kind === 'monitoring') drawMonitoringForm(doc, snap, labels, form.record);
  else drawEvaluationForm(doc, snap, labels, form.record, form.recommendation);
  doc.end();
  return done;
}
