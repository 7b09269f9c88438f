/**
 * A load-generator process. The orchestrator (run.ts) forks a few of these so that clients
 * never share the server's process or CPU accounting; it drives them over IPC with
 * `{ id, cmd, args }` and gets `{ id, result }` or `{ id, error }` back.
 */
import { coldLoadHandlers } from './coldload.js';
import { durabilityHandlers } from './durability.js';
import { fanoutHandlers } from './fanout.js';
import { manyDocsHandlers } from './manydocs.js';
import { traceHandlers } from './trace.js';

type Handler = (args: never) => Promise<unknown>;
const handlers: Record<string, Handler> = {
  ...fanoutHandlers,
  ...manyDocsHandlers,
  ...traceHandlers,
  ...durabilityHandlers,
  ...coldLoadHandlers,
};

interface Request {
  id: number;
  cmd: string;
  args: unknown;
}

process.on('message', (msg: Request) => {
  const handler = handlers[msg.cmd];
  if (!handler) {
    process.send?.({ id: msg.id, error: `unknown command ${msg.cmd}` });
    return;
  }
  handler(msg.args as never).then(
    (result) => process.send?.({ id: msg.id, result }),
    (err: unknown) =>
      process.send?.({ id: msg.id, error: err instanceof Error ? err.stack : String(err) }),
  );
});
// Every provider registers a process 'exit' listener; a thousand of them are expected here.
process.setMaxListeners(0);
process.on('disconnect', () => process.exit(0));
// Providers log connection errors while a server restarts; keep the generator alive.
process.on('uncaughtException', (err) => process.stderr.write(`generator: ${err.message}\n`));
process.send?.({ id: 0, result: 'ready' });
