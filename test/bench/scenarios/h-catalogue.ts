/**
 * (h) Catalogue (issue 17; Susun only): an agency register of 5,000 generated SOPs (quick:
 * 1,000) over five units, each of 8–24 steps of Indonesian text over 3–6 pelaksana, with
 * mixed statuses and effective dates, imported through REST. Then `GET /api/sops` is asked
 * what the list page asks — the first page, full-text searches (a common word, a word found
 * only in the step text of a few SOPs, two words), filters (status, unit, review date) with
 * sorting — as the administrator and as a member of one unit (access filtering), and the
 * dashboard counts. Figures are the server time of each request (its `Server-Timing:
 * total`, from the route's start to the answer being built: access, query, paging) at p50
 * and p95 over the repetitions; the goal is under 100 ms. On SQLite, and on PostgreSQL when
 * its server binaries are installed (a throwaway cluster, as scenario f).
 */
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import pg from 'pg';
import { templateSnapshot } from '../../../shared/model/templates/index.js';
import type { SopSnapshot, SopStatus, Step } from '../../../shared/model/types.js';
import { findPgBin, type PgCluster, startPgCluster } from '../../helpers/pgSetup.js';
import { type Api, startBench } from '../lib/bench.js';
import type { Context } from '../lib/context.js';
import { removeDir, type ServerSpec, tempDataDir } from '../lib/servers.js';
import { percentile, round } from '../lib/stats.js';

const S = 'h';
const UNITS = [
  'Sekretariat',
  'Bidang Kearsipan',
  'Bidang Perpustakaan',
  'Bidang Layanan',
  'UPT Arsip',
];
const VERBS = [
  'menerima',
  'memeriksa',
  'mencatat',
  'menyiapkan',
  'menyusun',
  'mengirim',
  'memverifikasi',
  'mengarsipkan',
  'menandatangani',
  'mendistribusikan',
  'menilai',
  'mengolah',
  'menginput',
  'melaporkan',
  'mengajukan',
];
const OBJECTS = [
  'surat masuk',
  'berkas permohonan',
  'arsip vital',
  'daftar arsip',
  'nota dinas',
  'laporan kegiatan',
  'formulir peminjaman',
  'berita acara',
  'surat keputusan',
  'data pegawai',
  'dokumen anggaran',
  'koleksi buku',
  'kartu katalog',
  'lembar disposisi',
  'rekapitulasi',
];
const EXTRA = [
  'secara elektronik',
  'melalui aplikasi',
  'sesuai ketentuan',
  'kepada atasan langsung',
  'di ruang penyimpanan',
  'dalam buku register',
  'dengan teliti',
  'paling lambat satu hari kerja',
];
const ACTORS = [
  'Kepala Dinas',
  'Sekretaris',
  'Kepala Bidang',
  'Kepala Seksi',
  'Arsiparis',
  'Pengelola Arsip',
  'Pustakawan',
  'Pengadministrasi Umum',
  'Bendahara',
  'Operator',
];
const STATUSES: SopStatus[] = [
  'draft',
  'draft',
  'in_review',
  'approved',
  'approved',
  'approved',
  'revoked',
  'superseded',
];
/** The rare word: in the step text of one SOP in 500. */
const RARE = 'fumigasi';

