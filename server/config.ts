/**
 * Server configuration: parsed once from environment variables into a typed,
 * validated object that is passed in everywhere. Nothing here reads `process.env`
 * at import time, so several servers can run in one process (tests).
 */
import { availableParallelism } from 'node:os';
import path from 'node:path';

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

export interface Config {
  /** TCP port; 0 picks a free one (tests). Env `PORT`, default 8080. */
  port: number;
  /** Interface to bind. Env `HOST`, default 127.0.0.1 (use 0.0.0.0 to let a meeting room join). */
  host: string;
  /** Directory holding `susun.db`. Env `DATA_DIR`, default `data` (resolved against cwd). */
  dataDir: string;
  /** Directory of the built client. Env `CLIENT_DIR`, default `dist/client`. */
  clientDir: string;
  /** pino level. Env `LOG_LEVEL`, default `info`. */
  logLevel: LogLevel;
  /** Largest WebSocket frame accepted (enforced by ws). Env `MAX_MESSAGE_BYTES`, default 4 MiB. */
  maxMessageBytes: number;
  /** Largest awareness state of one client (JSON bytes). Env `MAX_AWARENESS_BYTES`, default 16 KiB. */
  maxAwarenessBytes: number;
  /** Largest stored size of one document (snapshot + log). Env `MAX_DOC_BYTES`, default 8 MiB (a loaded document costs about 11 MB of heap per stored MB; see README). */
  maxDocBytes: number;
  /** Largest JSON request body. Env `MAX_BODY_BYTES`, default 8 MiB. */
  maxBodyBytes: number;
  /** Env `MAX_CONNECTIONS_PER_DOC`, default 100. */
  maxConnectionsPerDoc: number;
  /** Env `MAX_CONNECTIONS_PER_IP`, default 200. */
  maxConnectionsPerIp: number;
  /**
   * Open HTTP connections (not counting WebSockets, capped by `maxConnectionsPerIp`) from
   * one address; more are closed at once. Raise it when many browsers share one address
   * (NAT). Env `MAX_HTTP_CONNECTIONS_PER_IP`, default 128.
   */
  maxHttpConnectionsPerIp: number;
  /**
   * A connection must send its request headers within this time, and its whole request
   * within `httpRequestTimeoutMs` (checked every second; then 408 and closed), so slowly
   * trickled requests (slowloris) cannot hold sockets. Env `HTTP_HEADERS_TIMEOUT_MS`,
   * default 5000; `HTTP_REQUEST_TIMEOUT_MS`, default 10000 (not below the headers timeout).
   */
  httpHeadersTimeoutMs: number;
  httpRequestTimeoutMs: number;
  /** Open sockets of one account (all documents). Env `MAX_CONNECTIONS_PER_USER`, default 30. */
  maxConnectionsPerUser: number;
  /**
   * A socket that has not authenticated and asked to sync (sync step 1) within this time
   * is closed (4408). Env `SYNC_TIMEOUT_MS`, default 5000.
   */
  syncTimeoutMs: number;
  /** Delay before an idle room (no clients) is compacted and unloaded. Env `UNLOAD_DELAY_MS`, default 30000. */
  unloadDelayMs: number;
  /** Update-log length that triggers a background compaction. Env `COMPACT_THRESHOLD`, default 500. */
  compactThreshold: number;
  /** Ping interval; a socket that misses one pong is dropped. Env `HEARTBEAT_MS`, default 30000. */
  heartbeatMs: number;
  /** Listing refresh: after this long without a change, at the latest 5× it (MetaWriter). Env `META_DEBOUNCE_MS`, default 1000. */
  metaDebounceMs: number;
  /**
   * fsync policy. `normal` (default): each stored group is handed to the OS (survives a process
   * crash / kill -9). `full`: each group is fsynced before it is confirmed (survives power loss).
   * Env `SYNC_MODE`.
   */
  syncMode: 'normal' | 'full';
  /** Seed the bundled sample SOP into a fresh database. Env `SEED_SAMPLE` (1/0), default on. */
  seedSample: boolean;
  /**
   * Storage engine. Env `STORAGE` (`sqlite` | `memory` | `postgres`), default `sqlite`, or
   * `postgres` when `DATABASE_URL` is set.
   */
  storage: 'sqlite' | 'memory' | 'postgres';
  /**
   * PostgreSQL connection URL (`postgres://user:pass@host:5432/db`); setting it implies
   * `STORAGE=postgres`. Env `DATABASE_URL`, default empty.
   */
  databaseUrl: string;
  /**
   * Redis connection URL (`redis://host:6379`, `rediss://...`): several Susun processes on
   * one PostgreSQL database fan stored updates, presence and access changes out to each
   * other through it. Needs `DATABASE_URL`. Env `REDIS_URL`, default empty (one process).
   */
  redisUrl: string;
  /**
   * Each process announces itself on Redis this often; a peer silent for three beats is
   * taken as gone (its presence entries are removed, documents catch up from storage).
   * Env `CLUSTER_HEARTBEAT_MS`, default 2000.
   */
  clusterHeartbeatMs: number;
  /**
   * How long a gap in the stored groups a process has received may stay open (another
   * process's message may still be on its way) before the document catches up from
   * storage. Env `FANOUT_GAP_MS`, default 250.
   */
  fanoutGapMs: number;
  /**
   * PDF/Word renders running at once, each in a worker thread. Env `EXPORT_CONCURRENCY`,
   * default one less than the cores (1 to 4), so the event loop keeps a core.
   */
  exportConcurrency: number;
  /** Exports allowed to wait for a thread; beyond that 503 + Retry-After. Env `EXPORT_QUEUE`, default 8. */
  exportQueue: number;
  /** Longest render before its thread is stopped. Env `EXPORT_TIMEOUT_MS`, default 60000. */
  exportTimeoutMs: number;
  /** V8 heap limit of each export thread, MiB. Env `EXPORT_MEMORY_MB`, default 512. */
  exportMemoryMb: number;
  /**
   * First administrator, created at start when the database has no account yet (scripted
   * setups). Env `SUSUN_ADMIN_EMAIL`, `SUSUN_ADMIN_PASSWORD` (both or neither),
   * `SUSUN_ADMIN_NAME` (default "Administrator"), `SUSUN_AGENCY_NAME`.
   */
  adminEmail: string;
  adminPassword: string;
  adminName: string;
  /** Jabatan of that administrator (fills *Disahkan oleh* when they approve). Env `SUSUN_ADMIN_TITLE`. */
  adminTitle: string;
  agencyName: string;
  /**
   * The address people use to reach Susun, e.g. `https://sop.example.go.id`: its host is
   * accepted in `Host` and `Origin`, and cookies get `Secure` when it is https. Env `PUBLIC_URL`.
   */
  publicUrl: string;
  /** More host names accepted in `Host`/`Origin` (DNS-rebinding guard). Env `ALLOWED_HOSTS`, comma-separated. */
  allowedHosts: string[];
  /** A session idle this long ends. Env `SESSION_IDLE_HOURS`, default 168 (7 days). */
  sessionIdleHours: number;
  /** A session ends this long after login whatever its use. Env `SESSION_MAX_DAYS`, default 30. */
  sessionMaxDays: number;
  /** Failed logins per account within the window before 429. Env `LOGIN_MAX_FAILURES`, default 5. */
  loginMaxFailures: number;
  /** Failed logins per address within the window before 429. Env `LOGIN_MAX_FAILURES_PER_ADDRESS`, default 20. */
  loginMaxFailuresPerAddress: number;
  /** Env `LOGIN_WINDOW_MINUTES`, default 15. */
  loginWindowMinutes: number;
  /** Largest agency logo upload (PNG or SVG); larger ones get 413. Env `MAX_LOGO_BYTES`, default 512 KiB. */
  maxLogoBytes: number;
  /**
   * Lookups of verification codes (`/v/<code>`, `/api/verify/<code>`) per address per
   * minute; beyond that 429. Env `VERIFY_RATE_PER_MINUTE`, default 30.
   */
  verifyRatePerMinute: number;
}

