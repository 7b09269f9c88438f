/** What is still missing in one stage: errors first, each a link to its step or field. */
import { formatMissing, type MissingItem, type StageNo } from '@shared/guided/index';
import { AlertCircle, CheckCircle2, Info } from 'lucide-react';
import { focusStep } from '../editor/procedure/focusStep';
import { useGuidedT } from './i18n';
import type { GuidedApi } from './useGuided';

/** Stages whose focus shows the procedure table (a step link can land there). */
const TABLE_STAGES: ReadonlySet<StageNo> = new Set([2, 4]);
/** Stages whose focus shows the identity form. */
const IDENTITY_STAGES: ReadonlySet<StageNo> = new Set([3]);

function focusField(field: string): void {
  const box = document.querySelector<HTMLElement>(
    `#identity [data-identity-field="${CSS.escape(field)}"]`,
  );
  box?.scrollIntoView({ block: 'center' });
  box?.querySelector<HTMLElement>('input, textarea, button')?.focus({ preventScroll: true });
}

export function MissingList({
  api,
  stage,
  title,
}: {
  api: GuidedApi;
  stage: StageNo;
  title?: string;
}) {
  const { t, i18n } = useGuidedT();
  const locale = i18n.language.startsWith('en') ? 'en' : 'id';
  const s = api.completeness.stages[stage];
  const go = (item: MissingItem) => {
    const { stepId, field, section } = item.location;
    const visible = stepId ? TABLE_STAGES.has(stage) : IDENTITY_STAGES.has(stage);
    if (!visible) api.setShowAll(true);
    requestAnimationFrame(() => {
      if (stepId) focusStep(stepId);
      else if (section === 'identity' && field) focusField(field);
    });
  };
  return (
    <section
      className="guided-missing"
      aria-labelledby={`guided-missing-${stage}`}
      data-testid="guided-missing"
    >
      <h3 id={`guided-missing-${stage}`} className="guided-h3">
        {title ?? t('missingTitle')}
      </h3>
      {s.items.length === 0 ? (
        <p className="guided-ok">
          <CheckCircle2 aria-hidden />
          {stage === 4 ? t('diagram.ok') : t('missingNone')}
        </p>
      ) : (
        <>
          {s.errors > 0 && <p className="guided-blocks">{t('blocks', { count: s.errors })}</p>}
          <ul className="guided-missing-list">
            {s.items.map((item, i) => {
              const text = formatMissing(item, locale);
              const linked = !!(
                item.location.stepId ||
                (item.location.section === 'identity' && item.location.field)
              );
              return (
                <li
                  // biome-ignore lint/suspicious/noArrayIndexKey: items have no ids and are recomputed together
                  key={i}
                  className={`guided-missing-item severity-${item.severity}`}
                  data-code={item.code}
                >
                  {item.severity === 'error' ? (
                    <AlertCircle aria-label={t('errorLabel')} />
                  ) : (
                    <Info aria-label={t('warningLabel')} />
                  )}
                  {linked ? (
                    <button type="button" className="link-button" onClick={() => go(item)}>
                      {text}
                    </button>
                  ) : (
                    <span>{text}</span>
                  )}
                </li>
              );
            })}
          </ul>
          <p className="muted guided-skip">{t('canSkip')}</p>
        </>
      )}
    </section>
  );
}
