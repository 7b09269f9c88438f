/** The decisions recorded in one stage (the meeting record keeps them). */
import type { StageNo } from '@shared/guided/index';
import { X } from 'lucide-react';
import { type KeyboardEvent, useState } from 'react';
import { useGuidedT } from './i18n';
import type { GuidedApi } from './useGuided';

export function Decisions({ api, stage }: { api: GuidedApi; stage: StageNo }) {
  const { t } = useGuidedT();
  const [text, setText] = useState('');
  const list = api.session?.decisions.filter((d) => d.stage === stage) ?? [];
  const add = async () => {
    const body = text.trim();
    if (!body) return;
    const r = await api.run('decision', { stage, text: body });
    if (r) setText('');
  };
  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter' && !e.nativeEvent.isComposing) {
      e.preventDefault();
      void add();
    }
  };
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
        <div className="guided-inline">
          <input
            className="input"
            value={text}
            onChange={(e) => setText(e.target.value)}
            onKeyDown={onKey}
            placeholder={t('decisionPlaceholder')}
            aria-label={t('decisions')}
            maxLength={2000}
            data-testid="guided-decision-input"
          />
          <button type="button" className="btn" onClick={() => void add()} disabled={!text.trim()}>
            {t('decisionAdd')}
          </button>
        </div>
      )}
    </section>
  );
}
