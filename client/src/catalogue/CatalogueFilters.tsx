/** The catalogue's filters and sort (issue 17): status, unit, review due, sort key and order. */
import type { SopStatus } from '@shared/model/types';
import { ArrowDownWideNarrow, ArrowUpNarrowWide, X } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { type CatalogueParams, SORTS, type Sort, STATUSES, type UnitOption } from './catalogueApi';

export function CatalogueFilters({
  params,
  units,
  onChange,
}: {
  params: CatalogueParams;
  units: UnitOption[];
  onChange(patch: Partial<CatalogueParams>): void;
}) {
  const { t } = useTranslation('catalogue');
  const { t: tm } = useTranslation();
  const filtered = params.status !== '' || params.unit !== '' || params.reviewBefore !== '';
  return (
    <div className="catalogue-filters" data-testid="catalogue-filters">
      <label className="catalogue-filter">
        <span>{t('status')}</span>
        <select
          className="select select-compact"
          value={params.status}
          disabled={params.reviewBefore !== ''}
          onChange={(e) => onChange({ status: e.target.value as SopStatus | '', offset: 0 })}
          data-testid="filter-status"
        >
          <option value="">{t('allStatuses')}</option>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {tm(`status.${s}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="catalogue-filter">
        <span>{t('unit')}</span>
        <select
          className="select select-compact"
          value={params.unit}
          onChange={(e) => onChange({ unit: e.target.value, offset: 0 })}
          data-testid="filter-unit"
        >
          <option value="">{t('allUnits')}</option>
          {units.map((u) => (
            <option key={u.id} value={u.id}>
              {u.name}
            </option>
          ))}
          <option value="none">{t('noUnit')}</option>
        </select>
      </label>
      <label className="catalogue-filter catalogue-check" title={t('reviewDueHint')}>
        <input
          type="checkbox"
          checked={params.reviewBefore !== ''}
          onChange={(e) =>
            onChange({
              reviewBefore: e.target.checked ? soon() : '',
              status: '',
              ...(e.target.checked ? { sort: 'reviewDate' as Sort, order: 'asc' as const } : {}),
              offset: 0,
            })
          }
          data-testid="filter-review-due"
        />
        <span>{t('reviewDue')}</span>
      </label>
      <label className="catalogue-filter">
        <span>{t('sort')}</span>
        <select
          className="select select-compact"
          value={params.sort}
          onChange={(e) => {
            const sort = e.target.value as Sort;
            onChange({
              sort,
              order: sort === 'updatedAt' || sort === 'createdAt' ? 'desc' : 'asc',
              offset: 0,
            });
          }}
          data-testid="sort-key"
        >
          {SORTS.map((s) => (
            <option key={s} value={s}>
              {t(`sorts.${s}`)}
            </option>
          ))}
        </select>
      </label>
      <button
        type="button"
        className="btn btn-ghost btn-icon"
        aria-label={`${t('orderToggle')}: ${t(`order.${params.order}`)}`}
        title={t(`order.${params.order}`)}
        onClick={() => onChange({ order: params.order === 'asc' ? 'desc' : 'asc', offset: 0 })}
        data-testid="sort-order"
      >
        {params.order === 'asc' ? (
          <ArrowUpNarrowWide aria-hidden />
        ) : (
          <ArrowDownWideNarrow aria-hidden />
        )}
      </button>
      {filtered && (
        <button
          type="button"
          className="btn btn-ghost"
          onClick={() => onChange({ status: '', unit: '', reviewBefore: '', offset: 0 })}
        >
          <X aria-hidden />
          {t('clear')}
        </button>
      )}
    </div>
  );
}

/** 30 days from today (YYYY-MM-DD, UTC), the "review due" horizon. */
export function soon(now = new Date()): string {
  return new Date(now.getTime() + 30 * 86_400_000).toISOString().slice(0, 10);
}
