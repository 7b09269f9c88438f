/**
 * An SOP from a Word document (issue 17): the procedure table following the SOP AP
 * columns, and the identity fields where they are recognisable.
 *
 * The procedure table is the table (or the run of tables, one per page) whose header
 * names the SOP AP columns: No | Kegiatan | Pelaksana… | Mutu Baku (Kelengkapan, Waktu,
 * Output) | Keterangan — in Indonesian or English, in one header row (the pelaksana
 * columns named directly) or two (a "Pelaksana" cell spanning their names, as Susun's own
 * export and most hand-made SOPs have it). Each following row is a step:
 * - the pelaksana is the column that holds the step's mark (a check mark, any short text,
 *   a drawn shape); in Susun's own export the pelaksana cells hold one flowchart image
 *   strip per row, read as the SVG it is: the symbol's lane gives the pelaksana, its shape
 *   the kind, and a decision's exit arrows (labelled Ya/Tidak) the steps they lead to;
 * - a hand-made table has no arrows: a step's kind comes from a drawn shape when there is
 *   one, else the first and last rows are start/end (terminator) and an activity asking a
 *   question ("Apakah …?") is a decision, whose exits are read from its Keterangan
 *   ("Ya: ke langkah 5, Tidak: kembali ke 2") or else go to the next step (reported).
 * What cannot be read is reported row by row; the SOP always comes out as a draft.
 */
import { templateSnapshot } from '../../shared/model/templates/index.js';
import type { Actor, SopSnapshot, Step, TimeUnit } from '../../shared/model/types.js';
import { DocxImportError, type DocxPackage } from './docxPackage.js';
import { allTables, type DocxCell, type DocxRow, type DocxTable } from './docxTables.js';
import { readStrip, type StripReading } from './stripSvg.js';

/** One thing the import could not read (row: the step's row number in the file, if any). */
export interface ImportWarning {
  row: number | null;
  message: string;
}

export interface DocxSop {
  snapshot: SopSnapshot;
  warnings: ImportWarning[];
}

/** Most steps and pelaksana read (more are reported and left out). */
export const MAX_STEPS = 2000;
export const MAX_ACTORS = 60;

type Role = 'no' | 'activity' | 'actors' | 'quality' | 'requirements' | 'time' | 'output' | 'notes';

const norm = (s: string) =>
  s
    .toLowerCase()
    .replace(/[:.*]+$/g, '')
    .replace(/\s+/g, ' ')
    .trim();

