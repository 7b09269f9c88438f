import * as DropdownMenu from '@radix-ui/react-dropdown-menu';
import { Archive, Copy, FileText, MoreHorizontal, Printer, RotateCw, Search } from 'lucide-react';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'wouter';
import { CatalogueDashboard } from '../catalogue/CatalogueDashboard';
import { CatalogueFilters } from '../catalogue/CatalogueFilters';
import { CataloguePager } from '../catalogue/CataloguePager';
import {
  type CatalogueItem,
  type CatalogueParams,
  fetchCatalogue,
  fetchUnits,
  type UnitOption,
} from '../catalogue/catalogueApi';
import { ImportDocxButton } from '../catalogue/ImportDocxButton';
import { useDebounced } from '../catalogue/useDebounced';
import '../catalogue/catalogue.css';
import { AppHeader } from '../components/AppHeader';
import { Toast } from '../components/Toast';
import { archiveSop, copyName, duplicateSop, restoreSop, type SopListItem } from '../lib/api';
import { formatLongDate } from '../lib/dates';
import { formatDateTime, statusClass } from '../lib/format';
import { NeedsAttention } from '../lifecycle/NeedsAttention';
import { NewSopDialog } from './NewSopDialog';

type LoadState =
  | { kind: 'loading' }
  | { kind: 'error' }
  | { kind: 'ready'; items: CatalogueItem[]; total: number };

/** Rows per page of the catalogue. */
const PAGE = 50;

const INITIAL: CatalogueParams = {
  q: '',
  status: '',
  unit: '',
  sort: 'updatedAt',
  order: 'desc',
  reviewBefore: '',
  offset: 0,
  limit: PAGE,
};

/**
 * `/`: the agency's register of SOPs (issue 17) — search in names and step text, filters,
 * sorting and pages answered by the server, the counts per unit and status — with
 * create-from-template, import from Word and archive (with undo).
 */
