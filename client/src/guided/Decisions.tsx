/** The decisions recorded in one stage (the meeting record keeps them). */
import type { StageNo } from '@shared/guided/index';
import { X } from 'lucide-react';
import { InlineAdd } from './InlineAdd';
import { useGuidedT } from './i18n';
import type { GuidedApi } from './useGuided';

export function Decisions({ api, stage }: { api: GuidedApi; stage: StageNo }) {
  const { t } = useGuidedT();
  const list = api.session?.decisions.filter((d) => d.stage === stage) ?? [];
  return (
    <section className="guided-decisions" aria-labelledby={`guided-dec-${stage}`}>
      <h3 id={`guided-dec-${stage}`} className="guided-h3">
        {t('decisions')}
      </h3>
      {list.length === 0 ? (
        <p className="muted">{t('noDecisions')}</p>
      ) : (
        <ul className="guided-decision-list" data-testid="guided-decisions">
          {list.map((d) => (
            <li key={d.id}>
              <span>{d.text}</span>
              {api.canEdit && (
                <button
                  type="button"
                  className="btn btn-ghost btn-sm btn-icon"
                  aria-label={t('decisionRemove')}
                  onClick={() => void api.run('removeDecision', { decisionId: d.id })}
                >
                  <X aria-hidden />
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {api.canEdit && (
        <InlineAdd
          label={t('decisions')}
          placeholder={t('decisionPlaceholder')}
          addLabel={t('decisionAdd')}
          maxLength={2000}
          testId="guided-decision-input"
          onAdd={(text) => api.run('decision', { stage, text })}
        />
      )}
    </section>
  );
}
