/**
 * Run the real CLI entry (`server/main.ts`) as a child process, for crash tests
 * (kill -9) and shutdown tests. One node process (tsx loaded with --import), so a
 * SIGKILL really kills the server.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';

export interface ChildServer {
  proc: ChildProcess;
  url: string;
  wsUrl: string;
  /** Resolves with the exit code/signal. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Log lines (pino JSON) seen so far. */
  logs: string[];
  kill(signal?: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const ROOT = path.resolve(import.meta.dirname, '../..');

/** Spawn `node --import tsx server/main.ts` on port 0 and wait for its "listening" log line. */
export function startChildServer(
  env: Record<string, string>,
  timeoutMs = 20_000,
): Promise<ChildServer> {
  const proc = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'server/main.ts')], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      SEED_SAMPLE: '0',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: string[] = [];
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    proc.once('exit', (code, signal) => resolve({ code, signal }));
  });
  const stderr: string[] = [];
  proc.stderr?.on('data', (d: Buffer) => stderr.push(d.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      proc.kill('SIGKILL');
      reject(new Error(`child server did not start: ${stderr.join('')}`));
    }, timeoutMs);
    exited.then(({ code }) => {
      clearTimeout(timer);
      reject(new Error(`child server exited (${code}) before listening: ${stderr.join('')}`));
    });
    const rl = readline.createInterface({ input: proc.stdout! });
    rl.on('line', (line) => {
      logs.push(line);
      let entry: { msg?: string; url?: string };
      try {
        entry = JSON.parse(line) as { msg?: string; url?: string };
      } catch {
        return;
      }
      if (entry.msg === 'Susun listening' && entry.url) {
        clearTimeout(timer);
        const url = entry.url;
        resolve({
          proc,
          url,
          wsUrl: `${url.replace(/^http/, 'ws')}/collab`,
          exited,
          logs,
          kill(signal = 'SIGKILL') {
            if (proc.exitCode === null && proc.signalCode === null) proc.kill(signal);
            return exited;
          },
        });
      }
    });
  });
}
