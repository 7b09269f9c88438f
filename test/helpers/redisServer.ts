/**
 * A throwaway Redis for the scale-out suites (like `pgSetup.ts` for PostgreSQL): Debian's
 * `redis-server` (or `REDIS_SERVER`) on a free port, no persistence, in a temporary
 * directory; `restart()` kills it and starts a fresh one on the same port (a Redis
 * restart: every subscription and message in flight is gone).
 *
 * Without the binary the suites fail under `CI=true` and are skipped, loudly, elsewhere
 * ({@link redisAvailable}).
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/** The redis-server binary, or null. */
export function redisBinary(): string | null {
  const given = process.env.REDIS_SERVER;
  if (given) return fs.existsSync(given) ? given : null;
  const r = spawnSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' });
  const found = r.stdout.trim();
  if (found) return found;
  return fs.existsSync('/usr/bin/redis-server') ? '/usr/bin/redis-server' : null;
}

/**
 * Whether Redis suites can run. None under CI=true is an error (a suite that silently
 * skips in CI could never fail); elsewhere they are skipped, loudly.
 */
export function redisAvailable(): boolean {
  if (redisBinary()) return true;
  const why = 'no redis-server binary (apt-get install -y redis-server, or set REDIS_SERVER)';
  if (process.env.CI === 'true') throw new Error(`Redis suites: ${why} (required under CI=true)`);
  process.stderr.write(`\n!!! SKIPPING Redis scale-out suites: ${why}\n\n`);
  return false;
}

export interface TestRedis {
  url: string;
  port: number;
  /** The running server's pid (0 while it is down). */
  readonly pid: number;
  /** Kill it (SIGKILL) and start a fresh one on the same port; resolves once it answers. */
  restart(): Promise<void>;
  /** Kill it; `start()` brings it back on the same port. */
  kill(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/** Resolves once `PING` gets `+PONG` on the port (retried while it starts). */
async function answers(port: number, proc: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`redis-server exited: ${log()}`);
    const ok = await new Promise<boolean>((resolve) => {
      const s = net.connect(port, '127.0.0.1');
      s.once('error', () => resolve(false));
      s.once('connect', () => s.write('PING\r\n'));
      s.once('data', (d) => {
        s.destroy();
        resolve(d.toString().startsWith('+PONG'));
      });
    });
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`redis-server did not answer: ${log()}`);
    await new Promise<void>((r) => setTimeout(r, 20));
  }
}

export async function startRedis(): Promise<TestRedis> {
  const bin = redisBinary();
  if (!bin) throw new Error('no redis-server (check redisAvailable() first)');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'susun-redis-'));
  const port = await freePort();
  let proc: ChildProcess | null = null;
  let output = '';
  const start = async (): Promise<void> => {
    output = '';
    const p = spawn(
      bin,
      [
        '--port',
        String(port),
        '--bind',
        '127.0.0.1',
        '--save',
        '',
        '--appendonly',
        'no',
        '--dir',
        dir,
        '--daemonize',
        'no',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    p.stdout?.on('data', (d: Buffer) => {
      output = (output + d.toString()).slice(-2000);
    });
    p.stderr?.on('data', (d: Buffer) => {
      output = (output + d.toString()).slice(-2000);
    });
    proc = p;
    await answers(port, p, () => output);
  };
  const kill = async (): Promise<void> => {
    const p = proc;
    proc = null;
    if (!p || p.exitCode !== null || p.signalCode !== null) return;
    const exited = new Promise<void>((r) => p.once('exit', () => r()));
    p.kill('SIGKILL');
    await exited;
  };
  await start();
  // Also when the test process dies first.
  const onExit = () => proc?.kill('SIGKILL');
  process.once('exit', onExit);
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    get pid() {
      return proc?.pid ?? 0;
    },
    start,
    kill,
    async restart() {
      await kill();
      await start();
    },
    async stop() {
      process.off('exit', onExit);
      await kill();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