function roleOf(label: string): Role | null {
  const l = norm(label);
  if (!l) return null;
  if (/^(no|nomor|no urut|#)$/.test(l)) return 'no';
  if (
    /^(uraian )?(kegiatan|aktivitas|prosedur|langkah)( kegiatan)?$|^activit(y|ies)$|^uraian$/.test(
      l,
    )
  )
    return 'activity';
  if (/^pelaksana|^executors?$|^actors?$/.test(l)) return 'actors';
  if (/^mutu baku$|^quality standards?$/.test(l)) return 'quality';
  if (/^(persyaratan|kelengkapan|persyaratan ?\/ ?kelengkapan|syarat|requirements?)$/.test(l))
    return 'requirements';
  if (/^(waktu|time|durasi)$/.test(l)) return 'time';
  if (/^(output|keluaran|hasil)$/.test(l)) return 'output';
  if (/^(keterangan|ket|catatan|notes?)$/.test(l)) return 'notes';
  return null;
}

/** The cell of `row` covering grid column `col`. */
function cellAt(row: DocxRow, col: number): DocxCell | undefined {
  return row.cells.find((c) => c.col <= col && col < c.col + c.span);
}

interface Layout {
  /** Index of the first data row. */
  firstRow: number;
  no: number | null;
  activity: number;
  requirements: number | null;
  time: number | null;
  output: number | null;
  notes: number | null;
  /** Pelaksana columns: first grid column and name. */
  lanes: Array<{ col: number; name: string; width: number }>;
}

/** The SOP AP layout of a table's header, or null when it is not a procedure table. */
function headerLayout(t: DocxTable): Layout | null {
  const limit = Math.min(t.rows.length, 4);
  for (let h = 0; h < limit; h++) {
    const row = t.rows[h]!;
    const act = row.cells.find((c) => roleOf(c.text) === 'activity');
    if (!act) continue;
    const next = t.rows[h + 1];
    const roles = new Map<number, Role>();
    const lanes: Layout['lanes'] = [];
    let twoRows = false;
    for (const c of row.cells) {
      const r = roleOf(c.text);
      if ((r === 'actors' || r === 'quality') && next) {
        twoRows = true;
        for (let col = c.col; col < c.col + c.span; col++) {
          const sub = cellAt(next, col);
          if (!sub || sub.col !== col) continue;
          if (r === 'actors') lanes.push({ col, name: sub.text.trim(), width: sub.width });
          else {
            const sr = roleOf(sub.text);
            if (sr) roles.set(col, sr);
          }
        }
      } else if (r) roles.set(c.col, r);
    }
    const colOf = (r: Role) => {
      for (const [c, x] of roles) if (x === r) return c;
      return null;
    };
    const activity = colOf('activity');
    if (activity === null) continue;
    const mutu = [colOf('requirements'), colOf('time'), colOf('output')].filter(
      (c): c is number => c !== null,
    );
    if (lanes.length === 0) {
      // One header row: the columns between Kegiatan and Mutu Baku are the pelaksana.
      const end = mutu.length ? Math.min(...mutu) : (colOf('notes') ?? Number.POSITIVE_INFINITY);
      for (const c of row.cells)
        if (c.col > activity && c.col < end && !roles.has(c.col) && c.text.trim())
          lanes.push({ col: c.col, name: c.text.trim(), width: c.width });
    }
    if (lanes.length === 0 || mutu.length === 0) continue;
    return {
      firstRow: h + (twoRows ? 2 : 1),
      no: colOf('no'),
      activity,
      requirements: colOf('requirements'),
      time: colOf('time'),
      output: colOf('output'),
      notes: colOf('notes'),
      lanes,
    };
  }
  return null;
}

const UNITS: Array<[RegExp, TimeUnit]> = [
  [/^(menit|mnt|min|minutes?|mins?)$/, 'minute'],
  [/^(jam|hours?|hrs?|h)$/, 'hour'],
  [/^(hari|hr|days?)$/, 'day'],
  [/^(minggu|pekan|weeks?)$/, 'week'],
  [/^(bulan|bln|months?)$/, 'month'],
  [/^(tahun|thn|years?)$/, 'year'],
];

/** "15 menit", "1,5 jam", "2 Hari" → a time; null when it is not one. */
export function parseTime(text: string): Step['time'] | null {
  const m = /^(\d+(?:[.,]\d+)?)\s*([a-zA-Z]+)\.?$/.exec(text.trim());
  if (!m) return null;
  const amount = Number(m[1]!.replace(',', '.'));
  const unit = UNITS.find(([re]) => re.test(m[2]!.toLowerCase()))?.[1];
  if (!unit || !Number.isFinite(amount)) return null;
  return { amount, unit };
}

const MONTHS_ID = [
  'januari',
  'februari',
  'maret',
  'april',
  'mei',
  'juni',
  'juli',
  'agustus',
  'september',
  'oktober',
  'november',
  'desember',
];
const MONTHS_EN = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];

/** "12 Januari 2026", "2026-01-12", "12-01-2026", "12/01/2026" → `2026-01-12`; '' otherwise. */
export function parseDate(text: string): string {
  const t = text.trim().toLowerCase();
  const pad = (n: number) => String(n).padStart(2, '0');
  const ok = (y: number, m: number, d: number) => {
    const dt = new Date(Date.UTC(y, m - 1, d));
    return dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d
      ? `${y}-${pad(m)}-${pad(d)}`
      : '';
  };
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t);
  if (m) return ok(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(t);
  if (m) return ok(Number(m[3]), Number(m[2]), Number(m[1]));
  m = /^(\d{1,2})\s+([a-z]+)\s+(\d{4})$/.exec(t);
  if (m) {
    const i = MONTHS_ID.indexOf(m[2]!) >= 0 ? MONTHS_ID.indexOf(m[2]!) : MONTHS_EN.indexOf(m[2]!);
    if (i >= 0) return ok(Number(m[3]), i + 1, Number(m[1]));
  }
  return '';
}

/** Whether a pelaksana cell of a hand-made table carries the step's mark. */
function marked(c: DocxCell | undefined): boolean {
  if (!c || c.vMerge === 'continue') return false;
  if (c.drawn || c.shapes.length > 0) return true;
  const t = c.text.replace(/\s+/g, '');
  return t.length > 0 && t !== '-' && t !== '–';
}

function kindOfShape(shapes: string[]): Step['kind'] | null {
  for (const s of shapes) {
    const l = s.toLowerCase();
    if (l.includes('decision') || l === 'diamond') return 'decision';
    if (l.includes('terminator') || l === 'roundrect' || l === 'oval' || l === 'ellipse')
      return 'terminator';
    if (l.includes('process') || l === 'rect') return 'process';
  }
  return null;
}

interface RawStep {
  row: number;
  no: number | null;
  activity: string;
  lane: number | null;
  kind: Step['kind'] | null;
  requirements: string;
  time: string;
  output: string;
  notes: string;
  /** Susun export: the strip read from the row's image. */
  strip: StripReading | null;
  /** Page (table) index and the row's band in it (Susun export). */
  page: number;
  bandY: number;
  bandH: number;
}

/** Identity label → field. */
const IDENTITY: Array<[RegExp, keyof Ident]> = [
  [/^(nomor sop|no\.? sop|sop number|nomor)$/, 'number'],
  [/^(nama sop|judul sop|sop name|judul)$/, 'name'],
  [/^(tanggal pembuatan|tgl\.? pembuatan|date drafted)$/, 'createdDate'],
  [/^(tanggal revisi|tgl\.? revisi|date revised)$/, 'revisedDate'],
  [/^(tanggal efektif|tgl\.? efektif|effective date)$/, 'effectiveDate'],
  [/^(disahkan oleh|approved by)$/, 'approvedBy'],
];
const LISTS: Array<[RegExp, ListKey]> = [
  [/^(dasar hukum|legal basis)$/, 'legalBasis'],
  [/^(kualifikasi pelaksana|executor qualifications)$/, 'executorQualifications'],
  [/^(peralatan ?\/ ?perlengkapan|peralatan|perlengkapan|equipment)$/, 'equipment'],
  [/^(peringatan|warnings?)$/, 'warnings'],
  [/^(pencatatan dan pendataan|pencatatan|records?)$/, 'records'],
  [/^(keterkaitan|related sops?)$/, 'related'],
];
type Ident = {
  number: string;
  name: string;
  createdDate: string;
  revisedDate: string;
  effectiveDate: string;
  approvedBy: string;
};
type ListKey =
  | 'legalBasis'
  | 'executorQualifications'
  | 'equipment'
  | 'warnings'
  | 'records'
  | 'related';

function listItems(text: string): string[] {
  const t = text.trim();
  if (!t || t === '-') return [];
  return t
    .split('\n')
    .map((l) => l.replace(/^\s*(\d+[.)]|[-•*])\s*/, '').trim())
    .filter((l) => l && l !== '-');
}

