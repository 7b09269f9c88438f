/**
 * Counts of the agency's SOPs per unit and status (issue 17), for the organisation unit:
 * one row per unit, one column per status, with reviews past or due within 30 days. A
 * count is a button that filters the list to it.
 */
import type { SopStatus } from '@shared/model/types';
import { ChartColumn, ChevronDown, ChevronUp } from 'lucide-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { soon } from './CatalogueFilters';
import {
  type CatalogueParams,
  type CatalogueSummary,
  fetchSummary,
  STATUSES,
  type UnitCounts,
} from './catalogueApi';

const OPEN_KEY = 'susun.catalogue.dashboard';

export function CatalogueDashboard({
  reload,
  onFilter,
}: {
  /** Changes when the list changed (an import, an archive): counts are fetched again. */
  reload: number;
  onFilter(patch: Partial<CatalogueParams>): void;
}) {
  const { t } = useTranslation('catalogue');
  const { t: tm } = useTranslation();
  const [open, setOpen] = useState(() => localStorage.getItem(OPEN_KEY) !== '0');
  const [summary, setSummary] = useState<CatalogueSummary | null>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    if (!open) return;
    void reload; // fetched again when the list changed
    const ctrl = new AbortController();
    fetchSummary(ctrl.signal)
      .then((s) => {
        setSummary(s);
        setFailed(false);
      })
      .catch(() => {
        if (!ctrl.signal.aborted) setFailed(true);
      });
    return () => ctrl.abort();
  }, [open, reload]);

  const toggle = () => {
    localStorage.setItem(OPEN_KEY, open ? '0' : '1');
    setOpen(!open);
  };
  const unitName = (u: UnitCounts) => (u.unitId === null ? t('dashboard.noUnit') : u.name);
  const unitValue = (u: UnitCounts | null) => (u === null ? '' : (u.unitId ?? 'none'));

  const count = (
    u: UnitCounts | null,
    n: number,
    patch: Partial<CatalogueParams>,
    label: string,
  ) =>
    n === 0 ? (
      <span className="muted">0</span>
    ) : (
      <button
        type="button"
        className="catalogue-count"
        onClick={() => onFilter({ unit: unitValue(u), offset: 0, ...patch })}
        aria-label={t('dashboard.filterBy', {
          status: label,
          unit: u ? unitName(u) : t('dashboard.allUnits'),
        })}
      >
        {n}
      </button>
    );

  const row = (u: UnitCounts | null, c: UnitCounts) => (
    <tr key={u ? unitValue(u) : 'all'} className={u ? undefined : 'catalogue-total'}>
      <th scope="row">{u ? unitName(u) : t('dashboard.allUnits')}</th>
      <td className="num">
        {count(u, c.total, { status: '', reviewBefore: '' }, t('allStatuses'))}
      </td>
      {STATUSES.map((s: SopStatus) => (
        <td key={s} className="num">
          {count(u, c.byStatus[s] ?? 0, { status: s, reviewBefore: '' }, tm(`status.${s}`))}
        </td>
      ))}
      <td className="num catalogue-overdue">
        {count(
          u,
          c.reviewOverdue,
          { status: '', reviewBefore: summary?.today ?? soon(), sort: 'reviewDate', order: 'asc' },
          t('dashboard.overdue'),
        )}
      </td>
      <td className="num">
        {count(
          u,
          c.reviewSoon + c.reviewOverdue,
          { status: '', reviewBefore: soon(), sort: 'reviewDate', order: 'asc' },
          t('dashboard.soon'),
        )}
      </td>
    </tr>
  );

  return (
    <section className="card catalogue-dashboard" aria-labelledby="catalogue-dashboard-title">
      <div className="catalogue-dashboard-head">
        <h2 id="catalogue-dashboard-title">
          <ChartColumn aria-hidden />
          {t('dashboard.title')}
        </h2>
        <button
          type="button"
          className="btn btn-ghost"
          aria-expanded={open}
          onClick={toggle}
          data-testid="dashboard-toggle"
        >
          {open ? <ChevronUp aria-hidden /> : <ChevronDown aria-hidden />}
          {open ? t('dashboard.hide') : t('dashboard.show')}
        </button>
      </div>
      {open && failed && <p className="list-error">{t('dashboard.loadError')}</p>}
      {open && summary && (
        <div className="catalogue-dashboard-scroll">
          <table className="catalogue-dashboard-table" data-testid="catalogue-dashboard">
            <thead>
              <tr>
                <th scope="col">{t('dashboard.unit')}</th>
                <th scope="col" className="num">
                  {t('dashboard.total')}
                </th>
                {STATUSES.map((s) => (
                  <th key={s} scope="col" className="num">
                    {tm(`status.${s}`)}
                  </th>
                ))}
                <th scope="col" className="num">
                  {t('dashboard.overdue')}
                </th>
                <th scope="col" className="num">
                  {t('dashboard.soon')}
                </th>
              </tr>
            </thead>
            <tbody>
              {summary.units.map((u) => row(u, u))}
              {summary.units.length > 1 && row(null, summary.total)}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
