/**
 * Keterkaitan, live (issue 17): typed links from an SOP's identity to other SOPs.
 *
 * The content document is the truth of an SOP's own links (a Keterkaitan item with a
 * `sopId`); the store keeps the reverse index (who links to X), refreshed whenever the
 * server reads or writes an SOP's links and whenever a room writes the SOP's listing
 * row (`listingChanged`). Status changes of a target (a revision started, a new version
 * approved, revoked, superseded) are seen through the same listing writes and through
 * the access events the workflow routes emit, compared with the last state stored
 * (`lc_sop_state`), and flag every SOP linking to it until someone confirms.
 */
import type { Logger } from 'pino';
import type {
  FlagReason,
  LinkFlag,
  LinkRow,
  LinkType,
  LinkView,
} from '../../shared/lifecycle/types.js';
import type { ListItem } from '../../shared/model/index.js';
import { isLocked } from '../../shared/model/index.js';
import type { SopStatus } from '../../shared/model/types.js';
import type { Accounts } from '../accounts/index.js';
import { newId } from '../accounts/secrets.js';
import { HttpError } from '../http/errors.js';
import type { SopDocs } from '../sops/sopDocs.js';
import type { DocMeta } from '../storage/sopIndex.js';
import type { VersionStore } from '../versions/types.js';
import type { LifecycleStore, SopState } from './types.js';

export interface LinkDeps {
  store: LifecycleStore;
  accounts: Accounts;
  docs: SopDocs;
  index: { getMeta(id: string): Promise<DocMeta | null> };
  versions: Pick<VersionStore, 'list'>;
  log: Logger;
  now?: () => Date;
  /** A new version of `sopId` came into force (read acknowledgements are asked again). */
  onEffective?: (sopId: string) => Promise<void>;
}

/** The rows of the Keterkaitan items (of an SOP's list box) that point at an SOP. */
export function linkRowsOf(sopId: string, items: readonly ListItem[]): LinkRow[] {
  return items.flatMap((i) =>
    i.sopId
      ? [{ sourceId: sopId, itemId: i.id, targetId: i.sopId, type: i.type ?? 'related' }]
      : [],
  );
}

/** What the flag says, from the target's previous and current state; null: nothing to flag. */
export function flagReason(prev: SopState | null, next: SopState): FlagReason | null {
  if (!prev) return null;
  if (prev.status === next.status && prev.versionKey === next.versionKey) return null;
  if (next.status === 'revoked' && prev.status !== 'revoked') return 'revoked';
  if (next.status === 'superseded' && prev.status !== 'superseded') return 'superseded';
  if (prev.status === 'approved' && (next.status === 'draft' || next.status === 'in_review'))
    return 'revised';
  // A new version in force after an earlier one.
  if (next.status === 'approved' && prev.versionKey && next.versionKey !== prev.versionKey)
    return 'approved';
  return null;
}

export class LinkService {
  private readonly now: () => Date;
  /** Per SOP: the status checks run one after the other (each compares with the last). */
  private readonly chains = new Map<string, Promise<void>>();

  constructor(private readonly deps: LinkDeps) {
    this.now = deps.now ?? (() => new Date());
  }

  /** The id of the version in force (the latest approved version), '' when none. */
  async versionKey(sopId: string): Promise<string> {
    const list = await this.deps.versions.list(sopId);
    let best: { id: string; createdAt: string } | null = null;
    for (const v of list)
      if (v.kind === 'approved' && (!best || v.createdAt >= best.createdAt)) best = v;
    return best?.id ?? '';
  }

  /**
   * Compares the SOP's status and version in force with the last seen, stores them,
   * and flags the SOPs linking to it when it was revised, re-approved, revoked or
   * superseded. Serialised per SOP; never throws (logged).
   */
  observe(sopId: string, opts: { sameStatusIsSame?: boolean } = {}): Promise<void> {
    const prev = this.chains.get(sopId) ?? Promise.resolve();
    const next = prev
      .then(() => this.check(sopId, opts.sameStatusIsSame === true))
      .catch((err: unknown) => this.deps.log.warn({ err, sopId }, 'lifecycle status check failed'));
    this.chains.set(sopId, next);
    void next.then(() => {
      if (this.chains.get(sopId) === next) this.chains.delete(sopId);
    });
    return next;
  }

  /** Resolves once every check started so far has finished. */
  async idle(): Promise<void> {
    await Promise.all([...this.chains.values()]);
  }

  /**
   * `sameStatusIsSame`: an unchanged status means nothing changed (a new version comes
   * into force only through a status change) — the cheap check of every listing write,
   * which skips reading the versions.
   */
  private async check(sopId: string, sameStatusIsSame: boolean): Promise<void> {
    const status = await this.deps.docs.status(sopId);
    const prev = await this.deps.store.getSopState(sopId);
    if (sameStatusIsSame && prev?.status === status) return;
    const versionKey = await this.versionKey(sopId);
    if (prev && prev.status === status && prev.versionKey === versionKey) return;
    // Changed (rare): the effective date of an SOP in force is read from the document
    // itself. Not for one that is not (a new draft's first listing write lands here too):
    // loading its two documents for nothing cost a server ~50 KB per SOP created.
    const effectiveDate =
      status === 'approved'
        ? await this.deps.docs.withSop(sopId, ({ sop }) => sop.identity.get().effectiveDate)
        : '';
    const state: SopState = { status, versionKey, effectiveDate };
    // Another process that saw the same change first flags it, not this one.
    if (!(await this.deps.store.replaceSopState(sopId, prev, state))) return;
    if (status === 'approved' && versionKey && versionKey !== prev?.versionKey)
      await this.deps.onEffective?.(sopId);
    const reason = flagReason(prev, state);
    if (!reason) return;
    const at = this.now().toISOString();
    const sources = new Set((await this.deps.store.linksTo(sopId)).map((l) => l.sourceId));
    sources.delete(sopId);
    const targetName = (await this.deps.index.getMeta(sopId))?.name ?? '';
    for (const sourceId of sources) {
      await this.deps.store.addFlag({
        id: newId(),
        sourceId,
        targetId: sopId,
        reason,
        at,
        confirmedAt: null,
        confirmedBy: null,
      });
      const sourceName = (await this.deps.index.getMeta(sourceId))?.name ?? '';
      for (const [uid, role] of await this.deps.accounts.store.sopMembers(sourceId))
        if (role === 'owner' || role === 'editor')
          await this.deps.accounts.notify(uid, 'lifecycle.link_flagged', sourceId, {
            sopName: sourceName,
            targetName,
            reason,
            text: `${targetName}: ${reason} (${sourceName})`,
          });
    }
  }