function readIdentity(tables: DocxTable[], s: SopSnapshot, warnings: ImportWarning[]): void {
  const found: Partial<Ident> = {};
  const lists: Partial<Record<ListKey, string[]>> = {};
  for (const t of tables) {
    t.rows.forEach((row, ri) => {
      row.cells.forEach((c, ci) => {
        const label = norm(c.text);
        const field = IDENTITY.find(([re]) => re.test(label))?.[1];
        if (field && found[field] === undefined) {
          // Susun's layout: the agency's and unit's names in the cell left of Nomor SOP.
          const brand = field === 'number' && ci > 0 ? row.cells[ci - 1]!.text : '';
          const names = brand
            .split('\n')
            .map((l) => l.trim())
            .filter((l) => l && l !== '-');
          if (names.length > 0) {
            s.identity.agency = names.length > 1 ? names.slice(0, -1).join(' ') : names[0]!;
            if (names.length > 1) s.identity.unit = names[names.length - 1]!;
          }
          const value = row.cells[ci + 1]?.text ?? '';
          if (!IDENTITY.some(([re]) => re.test(norm(value)))) found[field] = value.trim();
          return;
        }
        const list = LISTS.find(([re]) => re.test(label))?.[1];
        if (list && lists[list] === undefined) {
          // The box under its label (Susun's layout), else the cell beside it.
          const below = t.rows[ri + 1] ? cellAt(t.rows[ri + 1]!, c.col) : undefined;
          const value =
            below && !LISTS.some(([re]) => re.test(norm(below.text)))
              ? below.text
              : (row.cells[ci + 1]?.text ?? '');
          lists[list] = listItems(value);
        }
      });
    });
  }
  const id = s.identity;
  const text = (v: string | undefined) => (v && v !== '-' ? v.replace(/\s+/g, ' ').trim() : '');
  if (found.number !== undefined) id.number = text(found.number);
  if (found.name !== undefined) id.name = text(found.name);
  for (const f of ['createdDate', 'revisedDate', 'effectiveDate'] as const) {
    const raw = text(found[f]);
    if (!raw) continue;
    const iso = parseDate(raw);
    if (iso) id[f] = iso;
    else
      warnings.push({ row: null, message: `Tanggal tidak terbaca (${f}): "${raw.slice(0, 60)}"` });
  }
  if (found.approvedBy) {
    const lines = found.approvedBy
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l && l !== '…');
    const nipAt = lines.findIndex((l) => /^nip\b/i.test(l));
    if (nipAt >= 0) {
      id.approvedBy.nip = lines[nipAt]!.replace(/^nip\.?\s*:?\s*/i, '').replace(/^…$/, '');
      lines.splice(nipAt, 1);
    }
    id.approvedBy.title = lines[0] ?? '';
    id.approvedBy.name = lines.length > 1 ? lines[lines.length - 1]! : '';
  }
  for (const k of [
    'legalBasis',
    'executorQualifications',
    'equipment',
    'warnings',
    'records',
  ] as const)
    if (lists[k]) id[k] = lists[k]!;
  if (lists.related) {
    id.relatedSops = lists.related.map((text) => {
      const m =
        /^(.*?)\s*\((lanjutan|prasyarat|terkait|bagian dari sop makro|follow-on|prerequisite|related|part of a macro sop)\)$/i.exec(
          text,
        );
      const type = (m?.[2] ?? 'terkait').toLowerCase();
      return {
        text: m ? m[1]! : text,
        type: /lanjutan|follow/.test(type)
          ? 'follow-on'
          : /prasyarat|prereq/.test(type)
            ? 'prerequisite'
            : /makro|macro/.test(type)
              ? 'part-of'
              : 'related',
      };
    });
  }
}

