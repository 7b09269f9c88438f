/**
 * Stage 2 of a guided meeting (issue 18): pasted lines and tab-separated tables (as Word
 * and Excel copy them) become the expected steps, pelaksana are created on the fly and
 * reused by name, and a new SOP's Mulai/Selesai stay where they are.
 */
import { describe, expect, it } from 'vitest';
import {
  applyPasted,
  assignActorByName,
  parsePasted,
  parseTime,
  splitTable,
} from '../../shared/guided/index';
import { fromSnapshot, SopDoc, templateSnapshot, validate } from '../../shared/model/index';

function newSop(): SopDoc {
  return new SopDoc(fromSnapshot(templateSnapshot('sop-ap', { name: 'SOP uji' })));
}

describe('parsePasted: lines', () => {
  it('makes one process step per line, dropping numbering, bullets and blank lines', () => {
    const text =
      '1. Menerima berkas\n2) Memeriksa berkas\n\n- Mencatat di buku register\n• Menyerahkan tanda terima\n  \n';
    const steps = parsePasted(text);
    expect(steps.map((s) => s.activity)).toEqual([
      'Menerima berkas',
      'Memeriksa berkas',
      'Mencatat di buku register',
      'Menyerahkan tanda terima',
    ]);
    expect(steps.every((s) => s.kind === 'process' && s.actor === '' && s.time === null)).toBe(
      true,
    );
  });

  it('reads a question as a decision and Mulai/Selesai as terminators (Windows line ends too)', () => {
    const steps = parsePasted('Mulai\r\nBerkas lengkap?\r\nSelesai\r\n');
    expect(steps.map((s) => [s.kind, s.activity])).toEqual([
      ['terminator', 'Mulai'],
      ['decision', 'Berkas lengkap?'],
      ['terminator', 'Selesai'],
    ]);
  });

  it('gives nothing for empty or whitespace text', () => {
    expect(parsePasted('')).toEqual([]);
    expect(parsePasted(' \n\t\n ')).toEqual([]);
  });
});

describe('parsePasted: tables', () => {
  it('maps columns by a header row (Excel copy), whatever their order', () => {
    const text = [
      'No\tPelaksana\tKegiatan\tKelengkapan\tWaktu\tOutput\tKeterangan',
      '1\tPetugas Loket\tMenerima berkas\tFormulir, KTP\t10 menit\tBerkas diterima\t',
      '2\tKasubbag Umum\tMemeriksa kelengkapan\tBerkas\t1 jam\tBerkas diperiksa\tDicatat',
    ].join('\n');
    expect(parsePasted(text)).toEqual([
      {
        kind: 'process',
        activity: 'Menerima berkas',
        actor: 'Petugas Loket',
        requirements: 'Formulir, KTP',
        time: { amount: 10, unit: 'minute' },
        output: 'Berkas diterima',
        notes: '',
      },
      {
        kind: 'process',
        activity: 'Memeriksa kelengkapan',
        actor: 'Kasubbag Umum',
        requirements: 'Berkas',
        time: { amount: 1, unit: 'hour' },
        output: 'Berkas diperiksa',
        notes: 'Dicatat',
      },
    ]);
  });

  it('without a header: a leading number column is skipped, then activity, pelaksana, kelengkapan, waktu, output', () => {
    const text =
      '1\tMenerima berkas\tPetugas\tKTP\t5\tTanda terima\n2\tMengarsipkan\tArsiparis\t\t2 hari\tArsip';
    const steps = parsePasted(text);
    expect(steps.map((s) => [s.activity, s.actor, s.requirements, s.time, s.output])).toEqual([
      ['Menerima berkas', 'Petugas', 'KTP', { amount: 5, unit: 'minute' }, 'Tanda terima'],
      ['Mengarsipkan', 'Arsiparis', '', { amount: 2, unit: 'day' }, 'Arsip'],
    ]);
  });

  it('keeps a quoted Excel cell with a line break and a tab as one cell', () => {
    const text =
      'Kegiatan\tPelaksana\n"Menerima\nberkas ""baru"""\tPetugas\nMengarsipkan\t"Arsip\tUnit"';
    expect(splitTable(text)).toEqual([
      ['Kegiatan', 'Pelaksana'],
      ['Menerima\nberkas "baru"', 'Petugas'],
      ['Mengarsipkan', 'Arsip\tUnit'],
    ]);
    expect(parsePasted(text).map((s) => [s.activity, s.actor])).toEqual([
      ['Menerima berkas "baru"', 'Petugas'],
      ['Mengarsipkan', 'Arsip\tUnit'],
    ]);
  });

  it('skips rows without an activity (a Word table copied with empty rows)', () => {
    const text = 'Kegiatan\tPelaksana\n\tPetugas\nMenerima berkas\tPetugas\n\t\n';
    expect(parsePasted(text).map((s) => s.activity)).toEqual(['Menerima berkas']);
  });
});

