/** Identity section API: free-text fields, approver, and the six list boxes. */
import type * as Y from 'yjs';
import { OrderedCollection } from './collection.js';
import { ModelError } from './errors.js';
import {
  APPROVER_FIELDS,
  type EntryMap,
  IDENTITY_TEXT_FIELDS,
  LIST_BOXES,
  type ListBox,
  newEntry,
  peek,
  root,
  str,
  txt,
  ytext,
} from './layout.js';
import { newId, type Position } from './order.js';
import type { SkipReporter } from './skip.js';
import { setTextMinimal } from './text.js';
import type { ApprovedBy, Identity, IdentityTextField, RelatedSopType } from './types.js';

/** One item of a list box; `type` only in `relatedSops`. */
export interface ListItem {
  id: string;
  text: string;
  type?: RelatedSopType;
  /** `relatedSops` only: the linked SOP's id (issue 17), absent for a text-only item. */
  sopId?: string;
}

/** Context a sub-API needs from its SopDoc. */
export interface ModelContext {
  doc: Y.Doc;
  random: () => number;
  transact(fn: () => void): void;
  /** Told about entries a read skipped (see skip.ts); absent = ignore. */
  onSkip?: SkipReporter | undefined;
}

const RELATED_TYPES: readonly RelatedSopType[] = [
  'follow-on',
  'prerequisite',
  'related',
  'part-of',
];

function itemToPlain(box: ListBox) {
  return (id: string, m: EntryMap): ListItem => {
    const item: ListItem = { id, text: txt(m, 'text') };
    if (box === 'relatedSops') {
      const t = str(m, 'type') as RelatedSopType;
      item.type = RELATED_TYPES.includes(t) ? t : 'related';
      const target = str(m, 'sopId');
      if (target) item.sopId = target;
    }
    return item;
  };
}

/**
 * A list box's items, read once without a model: [] while the doc has no such root. For
 * code that only reads a loaded document: a model creates every root it binds (see `peek`).
 */
export function readListBox(doc: Y.Doc, box: ListBox, onSkip?: SkipReporter): ListItem[] {
  const map = peek.list(doc, box);
  if (!map) return [];
  const col = new OrderedCollection(map, itemToPlain(box), { path: `list.${box}`, onSkip });
  try {
    return col.list();
  } finally {
    col.destroy();
  }
}

/** Ordered list of Y.Text items (Dasar Hukum, Keterkaitan, ...). */
export class ListBoxApi {
  readonly col: OrderedCollection<ListItem>;

  constructor(
    private readonly ctx: ModelContext,
    readonly box: ListBox,
  ) {
    this.col = new OrderedCollection(root.list(ctx.doc, box), itemToPlain(box), {
      path: `list.${box}`,
      onSkip: ctx.onSkip,
    });
  }

  /** Items in order (memoized). */
  items(): ListItem[] {
    return this.col.list();
  }

  /** Add an item (default: last); returns its id. */
  add(
    text: string,
    pos: Position = { before: null },
    type?: RelatedSopType,
    sopId?: string,
  ): string {
    const id = newId('li', this.ctx.random);
    this.ctx.transact(() => {
      const key = this.col.keyFor(pos, this.ctx.random);
      const prims: Record<string, string> = {};
      if (this.box === 'relatedSops') prims.type = type ?? 'related';
      if (this.box === 'relatedSops' && sopId) prims.sopId = sopId;
      this.col.map.set(id, newEntry(key, prims, { text }));
    });
    return id;
  }

  remove(id: string): void {
    this.ctx.transact(() => this.col.map.delete(id));
  }

  move(id: string, pos: Position): void {
    const m = this.must(id);
    this.ctx.transact(() => {
      const key = this.col.keyFor(pos, this.ctx.random, id);
      m.set('order', key);
    });
  }

  /** Replace an item's text with a minimal edit. */
  set(id: string, text: string): void {
    const m = this.must(id);
    this.ctx.transact(() => setTextMinimal(ytext(m, 'text'), text));
  }