/** Exits written in a decision's Keterangan: "Ya: ke 5; Tidak: kembali ke 2". */
function exitsFromNotes(notes: string): { yes: number | null; no: number | null } {
  const num = (re: RegExp) => {
    const m = re.exec(notes.toLowerCase());
    return m ? Number(m[1]) : null;
  };
  return {
    yes: num(/\b(?:ya|yes)\b[^0-9\n]{0,40}?(\d{1,4})/),
    no: num(/\b(?:tidak|no)\b[^0-9\n]{0,40}?(\d{1,4})/),
  };
}

/** Reads the SOP out of an opened .docx. Throws {@link DocxImportError} for a file that is no SOP. */
export function sopFromDocx(pkg: DocxPackage, now = new Date()): DocxSop {
  const warnings: ImportWarning[] = [];
  const tables = allTables(pkg.document, pkg.rels);
  const procedure: Array<{ table: DocxTable; layout: Layout }> = [];
  for (const t of tables) {
    const layout = headerLayout(t);
    if (layout) procedure.push({ table: t, layout });
  }
  if (procedure.length === 0)
    throw new DocxImportError(
      'not_an_sop',
      'No procedure table was found: the document needs a table with the SOP AP columns (No, Kegiatan, Pelaksana, Mutu Baku: Kelengkapan, Waktu, Output, Keterangan)',
    );
  const s = templateSnapshot('sop-ap', { now });
  s.meta.status = 'draft';
  s.identity.relatedSops = [];
  readIdentity(
    tables.filter((t) => !procedure.some((p) => p.table === t)),
    s,
    warnings,
  );

  // Pelaksana: the first procedure table's, then any new name of later tables.
  const actors: Actor[] = [];
  const actorByName = new Map<string, number>();
  const actorIndex = (name: string): number | null => {
    const key = norm(name);
    const known = actorByName.get(key);
    if (known !== undefined) return known;
    if (actors.length >= MAX_ACTORS) return null;
    actors.push({ id: `a_imp${String(actors.length + 1).padStart(8, '0')}`, name: name.trim() });
    actorByName.set(key, actors.length - 1);
    return actors.length - 1;
  };

  const raw: RawStep[] = [];
  const connectorBands: Band[] = [];
  let rowNo = 0;
  procedure.forEach(({ table, layout }, page) => {
    const laneActors = layout.lanes.map((l, i) => actorIndex(l.name || `Pelaksana ${i + 1}`));
    // Band offsets (points) of the rows under the header, from their declared heights.
    let y = 0;
    for (let r = layout.firstRow; r < table.rows.length; r++) {
      const row = table.rows[r]!;
      const bandH = row.height / 20;
      const bandY = y;
      y += bandH;
      const get = (col: number | null) => (col === null ? '' : (cellAt(row, col)?.text ?? ''));
      const activity = get(layout.activity).trim();
      const noText = get(layout.no).trim();
      // A repeated header row.
      if (roleOf(activity) === 'activity') continue;
      const laneCells = layout.lanes.map((l) => cellAt(row, l.col));
      const spanning =
        laneCells[0] && laneCells.every((c) => c === laneCells[0]) && layout.lanes.length > 1;
      const stripCell = laneCells.find((c) => c && c.svgs.length > 0);
      const other = [layout.requirements, layout.time, layout.output, layout.notes].map(get);
      if (!activity && !noText && other.every((t) => !t.trim())) {
        // A connector strip of Susun's export (kept to follow exits across pages), or blank.
        const bytes = stripCell ? pkg.svg(stripCell.svgs[0]!.path) : null;
        if (bytes) {
          const strip = readStrip(
            bytes,
            layout.lanes.map((l) => l.width),
          );
          if (strip.connectors.length > 0) connectorBands.push({ page, bandY, bandH, strip });
        }
        continue;
      }
      rowNo++;
      if (raw.length >= MAX_STEPS) {
        if (raw.length === MAX_STEPS)
          warnings.push({
            row: rowNo,
            message: `Lebih dari ${MAX_STEPS} langkah: sisanya tidak diimpor`,
          });
        continue;
      }
      const no = /^\d+/.exec(noText) ? Number(/^\d+/.exec(noText)![0]) : null;
      let lane: number | null = null;
      let kind: Step['kind'] | null = null;
      let strip: StripReading | null = null;
      if (stripCell) {
        const svgPath = stripCell.svgs[0]!.path;
        const bytes = pkg.svg(svgPath);
        strip = bytes
          ? readStrip(
              bytes,
              layout.lanes.map((l) => l.width),
            )
          : null;
        if (strip?.symbol) {
          lane = strip.symbol.lane;
          kind = strip.symbol.kind;
        }
      } else if (!spanning) {
        const marks = laneCells.map((c, i) => (marked(c) ? i : -1)).filter((i) => i >= 0);
        if (marks.length > 1)
          warnings.push({
            row: no ?? rowNo,
            message: `Lebih dari satu pelaksana ditandai; dipakai "${layout.lanes[marks[0]!]!.name}"`,
          });
        if (marks.length > 0) {
          lane = marks[0]!;
          kind = kindOfShape(laneCells[lane]!.shapes);
        }
      }
      const actor = lane === null ? null : (laneActors[lane] ?? null);
      if (lane === null)
        warnings.push({
          row: no ?? rowNo,
          message: 'Pelaksana tidak terbaca: tidak ada kolom pelaksana yang ditandai',
        });
      if (!activity) warnings.push({ row: no ?? rowNo, message: 'Kegiatan kosong' });
      raw.push({
        row: no ?? rowNo,
        no,
        activity,
        lane: actor,
        kind,
        requirements: other[0]!.trim(),
        time: other[1]!.trim(),
        output: other[2]!.trim(),
        notes: other[3]!.trim(),
        strip,
        page,
        bandY,
        bandH,
      });
    }
  });
  if (raw.length === 0)
    throw new DocxImportError('not_an_sop', 'The procedure table has no steps to import');

  const ids = raw.map((_, i) => `s_imp${String(i + 1).padStart(8, '0')}`);
  const byNumber = new Map<number, number>();
  raw.forEach((r, i) => {
    if (r.no !== null && !byNumber.has(r.no)) byNumber.set(r.no, i);
  });
  const steps: Step[] = raw.map((r, i) => {
    const time = r.time ? parseTime(r.time) : null;
    if (r.time && !time)
      warnings.push({ row: r.row, message: `Waktu tidak terbaca: "${r.time.slice(0, 40)}"` });
    let kind = r.kind;
    if (kind === null) {
      if (/\?\s*$/.test(r.activity) || /^apakah\b/i.test(r.activity)) kind = 'decision';
      else if (i === 0 || i === raw.length - 1) kind = 'terminator';
      else kind = 'process';
    }
    const step: Step = {
      id: ids[i]!,
      kind,
      actorId: r.lane === null ? null : (actors[r.lane]?.id ?? null),
      activity: r.activity,
      requirements: r.requirements,
      time: time ?? { amount: null, unit: 'minute' },
      output: r.output,
      notes: r.notes,
      yes: null,
      no: null,
    };
    return step;
  });
  // Decision exits.
  steps.forEach((st, i) => {
    if (st.kind !== 'decision') return;
    const r = raw[i]!;
    let yes: number | null = null;
    let no: number | null = null;
    if (r.strip) {
      const exits = resolveStripExits(raw, connectorBands, i);
      yes = exits.yes;
      no = exits.no;
    } else {
      const n = exitsFromNotes(r.notes);
      yes = n.yes !== null ? (byNumber.get(n.yes) ?? null) : null;
      no = n.no !== null ? (byNumber.get(n.no) ?? null) : null;
    }
    if (yes === null) {
      yes = i + 1 < steps.length ? i + 1 : null;
      warnings.push({
        row: r.row,
        message: 'Keputusan: tujuan "Ya" tidak terbaca; diarahkan ke langkah berikutnya',
      });
    }
    if (no === null)
      warnings.push({ row: r.row, message: 'Keputusan: tujuan "Tidak" tidak terbaca' });
    st.yes = yes === null || yes === i ? null : ids[yes]!;
    st.no = no === null || no === i ? null : ids[no]!;
  });
  s.actors = actors;
  s.steps = steps;
  return { snapshot: s, warnings };
}

