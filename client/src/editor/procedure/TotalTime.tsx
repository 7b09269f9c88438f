import { formatTotalTime } from '@shared/flowchart/graph';
import { totalTime } from '@shared/model/index';
import type { SopSnapshot, TimeUnit } from '@shared/model/types';
import { Clock } from 'lucide-react';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDecimal } from '../../lib/format';

const UNITS: TimeUnit[] = ['year', 'month', 'week', 'day', 'hour', 'minute'];

/**
 * Total time of the procedure, normalised the way the printed SOP shows it
 * (1 day = 8 working hours: "10 hari 1 jam 15 menit"), plus the working hours.
 */
export function TotalTime({ snapshot }: { snapshot: SopSnapshot }) {
  const { t, i18n } = useTranslation();
  const total = useMemo(() => totalTime(snapshot), [snapshot]);
  const units = Object.fromEntries(UNITS.map((u) => [u, t(`steps.units.${u}`)])) as Record<
    TimeUnit,
    string
  >;
  const text = formatTotalTime(snapshot, { units });
  return (
    <div className="total-time" data-testid="total-time">
      <Clock aria-hidden />
      <span className="total-label">{t('steps.total')}:</span>
      <strong>{text || t('steps.totalNone')}</strong>
      {text !== '' && (
        <span className="muted">
          ({t('steps.totalHours', { hours: formatDecimal(total.minutes / 60, i18n.language) })})
        </span>
      )}
    </div>
  );
}
