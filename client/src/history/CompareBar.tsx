import {
  ChevronDown,
  ChevronLeft,
  ChevronRight,
  ChevronUp,
  GitCompareArrows,
  Printer,
  RotateCcw,
  Undo2,
  X,
} from 'lucide-react';
import { useEffect, useState } from 'react';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { scrollIntoPlace } from '../lib/scrollIntoPlace';
import { VersionsApiError } from '../review/versionsApi';
import { ChangeList } from './ChangeList';
import { type CompareApi, useCompare } from './CompareContext';
import { summaryText } from './changeText';
import { formatWhen, useCompareT } from './compareI18n';
import type { ChangeItem } from './compareModel';
import './compare.css';

/** Where a change is on screen: the live editor's parts, or the compare section. */
function anchorOf(item: ChangeItem, live: boolean): string {
  const id = CSS.escape(item.kind === 'step' ? item.id : item.key);
  if (!live)
    return item.kind === 'step'
      ? `.compare-section [data-step-id="${id}"], .compare-section [data-ghost-step-id="${id}"]`
      : `.compare-section [data-item-key="${id}"]`;
  switch (item.kind) {
    case 'step':
      return `.step-table [data-ghost-step-id="${id}"], .step-table [data-testid="diff-step"][data-step-id="${id}"]`;
    case 'identity':
      return '#identity';
    case 'actor':
      return '#actors';
    case 'narrative':
      return `#narr-${CSS.escape(item.section)}, #narrative`;
  }
}

/** Scrolls the change into the middle of the view (and keeps it there while rows lay out). */
function reveal(item: ChangeItem, live: boolean): void {
  const find = () => document.querySelector<HTMLElement>(anchorOf(item, live));
  scrollIntoPlace(
    find,
    (el) => el.scrollIntoView({ block: 'center' }),
    (el) => {
      const r = el.getBoundingClientRect();
      return r.top >= 0 && r.bottom <= window.innerHeight;
    },
  );
}

export function restoreErrorText(t: ReturnType<typeof useCompareT>['t'], e: unknown): string {
  if (e instanceof VersionsApiError && e.code === 'locked') return t('restore.locked');
  return t('restore.failed', { message: e instanceof Error ? e.message : String(e) });
}

/** After a restore: what happened, and the way back. */
function RestoreNoticeBar({ api }: { api: CompareApi }) {
  const { t } = useCompareT();
  const [error, setError] = useState<string | null>(null);
  const notice = api.notice;
  if (!notice) return null;
  return (
    <div className="docked-bar compare-notice" role="status" data-testid="restore-notice">
      <RotateCcw aria-hidden />
      <span className="docked-text">{error ?? t('restore.done', { label: notice.label })}</span>
      {api.canEdit && (
        <button
          type="button"
          className="btn btn-sm"
          data-testid="restore-undo"
          onClick={() => {
            api.restore({ id: notice.undo.id, label: notice.undo.label }).then(
              () => api.clearNotice(),
              (e: unknown) => setError(restoreErrorText(t, e)),
            );
          }}
        >
          <Undo2 aria-hidden />
          {t('restore.undo')}
        </button>
      )}
      <button
        type="button"
        className="btn btn-ghost btn-sm btn-icon"
        aria-label={t('bar.exit')}
        onClick={api.clearNotice}
      >
        <X aria-hidden />
      </button>
    </div>
  );
}

/**
 * The compare bar, docked under the editor header while comparing: what is compared,
 * a summary, previous/next change, the list of changes, print, restore and the way out.
 */