/** A connector strip of Susun's export: where it is and what it shows. */
interface Band {
  page: number;
  bandY: number;
  bandH: number;
  strip: StripReading;
}

/** A decision's exits in Susun's own export: its strip's exit arrows, followed to their ends. */
function resolveStripExits(
  raw: RawStep[],
  connectors: Band[],
  i: number,
): { yes: number | null; no: number | null } {
  const r = raw[i]!;
  const out: { yes: number | null; no: number | null } = { yes: null, no: null };
  for (const exit of r.strip?.exits ?? []) {
    const y = r.bandY + exit.end.y;
    const target =
      stepAt(raw, r.page, y) ?? viaConnector(raw, connectors, r.page, { x: exit.end.x, y });
    if (target !== null) out[exit.label] ??= target;
  }
  return out;
}

/** The step whose band on `page` holds `y` (points from the page table's first band). */
function stepAt(raw: RawStep[], page: number, y: number): number | null {
  for (let j = 0; j < raw.length; j++) {
    const s = raw[j]!;
    if (s.page === page && y >= s.bandY - 0.5 && y <= s.bandY + s.bandH + 0.5) return j;
  }
  return null;
}

/**
 * An arrow ending in an off-page connector at `y` of `page`: the step the connector with
 * the same letter leads to on a later page.
 */
function viaConnector(
  raw: RawStep[],
  bands: Band[],
  page: number,
  { x, y }: { x: number; y: number },
): number | null {
  const here = bands.find(
    (b) => b.page === page && y >= b.bandY - 0.5 && y <= b.bandY + b.bandH + 0.5,
  );
  if (!here) return null;
  // The connector the arrow ends at (the nearest one when the strip holds several).
  const at = y - here.bandY;
  const d = (c: { x: number; y: number }) => Math.hypot(c.x - x, c.y - at);
  const letter = [...here.strip.connectors].sort((a, b) => d(a) - d(b))[0]?.letter;
  if (!letter) return null;
  // Its twin on another page (earlier for a flow going back), with the arrow leaving it.
  for (const b of bands) {
    if (b === here) continue;
    const c = b.strip.connectors.find((x) => x.letter === letter);
    const end = c?.arrowEnds[0];
    if (end) return stepAt(raw, b.page, b.bandY + end.y);
  }
  return null;
}