/** Deterministic PRNG (mulberry32). */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The `i`-th generated SOP. */
export function generatedSop(i: number): SopSnapshot {
  const r = rng(i + 1);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
  const s = templateSnapshot('sop-ap', { now: new Date('2026-01-01T00:00:00Z') });
  const obj = pick(OBJECTS);
  s.identity.name = `${pick(VERBS)
    .replace(/^me/, 'Pe')
    .replace(/^Pen?g?/, 'Peng')} ${obj} ${i}`;
  s.identity.number = '';
  s.meta.status = pick(STATUSES);
  if (s.meta.status !== 'draft' && s.meta.status !== 'in_review') {
    const y = 2023 + Math.floor(r() * 4);
    const m = 1 + Math.floor(r() * 12);
    s.identity.effectiveDate = `${y}-${String(m).padStart(2, '0')}-${String(1 + Math.floor(r() * 28)).padStart(2, '0')}`;
  }
  const nActors = 3 + Math.floor(r() * 4);
  s.actors = Array.from({ length: nActors }, (_, k) => ({
    id: `a${k}`,
    name: ACTORS[(i + k) % ACTORS.length]!,
  }));
  const nSteps = 8 + Math.floor(r() * 17);
  s.steps = Array.from(
    { length: nSteps },
    (_, k): Step => ({
      id: `s${k}`,
      kind: k === 0 || k === nSteps - 1 ? 'terminator' : 'process',
      actorId: `a${Math.floor(r() * nActors)}`,
      activity:
        k === 0
          ? 'Mulai'
          : k === nSteps - 1
            ? 'Selesai'
            : `${pick(VERBS)} ${pick(OBJECTS)} ${pick(EXTRA)}${i % 500 === 7 && k === 2 ? ` setelah ${RARE}` : ''}`,
      requirements: `${pick(OBJECTS)}, ${pick(OBJECTS)}`,
      time: { amount: 5 + Math.floor(r() * 55), unit: 'minute' },
      output: `${pick(OBJECTS)} ${pick(['selesai', 'tercatat', 'terkirim', 'diperiksa'])}`,
      notes: r() < 0.3 ? pick(EXTRA) : '',
      yes: null,
      no: null,
    }),
  );
  return s;
}

async function login(base: string, email: string, password: string): Promise<Api> {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: base },
    body: JSON.stringify({ email, password }),
  });
  if (!res.ok) throw new Error(`login failed: ${res.status}`);
  const cookie = /susun_session=[^;]+/.exec(res.headers.get('set-cookie') ?? '')?.[0] ?? '';
  return {
    base,
    token: '',
    fetch: (path, init = {}) => {
      const headers = new Headers(init.headers);
      headers.set('Origin', base);
      headers.set('Cookie', cookie);
      return fetch(`${base}${path}`, { ...init, headers });
    },
  };
}

