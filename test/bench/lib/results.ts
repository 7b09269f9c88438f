import type { ServerName } from './servers.js';

export type Value = number | string | boolean;

/** Whether a smaller or a larger figure is the better one (decides nothing; shown in the table). */
export type Better = 'lower' | 'higher' | 'none';

export interface Metric {
  scenario: string;
  name: string;
  unit: string;
  better: Better;
  values: Partial<Record<ServerName, Value>>;
}

export interface ServerRun {
  valid: boolean;
  notes: string[];
  error?: string;
}

/** Everything a run measured: scenario → metric → server → value, plus per-run validity and notes. */
export class Results {
  readonly metrics: Metric[] = [];
  readonly runs: Record<string, Partial<Record<ServerName, ServerRun>>> = {};

  add(
    scenario: string,
    name: string,
    server: ServerName,
    value: Value,
    unit = '',
    better: Better = 'none',
  ): void {
    let m = this.metrics.find((x) => x.scenario === scenario && x.name === name);
    if (!m) {
      m = { scenario, name, unit, better, values: {} };
      this.metrics.push(m);
    }
    m.values[server] = value;
    this.run(scenario, server);
  }

  run(scenario: string, server: ServerName): ServerRun {
    const byServer = this.runs[scenario] ?? {};
    this.runs[scenario] = byServer;
    let r = byServer[server];
    if (!r) {
      r = { valid: true, notes: [] };
      byServer[server] = r;
    }
    return r;
  }

  note(scenario: string, server: ServerName, text: string): void {
    this.run(scenario, server).notes.push(text);
  }

  invalidate(scenario: string, server: ServerName, reason: string): void {
    const r = this.run(scenario, server);
    r.valid = false;
    r.notes.push(`INVALID: ${reason}`);
  }

  fail(scenario: string, server: ServerName, error: string): void {
    this.run(scenario, server).error = error;
  }

  /** Scenario/server pairs that ran but produced no numeric figure. */
  empty(scenarios: readonly string[], servers: readonly ServerName[]): string[] {
    const out: string[] = [];
    for (const s of scenarios) {
      for (const srv of servers) {
        const has = this.metrics.some(
          (m) =>
            m.scenario === s && typeof m.values[srv] === 'number' && Number.isFinite(m.values[srv]),
        );
        if (!has) out.push(`${s}/${srv}`);
      }
    }
    return out;
  }
}
