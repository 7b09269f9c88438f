/** Document metadata: schema version, template, lifecycle status, timestamps. */
import type { ModelContext } from './identity.js';
import { root } from './layout.js';
import { describeValue } from './skip.js';
import type { Meta, SopStatus, TemplateId } from './types.js';

export const STATUSES: readonly SopStatus[] = [
  'draft',
  'in_review',
  'approved',
  'revoked',
  'superseded',
];
export const TEMPLATES: readonly TemplateId[] = ['sop-ap', 'international', 'sample'];

export class MetaApi {
  private cache: Meta | null = null;
  private readonly listeners = new Set<() => void>();
  private readonly handler = () => {
    this.cache = null;
    for (const cb of [...this.listeners]) cb();
  };

  constructor(private readonly ctx: ModelContext) {
    root.meta(ctx.doc).observe(this.handler);
  }

  destroy(): void {
    root.meta(this.ctx.doc).unobserve(this.handler);
  }

  /** Plain meta (memoized). Missing values read as defaults; values of the wrong type or unknown ones too (reported). */
  get(): Meta {
    if (this.cache) return this.cache;
    const m = root.meta(this.ctx.doc);
    const report = this.ctx.onSkip;
    const s = (k: string) => {
      const v = m.get(k);
      if (typeof v === 'string') return v;
      if (v !== undefined) report?.(`meta.${k}`, `expected a string, got ${describeValue(v)}`);
      return '';
    };
    const v = m.get('schemaVersion');
    const schemaVersion = typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 ? v : 0;
    if (v !== undefined && schemaVersion !== v)
      report?.('meta.schemaVersion', `expected a version number, got ${describeValue(v)}`);
    const status = s('status') as SopStatus;
    const template = s('template') as TemplateId;
    if (status && !STATUSES.includes(status)) report?.('meta.status', 'unknown status');
    if (template && !TEMPLATES.includes(template)) report?.('meta.template', 'unknown template');
    this.cache = {
      schemaVersion,
      template: TEMPLATES.includes(template) ? template : 'sop-ap',
      status: STATUSES.includes(status) ? status : 'draft',
      createdAt: s('createdAt'),
      updatedAt: s('updatedAt'),
    };
    return this.cache;
  }

  observe(cb: () => void): () => void {
    this.listeners.add(cb);
    return () => this.listeners.delete(cb);
  }

  setStatus(status: SopStatus): void {
    this.ctx.transact(() => root.meta(this.ctx.doc).set('status', status));
  }

  /** Set `updatedAt` (default: now). The server calls this when it stores changes. */
  touch(at: Date | string = new Date()): void {
    const iso = typeof at === 'string' ? at : at.toISOString();
    this.ctx.transact(() => root.meta(this.ctx.doc).set('updatedAt', iso));
  }
}