/** Thrown by {@link loadConfig} with every problem found, one per line. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  ${problems.join('\n  ')}`);
    this.name = 'ConfigError';
  }
}

const MiB = 1024 * 1024;

/** Defaults used when a variable is unset or empty. */
export const DEFAULT_CONFIG: Readonly<Config> = Object.freeze({
  port: 8080,
  host: '127.0.0.1',
  dataDir: 'data',
  clientDir: 'dist/client',
  logLevel: 'info',
  maxMessageBytes: 4 * MiB,
  maxAwarenessBytes: 16 * 1024,
  maxDocBytes: 8 * MiB,
  maxBodyBytes: 8 * MiB,
  maxConnectionsPerDoc: 100,
  maxConnectionsPerIp: 200,
  maxHttpConnectionsPerIp: 128,
  httpHeadersTimeoutMs: 5000,
  httpRequestTimeoutMs: 10_000,
  maxConnectionsPerUser: 30,
  syncTimeoutMs: 5000,
  unloadDelayMs: 30_000,
  compactThreshold: 500,
  heartbeatMs: 30_000,
  metaDebounceMs: 1000,
  syncMode: 'normal',
  seedSample: true,
  storage: 'sqlite',
  databaseUrl: '',
  redisUrl: '',
  clusterHeartbeatMs: 2000,
  fanoutGapMs: 250,
  // One core stays with the event loop (sync, REST): on 2 cores one render at a time.
  exportConcurrency: Math.min(4, Math.max(1, availableParallelism() - 1)),
  exportQueue: 8,
  exportTimeoutMs: 60_000,
  exportMemoryMb: 512,
  adminEmail: '',
  adminPassword: '',
  adminName: 'Administrator',
  adminTitle: 'Administrator',
  agencyName: '',
  publicUrl: '',
  allowedHosts: [],
  sessionIdleHours: 168,
  sessionMaxDays: 30,
  loginMaxFailures: 5,
  loginMaxFailuresPerAddress: 20,
  loginWindowMinutes: 15,
  maxLogoBytes: 512 * 1024,
  verifyRatePerMinute: 30,
});