describe('parseTime', () => {
  it.each([
    ['10 menit', { amount: 10, unit: 'minute' }],
    ['1,5 jam', { amount: 1.5, unit: 'hour' }],
    ['10-15 menit', { amount: 15, unit: 'minute' }],
    ['3 Hari', { amount: 3, unit: 'day' }],
    ['2 minggu', { amount: 2, unit: 'week' }],
    ['1 bulan', { amount: 1, unit: 'month' }],
    ['15', { amount: 15, unit: 'minute' }],
  ] as const)('%s', (text, want) => {
    expect(parseTime(text)).toEqual(want);
  });
  it.each(['', 'segera', '0 menit', '5 lusin'])('%s is not a time', (text) => {
    expect(parseTime(text)).toBeNull();
  });
});

describe('applyPasted', () => {
  it('puts eight pasted activities between Mulai and Selesai in order, creating pelaksana once each', () => {
    const sop = newSop();
    const text = [
      'Kegiatan\tPelaksana\tWaktu',
      'Menerima berkas\tPetugas Loket\t10 menit',
      'Mencatat di register\tpetugas  loket\t5 menit',
      'Memeriksa kelengkapan\tKasubbag Umum\t30 menit',
      'Berkas lengkap?\tKasubbag Umum\t5 menit',
      'Mengembalikan berkas\tPetugas Loket\t5 menit',
      'Memberi disposisi\tKepala Dinas\t1 hari',
      'Memproses permohonan\tKasubbag Umum\t2 hari',
      'Menyerahkan hasil\tPetugas Loket\t10 menit',
    ].join('\n');
    const { stepIds, createdActorIds } = applyPasted(sop, parsePasted(text));
    expect(stepIds).toHaveLength(8);
    expect(sop.actors.list().map((a) => a.name)).toEqual([
      'Petugas Loket',
      'Kasubbag Umum',
      'Kepala Dinas',
    ]);
    expect(createdActorIds).toHaveLength(3);
    const steps = sop.steps.list();
    expect(steps.map((s) => s.activity)).toEqual([
      'Mulai',
      'Menerima berkas',
      'Mencatat di register',
      'Memeriksa kelengkapan',
      'Berkas lengkap?',
      'Mengembalikan berkas',
      'Memberi disposisi',
      'Memproses permohonan',
      'Menyerahkan hasil',
      'Selesai',
    ]);
    expect(steps[4]?.kind).toBe('decision');
    expect(steps[2]?.actorId).toBe(steps[1]?.actorId);
    expect(steps[6]?.time).toEqual({ amount: 1, unit: 'day' });
  });

  it('drops pasted Mulai/Selesai when the SOP has them, and reuses an existing pelaksana', () => {
    const sop = newSop();
    const existing = sop.actors.add('Arsiparis');
    const { stepIds, createdActorIds } = applyPasted(
      sop,
      parsePasted('Mulai\tArsiparis\nMenyimpan arsip\tARSIPARIS\nSelesai\t'),
    );
    expect(stepIds).toHaveLength(1);
    expect(createdActorIds).toEqual([]);
    expect(sop.steps.list().map((s) => s.activity)).toEqual([
      'Mulai',
      'Menyimpan arsip',
      'Selesai',
    ]);
    expect(sop.steps.get(stepIds[0] as string)?.actorId).toBe(existing);
  });

  it('builds a whole flow in an empty SOP, terminators included', () => {
    const sop = new SopDoc(fromSnapshot({ ...templateSnapshot('sop-ap'), steps: [] }));
    applyPasted(sop, parsePasted('Mulai\nMenerima\nSelesai'));
    expect(sop.steps.list().map((s) => [s.kind, s.activity])).toEqual([
      ['terminator', 'Mulai'],
      ['process', 'Menerima'],
      ['terminator', 'Selesai'],
    ]);
  });

  it('assignActorByName creates a new pelaksana on the fly and clears with an empty name', () => {
    const sop = newSop();
    const [id] = applyPasted(sop, parsePasted('Menerima berkas')).stepIds;
    const a = assignActorByName(sop, id as string, '  Petugas   Loket ');
    expect(sop.actors.get(a as string)?.name).toBe('Petugas Loket');
    expect(assignActorByName(sop, id as string, 'petugas loket')).toBe(a);
    expect(sop.actors.list()).toHaveLength(1);
    assignActorByName(sop, id as string, '');
    expect(sop.steps.get(id as string)?.actorId).toBeNull();
    expect(validate(sop.toSnapshot()).some((p) => p.code === 'step-no-actor')).toBe(true);
  });
});
