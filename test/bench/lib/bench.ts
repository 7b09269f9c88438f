/**
 * Starting a server for a scenario and reaching it as the benchmark's clients do. Since
 * issue 11 Susun serves only signed-in sockets (`/collab/<id>?token=…`, else 4401) and only
 * documents created through REST (any other id: 4404). So for Susun this starts the server
 * with an administrator (`SUSUN_ADMIN_EMAIL`/`SUSUN_ADMIN_PASSWORD`, created on the fresh
 * data dir), signs in, takes an API token for every socket, and creates one SOP per document
 * a scenario uses ({@link docIds}: name → SOP id). The baselines take any name and no token.
 *
 * All of Susun's bench clients use this one account: run.ts raises
 * `MAX_CONNECTIONS_PER_USER` for the bench server rather than spreading clients over accounts.
 */
import type { SopSnapshot } from '../../../shared/model/types.js';
import type { Target } from '../gen/clients.js';
import type { Context } from './context.js';
import { type RunningServer, type ServerSpec, startServer } from './servers.js';

/** Administrator every Susun bench server is started with. */
export const BENCH_ADMIN = { email: 'bench@susun.test', password: 'bench-admin-pass-1' };

/** REST access to a Susun server as the administrator, and the API token for its sockets. */
export interface Api {
  base: string;
  token: string;
  fetch(path: string, init?: RequestInit): Promise<Response>;
}

/** Signs in as {@link BENCH_ADMIN} (session cookie) and creates an API token. */
export async function signIn(base: string): Promise<Api> {
  let cookie: string | null = null;
  const call = (path: string, init: RequestInit = {}) => {
    const headers = new Headers(init.headers);
    headers.set('Origin', base);
    if (cookie) headers.set('Cookie', cookie);
    return fetch(`${base}${path}`, { ...init, headers });
  };
  const json = (body: unknown): RequestInit => ({
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  const login = await call('/api/auth/login', json(BENCH_ADMIN));
  if (!login.ok) throw new Error(`login failed: ${login.status} ${await login.text()}`);
  cookie = /susun_session=[^;]+/.exec(login.headers.get('set-cookie') ?? '')?.[0] ?? null;
  const t = await call('/api/tokens', json({ name: 'bench' }));
  if (!t.ok) throw new Error(`token failed: ${t.status} ${await t.text()}`);
  const { token } = (await t.json()) as { token: string };
  return { base, token, fetch: call };
}

async function created(res: Response, what: string): Promise<string> {
  if (res.status !== 201) throw new Error(`${what} failed: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { id: string }).id;
}

/** `POST /api/sops/import`: a new SOP holding `snapshot`; its id. */
export async function importSop(api: Api, snapshot: SopSnapshot): Promise<string> {
  const res = await api.fetch('/api/sops/import', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(snapshot),
  });
  return created(res, 'import');
}

/** `POST /api/sops`: a new, empty `sop-ap` SOP called `name`; its id. */
export async function createSop(api: Api, name: string): Promise<string> {
  const res = await api.fetch('/api/sops', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ template: 'sop-ap', name }),
  });
  return created(res, `creating SOP ${name}`);
}

/** A started server, how clients reach it, and (Susun) its REST API. */
export interface Bench {
  server: RunningServer;
  /** For generators: protocol, base URL and, for Susun, the token. */
  target: Target;
  /** Susun's REST API as the administrator; null for the baselines. */
  api: Api | null;
}

/**
 * Starts `spec` (Susun: with `ctx.susunEnv`, the bench administrator and `--profile`'s node
 * flags; `extraEnv` is applied last) and, for Susun, signs in. Call it again to restart on the
 * same `dataDir`: the account is stored there, so the sign-in works again.
 */
export async function startBench(
  ctx: Context,
  spec: ServerSpec,
  opts: { dataDir: string; port?: number; extraEnv?: Record<string, string> },
): Promise<Bench> {
  const susun = spec.name === 'susun';
  const server = await startServer(spec, {
    dataDir: opts.dataDir,
    ...(opts.port !== undefined ? { port: opts.port } : {}),
    extraEnv: susun
      ? {
          ...ctx.susunEnv,
          SUSUN_ADMIN_EMAIL: BENCH_ADMIN.email,
          SUSUN_ADMIN_PASSWORD: BENCH_ADMIN.password,
          ...opts.extraEnv,
        }
      : (opts.extraEnv ?? {}),
    nodeArgs: susun ? ctx.susunNodeArgs : [],
  });
  if (!susun)
    return { server, target: { protocol: spec.protocol, baseUrl: server.baseUrl }, api: null };
  try {
    const api = await signIn(`http://127.0.0.1:${server.port}`);
    return {
      server,
      target: { protocol: spec.protocol, baseUrl: server.baseUrl, token: api.token },
      api,
    };
  } catch (err) {
    await server.kill9();
    throw err;
  }
}

/**
 * The document id each name is served under: for Susun a new `sop-ap` SOP per name (through
 * REST, a few at a time; callers do this before any timing starts), for the baselines the
 * name itself.
 */
export async function docIds(bench: Bench, names: readonly string[]): Promise<string[]> {
  const api = bench.api;
  if (!api) return [...names];
  const ids = new Array<string>(names.length);
  let next = 0;
  const lane = async () => {
    while (next < names.length) {
      const i = next++;
      ids[i] = await createSop(api, names[i] as string);
    }
  };
  await Promise.all(Array.from({ length: Math.min(8, names.length) }, lane));
  return ids;
}
