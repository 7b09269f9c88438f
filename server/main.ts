/**
 * CLI entry: `tsx server/main.ts`. Reads the environment once, starts the server and
 * shuts it down gracefully on SIGINT/SIGTERM (a second signal exits at once).
 */
import { ConfigError, loadConfig } from './config.js';
import { startIdleCollector } from './idleGc.js';
import { createLogger } from './logger.js';
import { createSusunServer } from './server.js';

async function main(): Promise<void> {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig(process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(2);
    }
    throw err;
  }
  const logger = createLogger(config.logLevel);
  const server = await createSusunServer(config, { logger });
  const stopIdleCollector = startIdleCollector(server.docsOpen, ({ before, after }) =>
    logger.debug({ heapBefore: before, heapAfter: after }, 'idle: full garbage collection'),
  );
  if (config.host === '127.0.0.1') {
    logger.info(
      `Open http://localhost:${server.port} (HOST=0.0.0.0 lets others on the network join)`,
    );
  }
  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) {
      logger.warn({ signal }, 'second signal: exiting now');
      process.exit(1);
    }
    stopping = true;
    stopIdleCollector();
    logger.info({ signal }, 'shutting down');
    server.close().then(
      () => process.exit(0),
      (err: unknown) => {
        logger.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((err: unknown) => {
  process.stderr.write(
    `Susun failed to start: ${err instanceof Error ? err.stack : String(err)}\n`,
  );
  process.exit(1);
});
