import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { nowMs } from './clock.js';

/** One reading of a process's CPU time and resident memory, from /proc. */
export interface ProcSample {
  t: number;
  cpuMs: number;
  rssKb: number;
}

function clockTicks(): number {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;
  } catch {
    return 100;
  }
}
const CLK_TCK = clockTicks();

/** Reads utime+stime (/proc/pid/stat fields 14 and 15) and VmRSS; null when the process is gone. */
export function sampleProc(pid: number): ProcSample | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may contain spaces: split after its closing parenthesis.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const rss = /VmRSS:\s+(\d+)/.exec(status);
    return { t: nowMs(), cpuMs: (ticks * 1000) / CLK_TCK, rssKb: rss ? Number(rss[1]) : 0 };
  } catch {
    return null;
  }
}

/** CPU use between two samples, in percent of one core. */
export function cpuPercent(a: ProcSample | null, b: ProcSample | null): number {
  if (!a || !b || b.t <= a.t) return Number.NaN;
  return ((b.cpuMs - a.cpuMs) / (b.t - a.t)) * 100;
}

/** Samples a set of processes at the start and end of a measured window. */
export class Window {
  private readonly start = new Map<number, ProcSample | null>();
  private end = new Map<number, ProcSample | null>();

  constructor(private readonly pids: readonly number[]) {
    for (const pid of pids) this.start.set(pid, sampleProc(pid));
  }

  stop(): this {
    this.end = new Map(this.pids.map((pid) => [pid, sampleProc(pid)]));
    return this;
  }

  cpu(pid: number): number {
    return cpuPercent(this.start.get(pid) ?? null, this.end.get(pid) ?? null);
  }

  cpuMs(pid: number): number {
    const a = this.start.get(pid);
    const b = this.end.get(pid);
    return a && b ? b.cpuMs - a.cpuMs : Number.NaN;
  }

  rssKb(pid: number): number {
    return this.end.get(pid)?.rssKb ?? Number.NaN;
  }
}
