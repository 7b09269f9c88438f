/**
 * The SOP's life after approval (issue 17), wired: links and their flags, monitoring,
 * evaluation, due dates and the attention list, read acknowledgements, graphs.
 */
import type { Logger } from 'pino';
import type * as Y from 'yjs';
import type { GraphData, GraphEdge, GraphNode } from '../../shared/lifecycle/graph.js';
import { readListBox, type SopSnapshot } from '../../shared/model/index.js';
import type { Accounts } from '../accounts/index.js';
import type { Principal } from '../accounts/principal.js';
import type { ListingWriter } from '../rooms/metaWriter.js';
import type { SopDocs } from '../sops/sopDocs.js';
import type { DocMeta } from '../storage/sopIndex.js';
import type { VersionStore } from '../versions/types.js';
import { AttentionService } from './attention.js';
import { LinkService, linkRowsOf } from './links.js';
import { RecordService } from './records.js';
import type { LifecycleStore } from './types.js';

export interface LifecycleDeps {
  store: LifecycleStore;
  accounts: Accounts;
  docs: SopDocs;
  index: { getMeta(id: string): Promise<DocMeta | null> };
  versions: Pick<VersionStore, 'list'>;
  log: Logger;
}

export class Lifecycle {
  readonly links: LinkService;
  readonly records: RecordService;
  readonly attention: AttentionService;
  private readonly unsubscribe: () => void;
  private timers: NodeJS.Timeout[] = [];
  private sweeping: Promise<number> | null = null;

  constructor(private readonly deps: LifecycleDeps) {
    this.links = new LinkService({
      ...deps,
      onEffective: (sopId) => this.askToRead(sopId),
    });
    this.records = new RecordService({ ...deps, links: this.links });
    this.attention = new AttentionService({ ...deps, links: this.links });
    // The workflow routes announce every status change of an SOP.
    this.unsubscribe = deps.accounts.events.on((c) => {
      if (c.kind === 'sop') void this.links.observe(c.sopId);
    });
  }

  /**
   * Reminds of due dates every hour (the timer does not hold the process open); each
   * `GET /api/attention` also starts a sweep, so a day's first visit to the home page
   * sends what fell due.
   */
  startReminders(everyMs = 3_600_000): void {
    const every = setInterval(
      () =>
        void this.sweepReminders().catch((err: unknown) =>
          this.deps.log.warn({ err }, 'lifecycle reminders failed'),
        ),
      everyMs,
    );
    every.unref();
    this.timers.push(every);
  }

  /**
   * In-app notifications of due and overdue monitoring, evaluation and review: once per
   * SOP, kind and due date (a `reminder` record marks it sent), to the SOP's owners and
   * editors and the members of its unit. Returns how many reminders went out; one sweep
   * at a time.
   */
  sweepReminders(): Promise<number> {
    this.sweeping ??= this.sweep().finally(() => {
      this.sweeping = null;
    });
    return this.sweeping;
  }

  private async sweep(): Promise<number> {
    const store = this.deps.accounts.store;
    const access = await store.listSopAccess();
    const due = (await this.attention.list(new Set(access.map((a) => a.sopId)), null)).filter(
      (i) => i.date && /-(due|overdue)$/.test(i.kind),
    );
    if (due.length === 0) return 0;
    const members = await store.unitMembers();
    let sent = 0;
    for (const item of due) {
      const what = item.kind.replace(/-(due|overdue)$/, '');
      const fresh = await this.deps.store.insertRecord({
        kind: 'reminder',
        id: `${item.sopId}:${what}:${item.date}`,
        sopId: item.sopId,
        createdAt: new Date().toISOString(),
        data: { kind: item.kind, date: item.date },
      });
      if (!fresh) continue;
      const to = new Set(
        [...(await store.sopMembers(item.sopId))]
          .filter(([, r]) => r === 'owner' || r === 'editor')
          .map(([id]) => id),
      );
      if (item.unitId) for (const id of members.get(item.unitId) ?? []) to.add(id);
      for (const uid of to)
        await this.deps.accounts.notify(uid, `lifecycle.${what}_due`, item.sopId, {
          sopName: item.sopName,
          date: item.date,
          overdue: item.kind.endsWith('overdue'),
        });
      sent++;
    }
    return sent;
  }

  /** A room wrote the SOP's listing row (its content changed): refresh links and status. */
  listingChanged(sopId: string, liveLinks: (() => Promise<void>) | null): void {
    void (async () => {
      try {
        await liveLinks?.();
      } catch (err) {
        this.deps.log.warn({ err, sopId }, 'lifecycle link refresh failed');
      }
      await this.links.observe(sopId, { sameStatusIsSame: true });
    })();
  }

