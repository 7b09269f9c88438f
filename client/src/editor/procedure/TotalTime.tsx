import { Clock } from 'lucide-react';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { totalTime } from '../../../../shared/model/index';
import type { SopSnapshot, TimeUnit } from '../../../../shared/model/types';
import { localeOf } from '../../lib/format';

const UNITS: TimeUnit[] = ['year', 'month', 'week', 'day', 'hour', 'minute'];

/** Total time of the procedure: the sum per unit, and in working hours. */
export function TotalTime({ snapshot }: { snapshot: SopSnapshot }) {
  const { t, i18n } = useTranslation();
  const total = useMemo(() => totalTime(snapshot), [snapshot]);
  const nf = new Intl.NumberFormat(localeOf(i18n.language), { maximumFractionDigits: 1 });
  const parts = UNITS.filter((u) => (total.perUnit[u] ?? 0) > 0).map(
    (u) => `${nf.format(total.perUnit[u])} ${t(`steps.units.${u}`)}`,
  );
  return (
    <div className="total-time" data-testid="total-time">
      <Clock aria-hidden />
      <span className="total-label">{t('steps.total')}:</span>
      <strong>{parts.length ? parts.join(' + ') : t('steps.totalNone')}</strong>
      {parts.length > 1 && (
        <span className="muted">
          ({t('steps.totalHours', { hours: nf.format(total.minutes / 60) })})
        </span>
      )}
    </div>
  );
}