const LOG_LEVELS: readonly LogLevel[] = [
  'fatal',
  'error',
  'warn',
  'info',
  'debug',
  'trace',
  'silent',
];

type IntKey = {
  [K in keyof Config]: Config[K] extends number ? K : never;
}[keyof Config];

const INT_VARS: ReadonlyArray<[string, IntKey, number, number]> = [
  ['PORT', 'port', 0, 65535],
  ['MAX_MESSAGE_BYTES', 'maxMessageBytes', 1024, 1024 * MiB],
  ['MAX_AWARENESS_BYTES', 'maxAwarenessBytes', 256, 64 * MiB],
  ['MAX_DOC_BYTES', 'maxDocBytes', 1024, 16 * 1024 * MiB],
  ['MAX_BODY_BYTES', 'maxBodyBytes', 1024, 1024 * MiB],
  ['MAX_CONNECTIONS_PER_DOC', 'maxConnectionsPerDoc', 1, 1_000_000],
  ['MAX_CONNECTIONS_PER_IP', 'maxConnectionsPerIp', 1, 1_000_000],
  ['MAX_HTTP_CONNECTIONS_PER_IP', 'maxHttpConnectionsPerIp', 1, 1_000_000],
  ['HTTP_HEADERS_TIMEOUT_MS', 'httpHeadersTimeoutMs', 100, 600_000],
  ['HTTP_REQUEST_TIMEOUT_MS', 'httpRequestTimeoutMs', 100, 3600_000],
  ['MAX_CONNECTIONS_PER_USER', 'maxConnectionsPerUser', 1, 1_000_000],
  ['SYNC_TIMEOUT_MS', 'syncTimeoutMs', 100, 600_000],
  ['UNLOAD_DELAY_MS', 'unloadDelayMs', 0, 24 * 3600_000],
  ['COMPACT_THRESHOLD', 'compactThreshold', 2, 10_000_000],
  ['HEARTBEAT_MS', 'heartbeatMs', 100, 24 * 3600_000],
  ['META_DEBOUNCE_MS', 'metaDebounceMs', 0, 3600_000],
  ['CLUSTER_HEARTBEAT_MS', 'clusterHeartbeatMs', 50, 600_000],
  ['FANOUT_GAP_MS', 'fanoutGapMs', 0, 600_000],
  ['EXPORT_CONCURRENCY', 'exportConcurrency', 1, 64],
  ['EXPORT_QUEUE', 'exportQueue', 0, 10_000],
  ['EXPORT_TIMEOUT_MS', 'exportTimeoutMs', 1000, 3600_000],
  ['EXPORT_MEMORY_MB', 'exportMemoryMb', 64, 64 * 1024],
  ['SESSION_IDLE_HOURS', 'sessionIdleHours', 1, 24 * 365],
  ['SESSION_MAX_DAYS', 'sessionMaxDays', 1, 3650],
  ['LOGIN_MAX_FAILURES', 'loginMaxFailures', 1, 1000],
  ['LOGIN_MAX_FAILURES_PER_ADDRESS', 'loginMaxFailuresPerAddress', 1, 100_000],
  ['LOGIN_WINDOW_MINUTES', 'loginWindowMinutes', 1, 24 * 60],
  ['MAX_LOGO_BYTES', 'maxLogoBytes', 1024, 16 * MiB],
  ['VERIFY_RATE_PER_MINUTE', 'verifyRatePerMinute', 1, 100_000],
];

