/** Stage 1, need and name: the unit, the task and function, the legal basis, candidate names. */
import { Check, X } from 'lucide-react';
import { useEffect, useState } from 'react';
import { YTextField } from '../editor/binding/YTextField';
import { ListBoxEditor } from '../editor/identity/ListBoxEditor';
import { InlineAdd } from './InlineAdd';
import { useGuidedT } from './i18n';
import type { GuidedApi } from './useGuided';

export function StageNeed({ api }: { api: GuidedApi }) {
  const { t } = useGuidedT();
  const { sop, snapshot } = api.deps;
  const session = api.session;
  const [task, setTask] = useState(session?.taskFunction ?? '');
  const [editingTask, setEditingTask] = useState(false);
  const stored = session?.taskFunction ?? '';
  useEffect(() => {
    if (!editingTask) setTask(stored);
  }, [stored, editingTask]);
  if (!session) return null;
  const current = snapshot.identity.name.trim();

  const pick = (n: string) => {
    sop.identity.set('name', n);
    void api.run('decision', { stage: 1, text: t('need.chosen', { name: n }) });
  };
  return (
    <div className="guided-stage-body guided-need">
      <div className="guided-col">
        <YTextField
          ytext={sop.identity.text('unit')}
          label={t('need.unit')}
          presenceKey="identity.unit"
          testId="guided-unit"
        />
        <div className="field">
          <label className="field-label" htmlFor="guided-task">
            {t('need.taskFunction')}
          </label>
          <textarea
            id="guided-task"
            className="input guided-task"
            rows={3}
            value={task}
            placeholder={t('need.taskFunctionHint')}
            readOnly={!api.canEdit}
            onFocus={() => setEditingTask(true)}
            onChange={(e) => setTask(e.target.value)}
            onBlur={() => {
              setEditingTask(false);
              if (task !== stored) void api.run('taskFunction', { text: task });
            }}
            maxLength={5000}
            data-testid="guided-task"
          />
        </div>
        <ListBoxEditor box="legalBasis" />
      </div>
      <div className="guided-col">
        <YTextField
          ytext={sop.identity.text('name')}
          label={t('need.name')}
          presenceKey="identity.name"
          testId="guided-name"
        />
        <section aria-labelledby="guided-candidates">
          <h3 id="guided-candidates" className="guided-h3">
            {t('need.candidates')}
          </h3>
          {session.candidates.length === 0 ? (
            <p className="muted">{t('need.noCandidates')}</p>
          ) : (
            <ul className="guided-candidates" data-testid="guided-candidates">
              {session.candidates.map((c) => {
                const chosen = c.name.trim() === current;
                return (
                  <li key={c.id} data-chosen={chosen ? 'true' : undefined}>
                    <span className="guided-candidate-name">{c.name}</span>
                    {api.canEdit && (
                      <>
                        <button
                          type="button"
                          className={chosen ? 'btn btn-sm' : 'btn btn-primary btn-sm'}
                          disabled={chosen}
                          onClick={() => pick(c.name)}
                          data-testid="guided-pick"
                        >
                          {chosen ? <Check aria-hidden /> : null}
                          {chosen ? t('need.picked') : t('need.pick')}
                        </button>
                        <button
                          type="button"
                          className="btn btn-ghost btn-sm btn-icon"
                          aria-label={t('need.candidateRemove', { name: c.name })}
                          onClick={() => void api.run('removeCandidate', { candidateId: c.id })}
                        >
                          <X aria-hidden />
                        </button>
                      </>
                    )}
                  </li>
                );
              })}
            </ul>
          )}
          {api.canEdit && (
            <InlineAdd
              label={t('need.candidates')}
              placeholder={t('need.candidatePlaceholder')}
              addLabel={t('need.candidateAdd')}
              maxLength={500}
              testId="guided-candidate-input"
              onAdd={(name) => api.run('candidate', { name })}
            />
          )}
        </section>
      </div>
    </div>
  );
}