async function post(api: Api, path: string, body: unknown): Promise<{ id: string }> {
  const res = await api.fetch(path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as { id: string };
}

/**
 * Server time of one request from its `Server-Timing`: `total` (wall time from the route's
 * start to the answer built), `cpu` (the server process's CPU time meanwhile: the cost of
 * the request whatever else the machine runs), `access` and `query` (the caller's readable
 * SOPs, then the index query).
 */
async function timed(
  api: Api,
  path: string,
): Promise<{ total: number; cpu: number; access: number; query: number; count: number }> {
  const res = await api.fetch(path);
  await res.arrayBuffer();
  if (res.status !== 200) throw new Error(`${path}: ${res.status}`);
  const st = res.headers.get('server-timing') ?? '';
  const dur = (name: string) =>
    Number(new RegExp(`${name};dur=([\\d.]+)`).exec(st)?.[1] ?? Number.NaN);
  return {
    total: dur('total'),
    cpu: dur('cpu'),
    access: dur('access'),
    query: dur('query'),
    count: Number(res.headers.get('x-total-count') ?? -1),
  };
}

async function runOn(
  ctx: Context,
  spec: ServerSpec,
  backend: 'SQLite' | 'PostgreSQL',
  extraEnv: Record<string, string>,
) {
  const n = ctx.quick ? 1000 : 5000;
  const reps = ctx.quick ? 10 : 30;
  const dir = tempDataDir(`catalogue-${backend}`);
  const { server, api } = await startBench(ctx, spec, { dataDir: dir, extraEnv });
  try {
    if (!api) throw new Error('no REST access');
    const units: string[] = [];
    for (const name of UNITS) units.push((await post(api, '/api/units', { name })).id);
    const t0 = performance.now();
    let next = 0;
    const workers = Array.from({ length: 8 }, async () => {
      while (next < n) {
        const i = next++;
        const unit = units[i % units.length]!;
        const s = generatedSop(i);
        const res = await api.fetch(`/api/sops/import?unitId=${unit}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(s),
        });
        if (res.status !== 201) throw new Error(`import ${i}: ${res.status} ${await res.text()}`);
        await res.arrayBuffer();
      }
    });
    await Promise.all(workers);
    ctx.log(
      `  (h) ${backend}: ${n} SOPs imported in ${((performance.now() - t0) / 1000).toFixed(1)} s; load average ${os.loadavg()[0]?.toFixed(1)} on ${os.cpus().length} cores`,
    );
    // A member of one unit: the list is filtered to what they may read.
    const email = `anggota-${randomBytes(3).toString('hex')}@susun.test`;
    const { id: userId } = await post(api, '/api/users', {
      email,
      name: 'Anggota Unit',
      password: 'anggota-pass-123',
    });
    await api.fetch(`/api/units/${units[1]}/members/${userId}`, { method: 'PUT' });
    const member = await login(api.base, email, 'anggota-pass-123');

    const queries: Array<[string, Api, string]> = [
      ['first page (50)', api, '/api/sops?limit=50'],
      ['search common word', api, '/api/sops?q=arsip&limit=50'],
      ['search step-text word', api, `/api/sops?q=${RARE}&limit=50`],
      ['search two words', api, '/api/sops?q=surat%20register&limit=50'],
      [
        'filter status, sort review date',
        api,
        '/api/sops?status=approved&sort=reviewDate&limit=50',
      ],
      [
        'filter unit+status, sort name',
        api,
        `/api/sops?unit=${units[2]}&status=approved,in_review&sort=name&limit=50`,
      ],
      ['filter review due, search', api, '/api/sops?reviewBefore=2026-12-31&q=surat&limit=50'],
      ['page 40 (offset 2000)', api, '/api/sops?sort=name&limit=50&offset=2000'],
      ['all rows (no limit)', api, '/api/sops'],
      ['member: first page', member, '/api/sops?limit=50'],
      ['member: search', member, '/api/sops?q=arsip&limit=50'],
      ['dashboard counts', api, '/api/catalogue/summary'],
    ];
    for (const [label, who, path] of queries) {
      await timed(who, path); // warm
      const runs: Awaited<ReturnType<typeof timed>>[] = [];
      for (let k = 0; k < reps; k++) runs.push(await timed(who, path));
      const p = (key: 'total' | 'cpu' | 'access' | 'query', q: number) =>
        percentile(
          runs.map((r) => r[key]).filter((v) => Number.isFinite(v)),
          q,
        );
      const add = (name: string, v: number) =>
        ctx.results.add(S, `${backend} ${label} ${name}`, spec.name, round(v), 'ms', 'lower');
      add('p50', p('total', 50));
      add('p95', p('total', 95));
      add('CPU p50', p('cpu', 50));
      const parts = Number.isFinite(p('query', 50))
        ? ` (access ${p('access', 50).toFixed(1)} + query ${p('query', 50).toFixed(1)})`
        : '';
      const count = runs[0]?.count ?? -1;
      ctx.log(
        `  (h) ${backend} ${label}: p50 ${p('total', 50).toFixed(1)} ms${parts}, p95 ${p('total', 95).toFixed(1)} ms, CPU p50 ${p('cpu', 50).toFixed(1)} ms${count >= 0 ? `, ${count} matching` : ''}`,
      );
    }
  } finally {
    await server.stop();
    removeDir(dir);
  }
}

export async function catalogue(ctx: Context, spec: ServerSpec): Promise<void> {
  if (spec.name !== 'susun') return;
  await runOn(ctx, spec, 'SQLite', {});
  const bin = findPgBin();
  if (!bin) {
    ctx.log('  (h) PostgreSQL: no server binaries, skipped');
    return;
  }
  let cluster: PgCluster | null = null;
  try {
    cluster = await startPgCluster(bin);
    const name = `bench_h_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: cluster.adminUrl });
    await admin.connect();
    try {
      await admin.query(`CREATE DATABASE ${name}`);
    } finally {
      await admin.end();
    }
    const u = new URL(cluster.adminUrl);
    u.pathname = `/${name}`;
    await runOn(ctx, spec, 'PostgreSQL', { DATABASE_URL: u.toString() });
  } finally {
    cluster?.stop();
  }
}