  /** A new version is in force: its readers are asked (again) to confirm "sudah dibaca". */
  private async askToRead(sopId: string): Promise<void> {
    const access = await this.deps.accounts.store.getSopAccess(sopId);
    if (!access?.unitId) return;
    const name = (await this.deps.index.getMeta(sopId))?.name ?? '';
    const ids = (await this.deps.accounts.store.unitMembers()).get(access.unitId) ?? [];
    for (const uid of ids)
      await this.deps.accounts.notify(uid, 'lifecycle.read_requested', sopId, {
        sopName: name,
        text: `${name}: konfirmasi sudah dibaca`,
      });
  }

  /** The links around `sopId` up to two hops (both directions), over SOPs `p` may read. */
  async sopGraph(p: Principal, sopId: string): Promise<GraphData> {
    const readable = await this.deps.accounts.access.readable(p);
    const all = await this.deps.store.allLinks();
    const hop = new Map<string, number>([[sopId, 0]]);
    let frontier = [sopId];
    for (let h = 1; h <= 2; h++) {
      const next: string[] = [];
      for (const l of all) {
        for (const [a, b] of [
          [l.sourceId, l.targetId],
          [l.targetId, l.sourceId],
        ] as const)
          if (frontier.includes(a) && !hop.has(b) && readable.has(b)) {
            hop.set(b, h);
            next.push(b);
          }
      }
      frontier = next;
    }
    return this.graphOf(hop, all);
  }

  /** A unit's SOPs with their links (and the SOPs outside the unit they link to, as hop 2). */
  async unitGraph(p: Principal, unitId: string): Promise<GraphData> {
    const readable = await this.deps.accounts.access.readable(p);
    const hop = new Map<string, number>();
    for (const id of await this.attention.unitSops(unitId)) if (readable.has(id)) hop.set(id, 1);
    const all = await this.deps.store.allLinks();
    for (const l of all)
      if (hop.get(l.sourceId) === 1 && !hop.has(l.targetId) && readable.has(l.targetId))
        hop.set(l.targetId, 2);
    return this.graphOf(hop, all);
  }

  private async graphOf(
    hop: Map<string, number>,
    all: Awaited<ReturnType<LifecycleStore['allLinks']>>,
  ): Promise<GraphData> {
    const nodes: GraphNode[] = [];
    for (const [id, h] of hop) {
      const meta = await this.deps.index.getMeta(id);
      if (!meta || meta.template === null) continue;
      nodes.push({ id, number: meta.number, name: meta.name, status: meta.status, hop: h });
    }
    const present = new Set(nodes.map((n) => n.id));
    const flagged = new Set(
      (await this.links.openFlags()).map((f) => `${f.sourceId}\u0000${f.targetId}`),
    );
    const edges: GraphEdge[] = all
      .filter((l) => present.has(l.sourceId) && present.has(l.targetId))
      .map((l) => ({
        from: l.sourceId,
        to: l.targetId,
        type: l.type,
        flagged: flagged.has(`${l.sourceId}\u0000${l.targetId}`),
      }));
    return { nodes, edges };
  }

  /** The SOP's content now (for a filled form's heading). */
  snapshot(sopId: string): Promise<SopSnapshot> {
    return this.deps.docs.withSop(sopId, ({ sop }) => sop.toSnapshot());
  }

  async canRead(p: Principal, sopId: string): Promise<boolean> {
    return (await this.deps.accounts.access.resolve(p, sopId)).role !== null;
  }

  accountsStore(): Accounts['store'] {
    return this.deps.accounts.store;
  }

  async idle(): Promise<void> {
    await this.sweeping?.catch(() => 0);
    await this.links.idle();
  }

  close(): void {
    this.unsubscribe();
    for (const t of this.timers.splice(0)) clearTimeout(t);
  }
}

/**
 * Wraps the rooms' listing writer: after each listing write of an SOP (its content
 * changed), its links are re-read from the live document into the reverse index and its
 * status is compared with the last seen. `lifecycle` is read late (it is built after the
 * rooms); `peek` gives the SOP's room when it is loaded.
 */
export function watchLifecycle(
  index: ListingWriter,
  lifecycle: () => Lifecycle | null,
  peek: (id: string) => { state: string; doc: Y.Doc } | undefined,
): ListingWriter {
  return {
    async updateMeta(id, meta) {
      const out = await index.updateMeta(id, meta);
      const lc = lifecycle();
      if (lc)
        lc.listingChanged(id, async () => {
          const room = peek(id);
          if (room?.state !== 'ready') return;
          // Read, not modelled: a model would give the loaded doc every root it lacks.
          await lc.links.syncRows(id, linkRowsOf(id, readListBox(room.doc, 'relatedSops')));
        });
      return out;
    },
  };
}
