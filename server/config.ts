/**
 * Server configuration: parsed once from environment variables into a typed,
 * validated object that is passed in everywhere. Nothing here reads `process.env`
 * at import time, so several servers can run in one process (tests).
 */
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
  /** Largest stored size of one document (snapshot + log). Env `MAX_DOC_BYTES`, default 64 MiB. */
  maxDocBytes: number;
  /** Largest JSON request body. Env `MAX_BODY_BYTES`, default 8 MiB. */
  maxBodyBytes: number;
  /** Env `MAX_CONNECTIONS_PER_DOC`, default 100. */
  maxConnectionsPerDoc: number;
  /** Env `MAX_CONNECTIONS_PER_IP`, default 200. */
  maxConnectionsPerIp: number;
  /** Delay before an idle room (no clients) is compacted and unloaded. Env `UNLOAD_DELAY_MS`, default 30000. */
  unloadDelayMs: number;
  /** Update-log length that triggers a background compaction. Env `COMPACT_THRESHOLD`, default 500. */
  compactThreshold: number;
  /** Ping interval; a socket that misses one pong is dropped. Env `HEARTBEAT_MS`, default 30000. */
  heartbeatMs: number;
  /** Debounce of the per-document listing metadata refresh. Env `META_DEBOUNCE_MS`, default 1000. */
  metaDebounceMs: number;
  /**
   * fsync policy. `normal` (default): each stored group is handed to the OS (survives a process
   * crash / kill -9). `full`: each group is fsynced before it is confirmed (survives power loss).
   * Env `SYNC_MODE`.
   */
  syncMode: 'normal' | 'full';
  /** Seed the bundled sample SOP into a fresh database. Env `SEED_SAMPLE` (1/0), default on. */
  seedSample: boolean;
  /** Storage engine. Env `STORAGE` (`sqlite` | `memory`), default `sqlite`. */
  storage: 'sqlite' | 'memory';
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
  maxDocBytes: 64 * MiB,
  maxBodyBytes: 8 * MiB,
  maxConnectionsPerDoc: 100,
  maxConnectionsPerIp: 200,
  unloadDelayMs: 30_000,
  compactThreshold: 500,
  heartbeatMs: 30_000,
  metaDebounceMs: 1000,
  syncMode: 'normal',
  seedSample: true,
  storage: 'sqlite',
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
  ['UNLOAD_DELAY_MS', 'unloadDelayMs', 0, 24 * 3600_000],
  ['COMPACT_THRESHOLD', 'compactThreshold', 2, 10_000_000],
  ['HEARTBEAT_MS', 'heartbeatMs', 100, 24 * 3600_000],
  ['META_DEBOUNCE_MS', 'metaDebounceMs', 0, 3600_000],
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
  const storage = get('STORAGE');
  if (storage !== undefined) {
    if (storage === 'sqlite' || storage === 'memory') cfg.storage = storage;
    else problems.push(`STORAGE=${JSON.stringify(storage)}: expected sqlite or memory`);
  }
  const seed = get('SEED_SAMPLE');
  if (seed !== undefined) {
    if (/^(1|true|yes|on)$/i.test(seed)) cfg.seedSample = true;
    else if (/^(0|false|no|off)$/i.test(seed)) cfg.seedSample = false;
    else problems.push(`SEED_SAMPLE=${JSON.stringify(seed)}: expected 1 or 0`);
  }

  if (problems.length > 0) throw new ConfigError(problems);
  cfg.dataDir = path.resolve(cfg.dataDir);
  cfg.clientDir = path.resolve(cfg.clientDir);
  return cfg;
}
