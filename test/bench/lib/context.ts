import type { Results } from './results.js';
import type { ServerName, ServerSpec } from './servers.js';
import type { Generator } from './workers.js';

/** What every scenario gets from the orchestrator. */
export interface Context {
  quick: boolean;
  /** Generator processes: [0] editors/writers, [1..] observers. */
  gens: Generator[];
  specs: ServerSpec[];
  results: Results;
  /** Scratch directory of this run (encoded traces, fixtures). */
  tmp: string;
  /** Extra env for Susun's server (e.g. a short unload delay), from server/config.ts. */
  susunEnv: Record<string, string>;
  /** Node flags for Susun's server (`--profile=DIR` adds `--cpu-prof`). */
  susunNodeArgs: string[];
  log(msg: string): void;
}

/** Generator CPU above this share of one core means the load generator, not the server, may be the limit. */
export const SATURATED_PCT = 90;

export function checkGenerators(
  ctx: Context,
  scenario: string,
  server: ServerName,
  cpu: number[],
  phase: string,
): number {
  const worst = Math.max(...cpu.filter(Number.isFinite));
  if (worst > SATURATED_PCT) {
    ctx.results.invalidate(
      scenario,
      server,
      `${phase}: a load generator used ${worst.toFixed(0)}% of a core`,
    );
  }
  return worst;
}