export function ListPage() {
  const { t, i18n } = useTranslation();
  const { t: tc } = useTranslation('catalogue');
  const [, navigate] = useLocation();
  const [params, setParams] = useState<CatalogueParams>(INITIAL);
  const q = params.q;
  const typed = useDebounced(q, 200);
  const [units, setUnits] = useState<UnitOption[]>([]);
  const [state, setState] = useState<LoadState>({ kind: 'loading' });
  const [reload, setReload] = useState(0);
  const [archived, setArchived] = useState<SopListItem | null>(null);
  const [toastError, setToastError] = useState<string | null>(null);
  const [copied, setCopied] = useState<{ id: string; name: string } | null>(null);

  // The list as the server pages it; typing in the search box is debounced.
  const { status, unit, sort, order, reviewBefore, offset } = params;
  useEffect(() => {
    const ctrl = new AbortController();
    void reload;
    fetchCatalogue(
      { q: typed, status, unit, sort, order, reviewBefore, offset, limit: PAGE },
      ctrl.signal,
    )
      .then(({ items, total }) => setState({ kind: 'ready', items, total }))
      .catch((e: unknown) => {
        if (!ctrl.signal.aborted) {
          console.warn('list failed', e);
          setState({ kind: 'error' });
        }
      });
    return () => ctrl.abort();
  }, [typed, status, unit, sort, order, reviewBefore, offset, reload]);

  useEffect(() => {
    const ctrl = new AbortController();
    fetchUnits(ctrl.signal)
      .then((us) => setUnits(us.map((u) => ({ id: u.id, name: u.name }))))
      .catch(() => {});
    return () => ctrl.abort();
  }, []);

  const refresh = useCallback(() => setReload((n) => n + 1), []);
  const update = useCallback(
    (patch: Partial<CatalogueParams>) => setParams((p) => ({ ...p, ...patch })),
    [],
  );
  const unitName = (id: string | null | undefined) =>
    id ? (units.find((u) => u.id === id)?.name ?? '') : '';
  const day = (iso: string) => (iso ? formatLongDate(iso, i18n.language) : tc('none'));
  const today = new Date().toISOString().slice(0, 10);

  async function archive(item: SopListItem) {
    try {
      await archiveSop(item.id);
      setArchived(item);
      refresh();
    } catch {
      setToastError(t('list.archiveError'));
    }
  }

  async function duplicate(item: SopListItem) {
    const taken = new Set(state.kind === 'ready' ? state.items.map((i) => i.name.trim()) : []);
    const name = copyName(item.name.trim() || t('list.untitled'), t('list.copySuffix'), taken);
    try {
      const id = await duplicateSop(item, name);
      setCopied({ id, name });
      refresh();
    } catch {
      setToastError(t('list.duplicateError'));
    }
  }

  async function undoArchive() {
    if (!archived) return;
    const item = archived;
    setArchived(null);
    try {
      await restoreSop(item.id);
      refresh();
    } catch {
      setToastError(t('list.restoreError'));
    }
  }

  const items: CatalogueItem[] = state.kind === 'ready' ? state.items : [];
  const closeArchived = useCallback(() => setArchived(null), []);
  const closeError = useCallback(() => setToastError(null), []);
  const closeCopied = useCallback(() => setCopied(null), []);

  return (
    <>
      <AppHeader />
      <main id="main" className="page">
        <NeedsAttention />
        <div className="list-hero">
          <div>
            <h1>{t('list.title')}</h1>
            <p>{t('list.subtitle')}</p>
          </div>
          <div className="list-hero-actions">
            <ImportDocxButton onImported={refresh} onError={setToastError} />
            <NewSopDialog />
          </div>
        </div>
        <CatalogueDashboard reload={reload} onFilter={update} />
        <section className="card list-card" aria-labelledby="list-heading">
          <h2 id="list-heading" className="visually-hidden">
            {t('list.title')}
          </h2>
          <div className="list-toolbar">
            {/* biome-ignore lint/a11y/useSemanticElements: <search> is not yet in the JSX types */}
            <div className="search-box" role="search">
              <Search aria-hidden />
              <input
                type="search"
                className="input"
                aria-label={t('list.search')}
                placeholder={tc('searchPlaceholder')}
                value={q}
                onChange={(e) => update({ q: e.target.value, offset: 0 })}
                data-testid="sop-search"
              />
            </div>
            {state.kind === 'ready' && (
              <span className="list-count" aria-live="polite">
                {t('list.count', { count: state.total })}
              </span>
            )}
          </div>
          <CatalogueFilters params={params} units={units} onChange={update} />
          {state.kind === 'loading' && <p className="empty-state">{t('app.loading')}</p>}
          {state.kind === 'error' && (
            <div className="list-error" role="alert">
              {t('list.loadError')}
              <button type="button" className="btn" onClick={refresh}>
                <RotateCw aria-hidden />
                {t('list.retry')}
              </button>
            </div>
          )}
          {state.kind === 'ready' && items.length === 0 && (
            <p className="empty-state">
              {q.trim() ? t('list.noResults', { q: q.trim() }) : t('list.empty')}
            </p>
          )}
          {items.length > 0 && (
            <table className="sop-table">
              <thead>
                <tr>
                  <th scope="col">{t('list.colName')}</th>
                  <th scope="col">{tc('colUnit')}</th>
                  <th scope="col">{t('list.colStatus')}</th>
                  <th scope="col">{tc('colEffective')}</th>
                  <th scope="col">{tc('colReview')}</th>
                  <th scope="col">{t('list.colSteps')}</th>
                  <th scope="col">{t('list.colUpdated')}</th>
                  <th scope="col" className="col-actions">
                    <span className="visually-hidden">{t('list.colActions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {items.map((item) => {
                  const name = item.name.trim() || t('list.untitled');
                  return (
                    <tr key={item.id} data-testid="sop-list-item" data-sop-id={item.id}>
                      <td className="col-name">
                        <Link
                          href={`/sop/${encodeURIComponent(item.id)}`}
                          className="sop-name-link"
                        >
                          {name}
                        </Link>
                        <div className="sop-number">{item.number.trim() || t('list.noNumber')}</div>
                      </td>
                      <td className="muted col-unit">{unitName(item.unitId) || tc('none')}</td>
                      <td className="col-status">
                        <span className={statusClass(item.status)}>
                          {t(`status.${item.status}`)}
                        </span>
                      </td>
                      <td className="muted col-date">{day(item.effectiveDate)}</td>
                      <td
                        className={`col-date col-review ${item.reviewDate && item.reviewDate < today ? 'review-overdue' : 'muted'}`}
                      >
                        {day(item.reviewDate)}
                        {item.reviewDate && item.reviewDate < today && (
                          <span className="visually-hidden"> ({tc('overdue')})</span>
                        )}
                      </td>
                      <td className="num col-steps">
                        {t('list.stepCount', { count: item.stepCount })}
                      </td>
                      <td className="muted col-updated">
                        {formatDateTime(item.updatedAt, i18n.language)}
                      </td>
                      <td className="col-actions">
                        <DropdownMenu.Root>
                          <DropdownMenu.Trigger asChild>
                            <button
                              type="button"
                              className="btn btn-ghost btn-icon"
                              aria-label={t('list.actions', { name })}
                            >
                              <MoreHorizontal aria-hidden />
                            </button>
                          </DropdownMenu.Trigger>
                          <DropdownMenu.Portal>
                            <DropdownMenu.Content
                              className="menu-content"
                              align="end"
                              sideOffset={4}
                            >
                              <DropdownMenu.Item
                                className="menu-item"
                                onSelect={() => navigate(`/sop/${encodeURIComponent(item.id)}`)}
                              >
                                <FileText aria-hidden />
                                {t('list.open')}
                              </DropdownMenu.Item>
                              <DropdownMenu.Item
                                className="menu-item"
                                onSelect={() =>
                                  navigate(`/sop/${encodeURIComponent(item.id)}/print`)
                                }
                              >
                                <Printer aria-hidden />
                                {t('list.print')}
                              </DropdownMenu.Item>
                              <DropdownMenu.Item
                                className="menu-item"
                                data-testid="list-duplicate"
                                onSelect={() => void duplicate(item)}
                              >
                                <Copy aria-hidden />
                                {t('list.duplicate')}
                              </DropdownMenu.Item>
                              {/* Archiving is the owner's (the server refuses anyone else). */}
                              {(item.role === undefined || item.role === 'owner') && (
                                <>
                                  <DropdownMenu.Separator className="menu-separator" />
                                  <DropdownMenu.Item
                                    className="menu-item"
                                    data-testid="list-archive"
                                    onSelect={() => void archive(item)}
                                  >
                                    <Archive aria-hidden />
                                    {t('list.archive')}
                                  </DropdownMenu.Item>
                                </>
                              )}
                            </DropdownMenu.Content>
                          </DropdownMenu.Portal>
                        </DropdownMenu.Root>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          )}
          {state.kind === 'ready' && (
            <CataloguePager
              offset={params.offset}
              limit={PAGE}
              total={state.total}
              onOffset={(o) => update({ offset: o })}
            />
          )}
        </section>
      </main>
      {archived && (
        <Toast
          message={t('list.archived', { name: archived.name.trim() || t('list.untitled') })}
          actionLabel={t('list.undo')}
          onAction={() => void undoArchive()}
          onClose={closeArchived}
        />
      )}
      {copied && (
        <Toast
          message={t('list.duplicated', { name: copied.name })}
          actionLabel={t('list.open')}
          onAction={() => navigate(`/sop/${encodeURIComponent(copied.id)}`)}
          onClose={closeCopied}
        />
      )}
      {toastError && <Toast message={toastError} onClose={closeError} />}
    </>
  );
}
