import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Results, Value } from './results.js';
import { type ServerName, SPECS } from './servers.js';
import { round } from './stats.js';

export interface Machine {
  cpuModel: string;
  cores: number;
  memGiB: number;
  loadAvg: number[];
}

export function machineInfo(): Machine {
  return {
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    cores: os.cpus().length,
    memGiB: round(os.totalmem() / 2 ** 30),
    loadAvg: os.loadavg().map((l) => round(l)),
  };
}

/** `git rev-parse HEAD`, or a reason when there is no commit yet (or no git). */
export function gitCommit(cwd: string): string {
  try {
    const head = execFileSync('git', ['rev-parse', 'HEAD'], {
      cwd,
      stdio: ['ignore', 'pipe', 'ignore'],
    })
      .toString()
      .trim();
    const dirty = execFileSync('git', ['status', '--porcelain'], {
      cwd,
      stdio: ['ignore', 'pipe', 'ignore'],
    })
      .toString()
      .trim();
    return dirty ? `${head}+dirty` : head;
  } catch {
    return 'unknown (no commit yet)';
  }
}

function fmt(v: Value | undefined): string {
  if (v === undefined) return '—';
  if (typeof v === 'number') return Number.isNaN(v) ? 'n/a' : String(v);
  return String(v);
}

function ratio(a: Value | undefined, b: Value | undefined): string {
  if (
    typeof a !== 'number' ||
    typeof b !== 'number' ||
    !Number.isFinite(a) ||
    !Number.isFinite(b) ||
    b === 0
  )
    return '—';
  return `${round(a / b, 2)}×`;
}

/** Plain-text table: one row per figure, a column per server, then Susun's ratio to each baseline. */
export function renderTable(results: Results, servers: readonly ServerName[]): string {
  const baselines = servers.filter((s) => s !== 'susun');
  const header = [
    'scenario',
    'figure',
    'unit',
    ...servers.map((s) => SPECS[s].label),
    ...baselines.map((b) => `Susun/${SPECS[b].label}`),
  ];
  const rows = results.metrics.map((m) => [
    m.scenario,
    m.name + (m.better === 'lower' ? ' ↓' : m.better === 'higher' ? ' ↑' : ''),
    m.unit,
    ...servers.map((s) => fmt(m.values[s])),
    ...baselines.map((b) => (servers.includes('susun') ? ratio(m.values.susun, m.values[b]) : '—')),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ');
  const out = [line(header), widths.map((w) => '-'.repeat(w)).join('-|-')];
  let last = '';
  for (const r of rows) {
    if (last && r[0] !== last) out.push('');
    last = r[0] ?? '';
    out.push(line(r));
  }
  const notes: string[] = [];
  for (const [scenario, byServer] of Object.entries(results.runs)) {
    for (const [server, run] of Object.entries(byServer)) {
      if (!run) continue;
      const label = SPECS[server as ServerName].label;
      if (run.error) notes.push(`(${scenario}) ${label}: ERROR ${run.error.split('\n')[0]}`);
      for (const n of run.notes) notes.push(`(${scenario}) ${label}: ${n}`);
    }
  }
  return `${out.join('\n')}\n${notes.length ? `\nNotes:\n${notes.map((n) => `- ${n}`).join('\n')}\n` : ''}`;
}

export function writeJson(file: string, data: unknown): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(data, null, 2)}\n`);
}
