/** pino logger construction; the server receives a logger, it never creates a global one. */
import pino from 'pino';
import type { LogLevel } from './config.js';

export function createLogger(level: LogLevel): pino.Logger {
  return pino({ level, base: { app: 'susun' } });
}

/** A logger that writes nothing (tests). */
export function silentLogger(): pino.Logger {
  return pino({ level: 'silent' });
}
