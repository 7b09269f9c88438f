/**
 * Run the real CLI entry (`server/main.ts`) as a child process, for crash tests
 * (kill -9) and shutdown tests. One node process (tsx loaded with --import), so a
 * SIGKILL really kills the server. The administrator comes from `SUSUN_ADMIN_EMAIL` /
 * `SUSUN_ADMIN_PASSWORD` (the test server's, so `startTestServer` on the same data dir
 * signs in as the same person); the helper signs in and takes a token for sockets.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import { TEST_ADMIN } from './server.js';

export interface ChildServer {
  proc: ChildProcess;
  url: string;
  wsUrl: string;
  /** Resolves with the exit code/signal. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Log lines (pino JSON) seen so far. */
  logs: string[];
  /** What the process wrote to stderr (a crash's stack). */
  stderr: string[];
  /** The administrator's session cookie and API token. */
  admin: { cookie: string; token: string };
  /** `fetch(url + path)` as the administrator, with a same-origin `Origin`; `json` is the body. */
  api(path: string, init?: RequestInit & { json?: unknown }): Promise<Response>;
  kill(signal?: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const ROOT = path.resolve(import.meta.dirname, '../..');

/**
 * Spawn `node --import tsx server/main.ts` on port 0, wait for its "listening" log line,
 * then sign in as the administrator.
 */
export async function startChildServer(
  env: Record<string, string>,
  timeoutMs = 20_000,
): Promise<ChildServer> {
  const child = await spawnChild(env, timeoutMs);
  try {
    return await signIn(
      child,
      env.SUSUN_ADMIN_EMAIL ?? TEST_ADMIN.email,
      env.SUSUN_ADMIN_PASSWORD ?? TEST_ADMIN.password,
    );
  } catch (err) {
    await child.kill('SIGKILL');
    throw err;
  }
}

type Spawned = Omit<ChildServer, 'admin' | 'api'>;

async function signIn(child: Spawned, email: string, password: string): Promise<ChildServer> {
  const login = await fetch(`${child.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: child.url },
    body: JSON.stringify({ email, password }),
  });
  const cookie = /susun_session=[^;]+/.exec(login.headers.get('set-cookie') ?? '')?.[0];
  if (login.status !== 200 || !cookie)
    throw new Error(`child server login failed: ${login.status}`);
  const api: ChildServer['api'] = (p, init = {}) => {
    const { json, ...rest } = init;
    const headers = new Headers(rest.headers);
    headers.set('Cookie', cookie);
    if (!headers.has('Origin')) headers.set('Origin', child.url);
    if (json !== undefined) {
      headers.set('Content-Type', 'application/json');
      rest.body = JSON.stringify(json);
      rest.method ??= 'POST';
    }
    return fetch(`${child.url}${p}`, { ...rest, headers });
  };
  const t = await api('/api/tokens', { json: { name: 'child-server test' } });
  if (t.status !== 201) throw new Error(`child server token failed: ${t.status}`);
  const { token } = (await t.json()) as { token: string };
  return { ...child, admin: { cookie, token }, api };
}

function spawnChild(env: Record<string, string>, timeoutMs: number): Promise<Spawned> {
  const proc = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'server/main.ts')], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      SEED_SAMPLE: '0',
      SUSUN_ADMIN_EMAIL: TEST_ADMIN.email,
      SUSUN_ADMIN_PASSWORD: TEST_ADMIN.password,
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
          stderr,
          kill(signal = 'SIGKILL') {
            if (proc.exitCode === null && proc.signalCode === null) proc.kill(signal);
            return exited;
          },
        });
      }
    });
  });
}
