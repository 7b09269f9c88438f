/**
 * Vitest globalSetup: a PostgreSQL server for the PostgreSQL contract suites.
 *
 * - `TEST_DATABASE_URL` set (e.g. by CI or a developer's own server): used as it is; it must
 *   allow `CREATE DATABASE` (each suite makes its own database, see `test/helpers/pg.ts`).
 * - Otherwise, when PostgreSQL's server binaries are installed (Debian: `postgresql`, in
 *   `/usr/lib/postgresql/<v>/bin`, or `PG_BIN`): a throwaway cluster in a temporary
 *   directory (initdb as the `postgres` user when running as root), on a free port,
 *   its socket in that directory, `fsync=off`; stopped and removed at the end.
 * - Neither: the suites learn why through `inject('pgUnavailable')` and fail under
 *   `CI=true`, skip loudly elsewhere (see `pgAvailable()`).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A URL of a database on a server where the tests may CREATE DATABASE; null: none. */
    pgAdminUrl: string | null;
    /** Why there is no PostgreSQL (when pgAdminUrl is null). */
    pgUnavailable: string;
  }
}

/** Temporary directories of the clusters this setup starts. */
const PREFIX = 'susun-pg-';

/** The newest installed PostgreSQL server binaries (or `PG_BIN`), or null. */
export function findPgBin(): string | null {
  const candidates = process.env.PG_BIN
    ? [process.env.PG_BIN]
    : fs.existsSync('/usr/lib/postgresql')
      ? fs
          .readdirSync('/usr/lib/postgresql')
          .filter((v) => /^\d+$/.test(v))
          .sort((a, b) => Number(b) - Number(a))
          .map((v) => `/usr/lib/postgresql/${v}/bin`)
      : [];
  return candidates.find((d) => fs.existsSync(path.join(d, 'initdb'))) ?? null;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

function run(cmd: string, args: string[], asPostgres: boolean): void {
  const [file, argv] = asPostgres
    ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]]
    : [cmd, args];
  const r = spawnSync(file, argv, { encoding: 'utf8' });
  if (r.status !== 0)
    throw new Error(
      `${path.basename(cmd)} failed (${r.status}): ${r.stderr || r.stdout || r.error}`,
    );
}

export default async function setup(project: TestProject): Promise<(() => void) | undefined> {
  const given = process.env.TEST_DATABASE_URL?.trim();
  if (given) {
    project.provide('pgAdminUrl', given);
    project.provide('pgUnavailable', '');
    return undefined;
  }
  const bin = findPgBin();
  if (!bin) {
    project.provide('pgAdminUrl', null);
    project.provide(
      'pgUnavailable',
      'no TEST_DATABASE_URL and no PostgreSQL server binaries (apt-get install -y postgresql)',
    );
    return undefined;
  }
  const cluster = await startPgCluster(bin);
  project.provide('pgAdminUrl', cluster.adminUrl);
  project.provide('pgUnavailable', '');
  // Also when vitest dies before its teardown (an error, Ctrl-C, a closed output pipe).
  process.once('exit', cluster.stop);
  return () => {
    process.off('exit', cluster.stop);
    cluster.stop();
  };
}

export interface PgCluster {
  /** `postgres://postgres@127.0.0.1:<port>/postgres` (trust auth: may CREATE DATABASE). */
  adminUrl: string;
  /** Stops it (immediate) and removes its directory. Idempotent. */
  stop(): void;
}

/**
 * Starts a throwaway cluster from the server binaries in `bin` (see {@link findPgBin}):
 * initdb as the `postgres` user when running as root, a free port, its socket and data in
 * a temporary directory, `fsync=off`. `settings`: more `-c` options (tests pass none and
 * get `synchronous_commit=off`; the benchmark asks for `synchronous_commit=on`).
 */
export async function startPgCluster(
  bin: string,
  settings = '-c full_page_writes=off -c synchronous_commit=off',
): Promise<PgCluster> {
  const asPostgres = process.getuid?.() === 0; // initdb refuses to run as root
  sweepStale(bin, asPostgres);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), PREFIX));
  fs.writeFileSync(path.join(dir, 'owner.pid'), String(process.pid));
  fs.chmodSync(dir, 0o755); // the postgres user must reach it
  // Data, socket and log in one directory the server's user owns.
  const own = path.join(dir, 'pg');
  fs.mkdirSync(own);
  if (asPostgres) run('chown', ['postgres:postgres', own], false);
  const data = path.join(own, 'data');
  const ctl = path.join(bin, 'pg_ctl');
  run(
    path.join(bin, 'initdb'),
    ['-D', data, '-U', 'postgres', '-A', 'trust', '--no-sync', '-E', 'UTF8', '--locale=C.UTF-8'],
    asPostgres,
  );
  let port = 0;
  for (let attempt = 0; ; attempt++) {
    port = await freePort();
    try {
      run(
        ctl,
        [
          '-D',
          data,
          '-l',
          path.join(own, 'log'),
          '-o',
          `-p ${port} -k ${own} -c listen_addresses=127.0.0.1 -c fsync=off ${settings}`,
          '-w',
          'start',
        ],
        asPostgres,
      );
      break;
    } catch (err) {
      // Another process took the port between the probe and the start: try another.
      if (attempt >= 2) throw err;
    }
  }
  let stopped = false;
  return {
    adminUrl: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop: () => {
      if (stopped) return;
      stopped = true;
      stopCluster(dir, ctl, asPostgres);
    },
  };
}

function stopCluster(dir: string, ctl: string, asPostgres: boolean): void {
  const data = path.join(dir, 'pg', 'data');
  const args = [ctl, '-D', data, '-m', 'immediate', 'stop'];
  if (asPostgres) spawnSync('runuser', ['-u', 'postgres', '--', ...args]);
  else spawnSync(args[0] as string, args.slice(1));
  fs.rmSync(dir, { recursive: true, force: true });
}

/** Clusters left by runs that were killed (their owner process is gone): stop and remove them. */
function sweepStale(bin: string, asPostgres: boolean): void {
  for (const name of fs.readdirSync(os.tmpdir())) {
    if (!name.startsWith(PREFIX)) continue;
    const dir = path.join(os.tmpdir(), name);
    let owner = 0;
    try {
      owner = Number(fs.readFileSync(path.join(dir, 'owner.pid'), 'utf8'));
    } catch {
      // Not written yet by a run starting right now, or a broken leftover: leave young ones.
      if (Date.now() - fs.statSync(dir).mtimeMs < 60_000) continue;
    }
    if (Number.isInteger(owner) && owner > 0 && alive(owner)) continue;
    stopCluster(dir, path.join(bin, 'pg_ctl'), asPostgres);
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
