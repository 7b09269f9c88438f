import * as Popover from '@radix-ui/react-popover';
import { formatProblem, type Problem } from '@shared/model/index';
import { AlertTriangle, CircleCheck } from 'lucide-react';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useIdentity } from './model/hooks';
import { focusStep } from './procedure/focusStep';

/** The SOP's live name (the header's title: `doc-title`). */
export function TitleAndProblems() {
  const { t } = useTranslation();
  const identity = useIdentity();
  const title = identity.name.trim() || t('list.untitled');
  useEffect(() => {
    document.title = `${title} — ${t('app.name')}`;
    return () => {
      document.title = t('app.name');
    };
  }, [title, t]);
  return (
    <h1 className="doc-title" title={identity.name} data-testid="doc-title" data-header-title>
      {title}
    </h1>
  );
}

/** Problem count from `validate()`, with a popover listing them (click to go there). */
export function ProblemsButton({ problems }: { problems: readonly Problem[] }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'id';
  const errors = problems.filter((p) => p.severity === 'error').length;
  return (
    <Popover.Root>
      <Popover.Trigger asChild>
        <button
          type="button"
          className={
            problems.length === 0
              ? 'pill pill-success pill-button'
              : errors
                ? 'pill pill-danger pill-button'
                : 'pill pill-warning pill-button'
          }
          data-testid="problems-button"
        >
          {problems.length === 0 ? <CircleCheck aria-hidden /> : <AlertTriangle aria-hidden />}
          {problems.length > 0 && (
            <span className="pill-count" aria-hidden>
              {problems.length}
            </span>
          )}
          <span className="pill-text">
            {problems.length === 0
              ? t('editor.noProblems')
              : t('editor.problems', { count: problems.length })}
          </span>
        </button>
      </Popover.Trigger>
      <Popover.Portal>
        <Popover.Content className="popover-content problems-popover" align="end" sideOffset={6}>
          <h2 className="popover-title">{t('validation.problems')}</h2>
          {problems.length === 0 ? (
            <p className="muted">{t('editor.noProblems')}</p>
          ) : (
            <ul className="problem-list">
              {problems.map((p, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: problems have no id; the list is rebuilt on each validation
                <li key={`${p.code}-${i}`}>
                  <Popover.Close asChild>
                    <button
                      type="button"
                      className={`problem-item problem-${p.severity}`}
                      onClick={() => {
                        if (p.location.stepId) focusStep(p.location.stepId);
                        else
                          document
                            .getElementById(
                              p.location.section === 'actors'
                                ? 'actors'
                                : p.location.section === 'identity'
                                  ? 'identity'
                                  : 'procedure',
                            )
                            ?.scrollIntoView({ block: 'start' });
                      }}
                    >
                      <AlertTriangle aria-hidden />
                      {formatProblem(p, lang)}
                    </button>
                  </Popover.Close>
                </li>
              ))}
            </ul>
          )}
        </Popover.Content>
      </Popover.Portal>
    </Popover.Root>
  );
}
