import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { sleep } from './stats.js';

export type ServerName = 'susun' | 'yws' | 'hocuspocus';
export type Protocol = 'y-websocket' | 'hocuspocus';

/** How to start one kind of server and how clients reach it. */
export interface ServerSpec {
  name: ServerName;
  label: string;
  entry: string;
  protocol: Protocol;
  /** Whether it sends Susun's opt-in `stored` message (scenario e). */
  storedConfirmation: boolean;
  env(dataDir: string, port: number): Record<string, string>;
  /** Base URL a provider is given; the doc name is appended by the provider. */
  baseUrl(port: number): string;
}

const ROOT = path.resolve(import.meta.dirname, '../../..');

export const SPECS: Record<ServerName, ServerSpec> = {
  susun: {
    name: 'susun',
    label: 'Susun',
    // The server bundle `npm start` runs (built by run.ts before any scenario).
    entry: path.join(ROOT, 'dist/server/main.mjs'),
    protocol: 'y-websocket',
    storedConfirmation: true,
    env: (dataDir, port) => ({
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'silent',
    }),
    baseUrl: (port) => `ws://127.0.0.1:${port}/collab`,
  },
  yws: {
    name: 'yws',
    label: 'y-websocket-server',
    entry: path.join(import.meta.dirname, '../servers/yws.ts'),
    protocol: 'y-websocket',
    storedConfirmation: false,
    env: (_dataDir, port) => ({ PORT: String(port), HOST: '127.0.0.1' }),
    baseUrl: (port) => `ws://127.0.0.1:${port}`,
  },
  hocuspocus: {
    name: 'hocuspocus',
    label: 'Hocuspocus',
    entry: path.join(import.meta.dirname, '../servers/hocuspocus.ts'),
    protocol: 'hocuspocus',
    storedConfirmation: false,
    env: (dataDir, port) => ({ PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir }),
    baseUrl: (port) => `ws://127.0.0.1:${port}`,
  },
};

export function serverAvailable(spec: ServerSpec): boolean {
  return existsSync(spec.entry);
}

/** A port the OS just handed out (all servers draw from the same ephemeral range). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

export function tempDataDir(name: string): string {
  return mkdtempSync(path.join(os.tmpdir(), `susun-bench-${name}-`));
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const sock = net.connect(port, '127.0.0.1');
    sock.once('connect', () => {
      sock.destroy();
      resolve(true);
    });
    sock.once('error', () => resolve(false));
  });
}

export interface RunningServer {
  spec: ServerSpec;
  pid: number;
  port: number;
  dataDir: string;
  baseUrl: string;
  /** SIGKILL, resolves once the process is reaped. */
  kill9(): Promise<void>;
  /** SIGTERM (graceful), SIGKILL after `graceMs`. */
  stop(graceMs?: number): Promise<void>;
}

export interface StartOptions {
  dataDir: string;
  port?: number;
  extraEnv?: Record<string, string>;
  nodeArgs?: string[];
}

/**
 * Starts a server as its own child process (`node [--import tsx] <entry>`, tsx for a
 * TypeScript entry, so the child pid is the server itself and /proc figures are the
 * server's alone) and waits until its port accepts.
 */
export async function startServer(spec: ServerSpec, opts: StartOptions): Promise<RunningServer> {
  const port = opts.port ?? (await freePort());
  const env = { ...process.env, ...spec.env(opts.dataDir, port), ...opts.extraEnv };
  const child: ChildProcess = spawn(
    process.execPath,
    [
      ...(opts.nodeArgs ?? []),
      ...(spec.entry.endsWith('.ts') ? ['--import', 'tsx'] : []),
      spec.entry,
    ],
    {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => {
    stderr = (stderr + d.toString()).slice(-4000);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let dead = false;
  void exited.then(() => {
    dead = true;
  });
  const deadline = Date.now() + 30_000;
  while (!(await canConnect(port))) {
    if (dead)
      throw new Error(`${spec.label} exited during start-up: ${stderr.trim().slice(-1500)}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(
        `${spec.label} did not listen on ${port} within 30 s: ${stderr.slice(-1500)}`,
      );
    }
    await sleep(25);
  }
  const pid = child.pid ?? 0;
  return {
    spec,
    pid,
    port,
    dataDir: opts.dataDir,
    baseUrl: spec.baseUrl(port),
    async kill9() {
      if (!dead) child.kill('SIGKILL');
      await exited;
    },
    async stop(graceMs = 10_000) {
      if (dead) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}
