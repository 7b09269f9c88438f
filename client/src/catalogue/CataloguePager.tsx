/** Previous / next page of the catalogue, with the range shown. */
import { ChevronLeft, ChevronRight } from 'lucide-react';
import { useTranslation } from 'react-i18next';

export function CataloguePager({
  offset,
  limit,
  total,
  onOffset,
}: {
  offset: number;
  limit: number;
  total: number;
  onOffset(offset: number): void;
}) {
  const { t, i18n } = useTranslation('catalogue');
  if (total <= limit && offset === 0) return null;
  const n = (v: number) => v.toLocaleString(i18n.language === 'en' ? 'en-GB' : 'id-ID');
  return (
    <nav className="catalogue-pager" aria-label={t('pager')} data-testid="catalogue-pager">
      <span className="muted" aria-live="polite">
        {t('range', {
          from: n(Math.min(total, offset + 1)),
          to: n(Math.min(total, offset + limit)),
          total: n(total),
        })}
      </span>
      <button
        type="button"
        className="btn"
        disabled={offset === 0}
        onClick={() => onOffset(Math.max(0, offset - limit))}
      >
        <ChevronLeft aria-hidden />
        {t('prev')}
      </button>
      <button
        type="button"
        className="btn"
        disabled={offset + limit >= total}
        onClick={() => onOffset(offset + limit)}
        data-testid="pager-next"
      >
        {t('next')}
        <ChevronRight aria-hidden />
      </button>
    </nav>
  );
}
