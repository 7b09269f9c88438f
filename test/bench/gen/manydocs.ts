/**
 * Generator side of scenario (b): many small documents, each with a few clients. The text is
 * written into the SOP text field the benchmarks use (lib/sopShape.ts; a root `t` until
 * issue 12).
 */
import { templateSnapshot } from '../../../shared/model/index.js';
import { writeSnapshot } from '../../../shared/model/snapshot.js';
import { benchText } from '../lib/sopShape.js';
import { type BenchClient, connectClient, type Target, withConcurrency } from './clients.js';

let clients: BenchClient[] = [];

function textOf(bytes: number, seed: string): string {
  const words = `${seed} langkah prosedur memeriksa dokumen menyetujui arsip `;
  return words.repeat(Math.ceil(bytes / words.length)).slice(0, bytes);
}

function waitForLength(client: BenchClient, length: number): Promise<void> {
  const text = benchText(client.doc);
  if (text.length >= length) return Promise.resolve();
  return new Promise((resolve) => {
    const check = () => {
      if (text.length >= length) {
        text.unobserve(check);
        resolve();
      }
    };
    text.observe(check);
  });
}

export const manyDocsHandlers = {
  /**
   * One writer per doc: connect, sync, write `bytes` of text. With `template` (the baselines)
   * the writer first puts in the `sop-ap` template Susun's REST API gave its SOPs, so every
   * server holds the same document.
   */
  async 'many.write'(args: {
    target: Target;
    docs: string[];
    bytes: number;
    template?: boolean;
  }): Promise<number> {
    await withConcurrency(args.docs, 25, async (docName) => {
      const c = connectClient(args.target, docName);
      clients.push(c);
      await c.synced;
      if (args.template) writeSnapshot(c.doc, templateSnapshot('sop-ap', { name: docName }));
      benchText(c.doc).insert(0, textOf(args.bytes, docName));
    });
    return clients.length;
  },

  /** `perDoc` more clients per doc, each synced and holding the writer's text. */
  async 'many.join'(args: {
    target: Target;
    docs: string[];
    perDoc: number;
    bytes: number;
  }): Promise<number> {
    const jobs = args.docs.flatMap((d) => Array.from({ length: args.perDoc }, () => d));
    await withConcurrency(jobs, 25, async (docName) => {
      const c = connectClient(args.target, docName);
      clients.push(c);
      await c.synced;
      await waitForLength(c, args.bytes);
    });
    return clients.length;
  },

  async 'many.closeAll'(): Promise<void> {
    for (const c of clients) c.destroy();
    clients = [];
  },
};