  /** The SOP's links as read from its document become the reverse index's rows. */
  async syncRows(sopId: string, rows: LinkRow[]): Promise<void> {
    const had = await this.deps.store.linksFrom(sopId);
    const key = (r: LinkRow) => `${r.itemId}\u0000${r.targetId}\u0000${r.type}`;
    const same =
      had.length === rows.length &&
      had.map(key).sort().join('\u0001') === rows.map(key).sort().join('\u0001');
    if (!same) await this.deps.store.replaceLinks(sopId, rows);
  }

  /** The SOP's Keterkaitan items with their targets and open flags. */
  async list(sopId: string): Promise<LinkView[]> {
    const items = await this.deps.docs.withSop(sopId, ({ sop }) => {
      const list = sop.identity.list('relatedSops').items();
      return { items: list, rows: linkRowsOf(sopId, list) };
    });
    await this.deps.store.replaceLinks(sopId, items.rows);
    const flags = await this.deps.store.listFlags({ sourceId: sopId, open: true });
    const out: LinkView[] = [];
    for (const i of items.items) {
      const meta = i.sopId ? await this.deps.index.getMeta(i.sopId) : null;
      out.push({
        itemId: i.id,
        type: i.type ?? 'related',
        text: i.text,
        targetId: i.sopId ?? null,
        target: meta
          ? {
              id: meta.id,
              number: meta.number,
              name: meta.name,
              status: meta.status,
              archived: meta.archived,
            }
          : null,
        flags: i.sopId ? flags.filter((f) => f.targetId === i.sopId) : [],
      });
    }
    return out;
  }

  /** Checks a new link's target: not the SOP itself, an SOP that exists, not archived. */
  async checkTarget(sopId: string, targetId: string): Promise<DocMeta> {
    if (targetId === sopId)
      throw new HttpError(422, 'link_to_self', 'An SOP cannot be linked to itself');
    const meta = await this.deps.index.getMeta(targetId);
    if (!meta || meta.template === null)
      throw new HttpError(422, 'unknown_sop', `No SOP with id ${JSON.stringify(targetId)}`);
    if (meta.archived)
      throw new HttpError(
        422,
        'link_to_archived',
        `SOP ${meta.number || meta.name || targetId} is archived and cannot be linked`,
      );
    return meta;
  }

  /** Adds a typed link to `targetId` as a Keterkaitan item ("<number> <name>"). */
  async add(
    sopId: string,
    targetId: string,
    type: LinkType,
  ): Promise<{ itemId: string; text: string }> {
    const meta = await this.checkTarget(sopId, targetId);
    const text = [meta.number, meta.name].filter((s) => s.trim()).join(' ');
    const out = await this.deps.docs.withSop(sopId, ({ sop }) => {
      const status = sop.meta.get().status as SopStatus;
      if (isLocked(status))
        throw new HttpError(
          409,
          'sop_locked',
          `A ${status} SOP cannot change; start a revision to edit its links`,
        );
      const list = sop.identity.list('relatedSops');
      if (linkRowsOf(sopId, list.items()).some((r) => r.targetId === targetId))
        throw new HttpError(409, 'duplicate_link', 'This SOP is already linked');
      const itemId = list.add(text, { before: null }, type, targetId);
      return { itemId, rows: linkRowsOf(sopId, list.items()) };
    });
    await this.deps.store.replaceLinks(sopId, out.rows);
    // The target's current state is the baseline its later changes are compared with.
    await this.observe(targetId);
    return { itemId: out.itemId, text };
  }

  /** Removes a Keterkaitan item (linked or not). */
  async remove(sopId: string, itemId: string): Promise<void> {
    const rows = await this.deps.docs.withSop(sopId, ({ sop }) => {
      const status = sop.meta.get().status as SopStatus;
      if (isLocked(status)) throw new HttpError(409, 'sop_locked', `A ${status} SOP cannot change`);
      const list = sop.identity.list('relatedSops');
      if (!list.items().some((i) => i.id === itemId))
        throw new HttpError(404, 'not_found', `No Keterkaitan item ${itemId}`);
      list.remove(itemId);
      return linkRowsOf(sopId, list.items());
    });
    await this.deps.store.replaceLinks(sopId, rows);
  }

  async confirm(sopId: string, targetId: string | null, by: string): Promise<number> {
    return this.deps.store.confirmFlags(sopId, targetId, by, this.now().toISOString());
  }

  async openFlags(sopId?: string): Promise<LinkFlag[]> {
    return this.deps.store.listFlags({ ...(sopId ? { sourceId: sopId } : {}), open: true });
  }
}
