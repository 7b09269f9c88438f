/** pino logger construction; the server receives a logger, it never creates a global one. */
import pino from 'pino';
import type { LogLevel } from './config.js';

/**
 * Fields never written to a log line, wherever they appear in a logged object:
 * passwords, session cookies, tokens (defence in depth: no code logs them on purpose).
 */
export const REDACT_PATHS = [
  'password',
  'newPassword',
  'currentPassword',
  'token',
  'secret',
  'cookie',
  'authorization',
  '*.password',
  '*.newPassword',
  '*.currentPassword',
  '*.token',
  '*.secret',
  '*.cookie',
  '*.authorization',
  'req.headers.cookie',
  'req.headers.authorization',
];

export function createLogger(level: LogLevel, destination?: pino.DestinationStream): pino.Logger {
  const opts: pino.LoggerOptions = {
    level,
    base: { app: 'susun' },
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
  };
  return destination ? pino(opts, destination) : pino(opts);
}

/** A logger that writes nothing (tests). */
export function silentLogger(): pino.Logger {
  return pino({ level: 'silent' });
}
