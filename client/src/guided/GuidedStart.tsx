/** "Guided meeting" in the editor's toolbar: starts one (editors), or reopens the last record. */
import { ListChecks, NotebookText } from 'lucide-react';
import { useGuidedT } from './i18n';
import type { GuidedApi } from './useGuided';

export function GuidedStart({ api }: { api: GuidedApi }) {
  const { t } = useGuidedT();
  if (api.session) return null;
  const last = api.lastEnded;
  return (
    <>
      {api.canEdit && api.deps.talk && (
        <button
          type="button"
          className="btn btn-sm"
          data-testid="guided-start"
          title={t('startHint')}
          aria-label={t('start')}
          disabled={api.busy}
          onClick={() => void api.start()}
        >
          <ListChecks aria-hidden />
          <span className="btn-text">{api.busy ? t('starting') : t('start')}</span>
        </button>
      )}
      {last && (
        <button
          type="button"
          className="btn btn-ghost btn-sm"
          data-testid="guided-last-record"
          aria-label={t('record.show')}
          title={t('record.show')}
          onClick={() => api.openRecord(last.id)}
        >
          <NotebookText aria-hidden />
          <span className="btn-text">{t('record.show')}</span>
        </button>
      )}
    </>
  );
}