export function CompareBar() {
  const api = useCompare();
  const { t, i18n } = useCompareT();
  const [listOpen, setListOpen] = useState(false);
  const [confirm, setConfirm] = useState(false);
  // Scroll only once the user moves through the changes (not when compare mode opens).
  const [navigated, setNavigated] = useState(false);
  const model = api?.model ?? null;
  const item = model?.items[api?.index ?? 0];
  const live = api?.live ?? false;
  const key = item?.key;
  const started = api?.state.status === 'loading';
  useEffect(() => {
    if (started) setNavigated(false);
  }, [started]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: reveal when the change looked at changes (by key), not on every live re-render
  useEffect(() => {
    if (navigated && item) reveal(item, live);
  }, [key, live, navigated]);
  if (!api) return null;
  const { state } = api;
  if (state.status === 'idle') return <RestoreNoticeBar api={api} />;
  const exit = (
    <button
      type="button"
      className="btn btn-sm compare-exit"
      data-testid="compare-exit"
      onClick={api.stop}
    >
      <X aria-hidden />
      {t('bar.exit')}
    </button>
  );
  if (state.status === 'error')
    return (
      <div className="docked-bar compare-bar is-error" role="alert" data-testid="compare-bar">
        <GitCompareArrows aria-hidden />
        <span className="docked-text">{t('bar.failed', { message: state.message })}</span>
        {exit}
      </div>
    );
  // (comparing with now: the live snapshot arrives a moment after the versions)
  if (state.status === 'loading' || !model)
    return (
      <div className="docked-bar compare-bar" role="status" data-testid="compare-bar">
        <GitCompareArrows aria-hidden />
        <span className="docked-text">{t('bar.loading')}</span>
        {exit}
      </div>
    );
  const count = model.items.length;
  const go = (i: number) => {
    const next = Math.max(0, Math.min(count - 1, i));
    api.setIndex(next);
    // the same change again (e.g. clicked twice): scroll anyway
    const target = model.items[next];
    if (navigated && target && next === api.index) reveal(target, live);
    setNavigated(true);
  };
  const fromWhen = formatWhen(state.from.createdAt, i18n.language);
  const toWhen = state.to ? formatWhen(state.to.createdAt, i18n.language) : '';
  const printHref = `/sop/${encodeURIComponent(api.sopId)}/changes?from=${encodeURIComponent(state.req.from)}&to=${encodeURIComponent(state.req.to)}`;
  return (
    <div className="compare-dock" data-testid="compare-bar" data-live={live ? 'true' : 'false'}>
      <div className="docked-bar compare-bar">
        <GitCompareArrows aria-hidden />
        <span className="docked-text" title={live ? t('bar.liveHint') : t('bar.versionsHint')}>
          {t('bar.label')} <strong title={fromWhen}>{state.from.label}</strong> →{' '}
          <strong title={toWhen}>{state.to ? state.to.label : t('bar.now')}</strong>
          {model && (
            <span className="compare-summary" data-testid="compare-summary">
              {' · '}
              {summaryText(t, model.summary)}
            </span>
          )}
        </span>
        <span className="compare-nav">
          <button
            type="button"
            className="btn btn-ghost btn-sm btn-icon"
            aria-label={t('bar.prev')}
            title={t('bar.prev')}
            data-testid="compare-prev"
            disabled={count === 0 || !navigated || api.index <= 0}
            onClick={() => go(api.index - 1)}
          >
            <ChevronLeft aria-hidden />
          </button>
          <span className="compare-position" data-testid="compare-position">
            {count === 0 ? t('bar.noChanges') : t('bar.position', { n: api.index + 1, count })}
          </span>
          <button
            type="button"
            className="btn btn-ghost btn-sm btn-icon"
            aria-label={t('bar.next')}
            title={t('bar.next')}
            data-testid="compare-next"
            disabled={count === 0 || (navigated && api.index >= count - 1)}
            onClick={() => go(navigated ? api.index + 1 : api.index)}
          >
            <ChevronRight aria-hidden />
          </button>
        </span>
        <button
          type="button"
          className="btn btn-sm"
          aria-expanded={listOpen}
          aria-controls="compare-list-panel"
          title={t('bar.list')}
          data-testid="compare-list-toggle"
          onClick={() => setListOpen((o) => !o)}
        >
          {listOpen ? <ChevronUp aria-hidden /> : <ChevronDown aria-hidden />}
          {t('bar.listShort', { count })}
        </button>
        <a
          className="btn btn-sm"
          href={printHref}
          target="_blank"
          rel="noopener"
          data-testid="compare-print"
          title={t('bar.print')}
          aria-label={t('bar.print')}
        >
          <Printer aria-hidden />
          {t('bar.printShort')}
        </a>
        {live && api.canEdit && (
          <button
            type="button"
            className="btn btn-sm"
            data-testid="compare-restore"
            title={t('bar.restore')}
            aria-label={t('bar.restore')}
            onClick={() => setConfirm(true)}
          >
            <RotateCcw aria-hidden />
            {t('bar.restoreShort')}
          </button>
        )}
        {exit}
      </div>
      {listOpen && model && (
        <div id="compare-list-panel" className="compare-list-panel">
          <ChangeList model={model} index={api.index} onSelect={go} />
        </div>
      )}
      <ConfirmDialog
        open={confirm}
        onOpenChange={setConfirm}
        title={t('restore.title', { label: state.from.label })}
        body={t('restore.body')}
        confirmLabel={t('restore.confirm')}
        danger={false}
        errorText={(e) => restoreErrorText(t, e)}
        onConfirm={() => api.restore({ id: state.from.id, label: state.from.label })}
      />
    </div>
  );
}
