/**
 * Stage 2 of a guided meeting starts from the agency's existing material (issue 18):
 * lines of text (a numbered or bulleted list) or a table copied from Word or Excel
 * (tab separated, Excel's quoting of cells with line breaks or tabs). Each line or row
 * becomes one step for the team to complete. Pure: no Yjs here (see apply.ts).
 */
import type { StepKind, StepTime, TimeUnit } from '../model/types.js';

export interface PastedStep {
  kind: StepKind;
  activity: string;
  /** Pelaksana name as written ('' when not given). */
  actor: string;
  requirements: string;
  time: StepTime | null;
  output: string;
  notes: string;
}

type Column = 'no' | 'activity' | 'actor' | 'requirements' | 'time' | 'output' | 'notes';

const HEADERS: ReadonlyArray<[Column, RegExp]> = [
  ['no', /^(no\.?|nomor|#|urutan)$/],
  ['activity', /^(kegiatan|aktivitas|uraian( kegiatan)?|langkah|activity|activities|step|task)$/],
  ['actor', /^(pelaksana|pelaku|penanggung ?jawab|petugas|executor|actor|role|who)$/],
  ['requirements', /^(kelengkapan|persyaratan|syarat|requirements?|inputs?)$/],
  ['time', /^(waktu|durasi|lama|time|duration)$/],
  ['output', /^(output|keluaran|hasil|outputs?)$/],
  ['notes', /^(keterangan|catatan|ket\.?|notes?|remarks?)$/],
];

/** Columns of a table without a header row, after an optional leading No column. */
const POSITIONAL: readonly Column[] = [
  'activity',
  'actor',
  'requirements',
  'time',
  'output',
  'notes',
];

const TERMINATORS = /^(mulai|selesai|start|end|awal|akhir)$/i;
const LIST_MARKER = /^\s*(?:\(?\d{1,3}[.)]|\(?[a-z][.)]|[-*•·–—▪●○]|\d{1,3}\s)\s*/i;

const UNITS: ReadonlyArray<[TimeUnit, RegExp]> = [
  ['minute', /^(menit|mnt|mins?|minutes?|m)$/],
  ['hour', /^(jam|j|hours?|hrs?|h)$/],
  ['day', /^(hari|hr|days?|d|hari kerja)$/],
  ['week', /^(minggu|pekan|weeks?|w)$/],
  ['month', /^(bulan|bln|months?)$/],
  ['year', /^(tahun|thn|years?)$/],
];

/**
 * Reads "10 menit", "2 jam", "1,5 hari", "10-15 menit" (the longer end), "15" (minutes).
 * Null when there is no number in it.
 */
export function parseTime(text: string): StepTime | null {
  const t = text.trim().toLowerCase();
  const m =
    /^(\d+(?:[.,]\d+)?)(?:\s*(?:-|–|s\.?d\.?|sampai|to)\s*(\d+(?:[.,]\d+)?))?\s*([a-z .]*)$/.exec(
      t,
    );
  if (!m) return null;
  const a = Number((m[2] ?? m[1] ?? '').replace(',', '.'));
  if (!Number.isFinite(a) || a <= 0) return null;
  const word = (m[3] ?? '').trim().replace(/\.$/, '');
  if (!word) return { amount: a, unit: 'minute' };
  const unit = UNITS.find(([, re]) => re.test(word))?.[0];
  return unit ? { amount: a, unit } : null;
}

function kindOf(activity: string): StepKind {
  if (TERMINATORS.test(activity)) return 'terminator';
  if (activity.endsWith('?')) return 'decision';
  return 'process';
}

function clean(cell: string): string {
  // Word puts soft line breaks inside a cell; a step's text is one paragraph.
  return cell.replace(/\s*\n\s*/g, ' ').trim();
}

function step(fields: Partial<Record<Column, string>>): PastedStep | null {
  const activity = clean(fields.activity ?? '')
    .replace(LIST_MARKER, '')
    .trim();
  if (!activity) return null;
  const timeText = clean(fields.time ?? '');
  return {
    kind: kindOf(activity),
    activity,
    actor: clean(fields.actor ?? ''),
    requirements: clean(fields.requirements ?? ''),
    time: timeText ? parseTime(timeText) : null,
    output: clean(fields.output ?? ''),
    notes: clean(fields.notes ?? ''),
  };
}

/**
 * Splits tab-separated text into rows of cells. A cell that starts with a double quote
 * runs to the closing quote (Excel's way of copying a cell with a line break or tab),
 * doubled quotes inside it being one quote.
 */
export function splitTable(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let i = 0;
  const s = text.replace(/\r\n?/g, '\n');
  let atCellStart = true;
  while (i < s.length) {
    const c = s[i] as string;
    if (atCellStart && c === '"') {
      const close = findClosingQuote(s, i + 1);
      if (close > 0) {
        cell += s.slice(i + 1, close).replace(/""/g, '"');
        i = close + 1;
        atCellStart = false;
        continue;
      }
    }
    atCellStart = false;
    if (c === '\t') {
      row.push(cell);
      cell = '';
      atCellStart = true;
    } else if (c === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      atCellStart = true;
    } else cell += c;
    i += 1;
  }
  if (cell !== '' || row.length) {
    row.push(cell);
    rows.push(row);
  }
  return rows.filter((r) => r.some((c) => c.trim()));
}

/** Index of the quote closing a quoted cell opened before `from`, or -1. */
function findClosingQuote(s: string, from: number): number {
  let j = from;
  while (j < s.length) {
    if (s[j] === '"') {
      if (s[j + 1] === '"') {
        j += 2;
        continue;
      }
      const after = s[j + 1];
      // A real closing quote ends the cell.
      return after === undefined || after === '\t' || after === '\n' || after === '\r' ? j : -1;
    }
    j += 1;
  }
  return -1;
}

function headerColumns(cells: string[]): Array<Column | null> | null {
  const cols = cells.map((c) => {
    const h = clean(c).toLowerCase().replace(/[:*]$/, '').trim();
    return HEADERS.find(([, re]) => re.test(h))?.[0] ?? null;
  });
  return cols.includes('activity') ? cols : null;
}

function isNumberCell(c: string): boolean {
  return /^\s*\d{1,3}[.)]?\s*$/.test(c);
}

/** A table's rows as steps: by its header row when it has one, else by position. */
function tableSteps(rows: string[][]): PastedStep[] {
  if (rows.length === 0) return [];
  const header = headerColumns(rows[0] as string[]);
  let columns: Array<Column | null>;
  let body: string[][];
  if (header) {
    columns = header;
    body = rows.slice(1);
  } else {
    const leadingNo = rows.every((r) => isNumberCell(r[0] ?? '') || r.length === 1);
    columns = leadingNo ? ['no', ...POSITIONAL] : [...POSITIONAL];
    body = rows;
  }
  const out: PastedStep[] = [];
  for (const r of body) {
    const fields: Partial<Record<Column, string>> = {};
    r.forEach((cell, i) => {
      const col = columns[i];
      if (col && col !== 'no' && fields[col] === undefined) fields[col] = cell;
    });
    const s = step(fields);
    if (s) out.push(s);
  }
  return out;
}

/** One step per non-empty line; list numbering and bullets are dropped. */
function lineSteps(text: string): PastedStep[] {
  const out: PastedStep[] = [];
  for (const line of text.replace(/\r\n?/g, '\n').split('\n')) {
    const s = step({ activity: line });
    if (s) out.push(s);
  }
  return out;
}

/** Pasted text as steps: a table when any line has a tab, else one step per line. */
export function parsePasted(text: string): PastedStep[] {
  if (text.includes('\t')) return tableSteps(splitTable(text));
  return lineSteps(text);
}