  text(id: string): Y.Text {
    return ytext(this.must(id), 'text');
  }

  setType(id: string, type: RelatedSopType): void {
    const m = this.must(id);
    this.ctx.transact(() => m.set('type', type));
  }

  /** Keterkaitan: link the item to an SOP by id, or (null) make it text only again. */
  setTarget(id: string, sopId: string | null): void {
    const m = this.must(id);
    if (this.box !== 'relatedSops')
      throw new ModelError('unknown-list-item', 'only Keterkaitan items link', { id });
    this.ctx.transact(() => {
      if (sopId) m.set('sopId', sopId);
      else if (m.has('sopId')) m.delete('sopId');
    });
  }

  private must(id: string): EntryMap {
    const m = this.col.entry(id);
    if (!m) throw new ModelError('unknown-list-item', `no item ${id} in ${this.box}`, { id });
    return m;
  }
}

export class IdentityApi {
  private readonly lists: Record<ListBox, ListBoxApi>;
  private cache: Identity | null = null;
  private readonly listeners = new Set<() => void>();
  private readonly unsubs: Array<() => void> = [];

  constructor(private readonly ctx: ModelContext) {
    this.lists = Object.fromEntries(LIST_BOXES.map((b) => [b, new ListBoxApi(ctx, b)])) as Record<
      ListBox,
      ListBoxApi
    >;
    const onChange = () => {
      this.cache = null;
      for (const cb of [...this.listeners]) cb();
    };
    for (const b of LIST_BOXES) this.unsubs.push(this.lists[b].col.observeAny(onChange));
    const texts = [
      ...IDENTITY_TEXT_FIELDS.map((f) => root.identityText(ctx.doc, f)),
      ...APPROVER_FIELDS.map((f) => root.approverText(ctx.doc, f)),
    ];
    for (const t of texts) {
      t.observe(onChange);
      this.unsubs.push(() => t.unobserve(onChange));
    }
  }

  destroy(): void {
    for (const u of this.unsubs) u();
    for (const b of LIST_BOXES) this.lists[b].col.destroy();
  }

  /** Plain identity (memoized until something in it changes). */
  get(): Identity {
    if (this.cache) return this.cache;
    const d = this.ctx.doc;
    const t = (f: IdentityTextField) => root.identityText(d, f).toString();
    const a = (f: keyof ApprovedBy) => root.approverText(d, f).toString();
    const texts = (b: ListBox) => this.lists[b].items().map((i) => i.text);
    this.cache = {
      number: t('number'),
      name: t('name'),
      agency: t('agency'),
      unit: t('unit'),
      createdDate: t('createdDate'),
      revisedDate: t('revisedDate'),
      effectiveDate: t('effectiveDate'),
      approvedBy: { title: a('title'), name: a('name'), nip: a('nip') },
      legalBasis: texts('legalBasis'),
      executorQualifications: texts('executorQualifications'),
      relatedSops: this.lists.relatedSops
        .items()
        .map((i) =>
          i.sopId
            ? { type: i.type ?? 'related', text: i.text, sopId: i.sopId }
            : { type: i.type ?? 'related', text: i.text },
        ),
      equipment: texts('equipment'),
      warnings: texts('warnings'),
      records: texts('records'),
    };
    return this.cache;
  }

  observe(cb: () => void): () => void {
    this.listeners.add(cb);
    return () => this.listeners.delete(cb);
  }

  text(field: IdentityTextField): Y.Text {
    return root.identityText(this.ctx.doc, field);
  }

  set(field: IdentityTextField, value: string): void {
    this.ctx.transact(() => setTextMinimal(this.text(field), value));
  }

  approverText(field: keyof ApprovedBy): Y.Text {
    return root.approverText(this.ctx.doc, field);
  }

  setApprover(field: keyof ApprovedBy, value: string): void {
    this.ctx.transact(() => setTextMinimal(this.approverText(field), value));
  }

  list(box: ListBox): ListBoxApi {
    return this.lists[box];
  }
}