/**
 * Parse and validate configuration from an environment object (pass `process.env`).
 * Unset or empty variables take the {@link DEFAULT_CONFIG} value.
 * @throws ConfigError listing every invalid variable.
 */
export function loadConfig(env: NodeJS.ProcessEnv): Config {
  const problems: string[] = [];
  const cfg: Config = { ...DEFAULT_CONFIG };
  const get = (name: string): string | undefined => {
    const v = env[name]?.trim();
    return v === undefined || v === '' ? undefined : v;
  };

  for (const [name, key, min, max] of INT_VARS) {
    const raw = get(name);
    if (raw === undefined) continue;
    const n = /^\d+$/.test(raw) ? Number(raw) : Number.NaN;
    if (!Number.isSafeInteger(n) || n < min || n > max) {
      problems.push(`${name}=${JSON.stringify(raw)}: expected an integer from ${min} to ${max}`);
    } else {
      cfg[key] = n;
    }
  }

  const host = get('HOST');
  if (host !== undefined) {
    if (/\s|\//.test(host))
      problems.push(`HOST=${JSON.stringify(host)}: expected a host name or IP`);
    else cfg.host = host;
  }
  const dataDir = get('DATA_DIR');
  if (dataDir !== undefined) cfg.dataDir = dataDir;
  const clientDir = get('CLIENT_DIR');
  if (clientDir !== undefined) cfg.clientDir = clientDir;

  const level = get('LOG_LEVEL');
  if (level !== undefined) {
    if ((LOG_LEVELS as readonly string[]).includes(level)) cfg.logLevel = level as LogLevel;
    else
      problems.push(`LOG_LEVEL=${JSON.stringify(level)}: expected one of ${LOG_LEVELS.join(', ')}`);
  }
  const sync = get('SYNC_MODE');
  if (sync !== undefined) {
    if (sync === 'normal' || sync === 'full') cfg.syncMode = sync;
    else problems.push(`SYNC_MODE=${JSON.stringify(sync)}: expected normal or full`);
  }
  const databaseUrl = get('DATABASE_URL');
  if (databaseUrl !== undefined) {
    if (/^postgres(ql)?:\/\//.test(databaseUrl)) {
      cfg.databaseUrl = databaseUrl;
      cfg.storage = 'postgres';
    } else problems.push('DATABASE_URL: expected a postgres:// or postgresql:// URL');
  }
  const storage = get('STORAGE');
  if (storage !== undefined) {
    if (storage === 'sqlite' || storage === 'memory' || storage === 'postgres') {
      if (cfg.databaseUrl && storage !== 'postgres')
        problems.push(`STORAGE=${storage}: contradicts DATABASE_URL (which means postgres)`);
      else cfg.storage = storage;
    } else problems.push(`STORAGE=${JSON.stringify(storage)}: expected sqlite, memory or postgres`);
  }
  if (cfg.storage === 'postgres' && !cfg.databaseUrl)
    problems.push('STORAGE=postgres: set DATABASE_URL');
  const redisUrl = get('REDIS_URL');
  if (redisUrl !== undefined) {
    if (!/^rediss?:\/\//.test(redisUrl))
      problems.push('REDIS_URL: expected a redis:// or rediss:// URL');
    // Several processes need one shared store: a SQLite file or memory is one process's.
    else if (cfg.storage !== 'postgres')
      problems.push('REDIS_URL: needs DATABASE_URL (processes share one PostgreSQL database)');
    else cfg.redisUrl = redisUrl;
  }
  const seed = get('SEED_SAMPLE');
  if (seed !== undefined) {
    if (/^(1|true|yes|on)$/i.test(seed)) cfg.seedSample = true;
    else if (/^(0|false|no|off)$/i.test(seed)) cfg.seedSample = false;
    else problems.push(`SEED_SAMPLE=${JSON.stringify(seed)}: expected 1 or 0`);
  }

  const adminEmail = get('SUSUN_ADMIN_EMAIL');
  const adminPassword = env.SUSUN_ADMIN_PASSWORD ?? '';
  if ((adminEmail === undefined) !== (adminPassword === '')) {
    problems.push('SUSUN_ADMIN_EMAIL and SUSUN_ADMIN_PASSWORD: set both or neither');
  } else if (adminEmail !== undefined) {
    if (!/^[^\s@]+@[^\s@]+$/.test(adminEmail))
      problems.push(`SUSUN_ADMIN_EMAIL=${JSON.stringify(adminEmail)}: expected an email address`);
    else if (adminPassword.length < 8)
      problems.push('SUSUN_ADMIN_PASSWORD: expected at least 8 characters');
    else {
      cfg.adminEmail = adminEmail;
      cfg.adminPassword = adminPassword;
    }
  }
  const adminName = get('SUSUN_ADMIN_NAME');
  if (adminName !== undefined) cfg.adminName = adminName.slice(0, 200);
  const adminTitle = get('SUSUN_ADMIN_TITLE');
  if (adminTitle !== undefined) cfg.adminTitle = adminTitle.slice(0, 300);
  const agency = get('SUSUN_AGENCY_NAME');
  if (agency !== undefined) cfg.agencyName = agency.slice(0, 300);
  const publicUrl = get('PUBLIC_URL');
  if (publicUrl !== undefined) {
    try {
      const u = new URL(publicUrl);
      if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error('scheme');
      cfg.publicUrl = u.origin;
    } catch {
      problems.push(`PUBLIC_URL=${JSON.stringify(publicUrl)}: expected an http(s) URL`);
    }
  }
  const hosts = get('ALLOWED_HOSTS');
  if (hosts !== undefined) {
    cfg.allowedHosts = hosts
      .split(',')
      .map((h) => h.trim().toLowerCase())
      .filter(Boolean);
  }

  if (cfg.httpHeadersTimeoutMs > cfg.httpRequestTimeoutMs)
    problems.push('HTTP_HEADERS_TIMEOUT_MS: must not exceed HTTP_REQUEST_TIMEOUT_MS');
  if (problems.length > 0) throw new ConfigError(problems);
  cfg.dataDir = path.resolve(cfg.dataDir);
  cfg.clientDir = path.resolve(cfg.clientDir);
  return cfg;
}
