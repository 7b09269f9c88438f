import * as Popover from '@radix-ui/react-popover';
import { CheckCheck, Lightbulb, PencilLine, XCircle } from 'lucide-react';
import { useState } from 'react';
import { useStepIds } from '../editor/model/hooks';
import { useSuggestionsT } from './i18n';
import { SuggestionCard } from './SuggestionCard';
import { useOpenIndex, useSuggestions } from './SuggestionsContext';
import './suggestions.css';

/**
 * Section-bar tools of suggestion mode: the switch an owner or editor flips to
 * propose instead of edit (`suggest-mode`; a commenter is always suggesting and sees
 * a label instead), and the list of open suggestions with "accept / reject all" per
 * person.
 */
export function SuggestTools() {
  const ctx = useSuggestions();
  const { t } = useSuggestionsT();
  if (!ctx || (!ctx.canSuggest && !ctx.canResolve)) return <SuggestionsMenu />;
  return (
    <>
      {ctx.canResolve ? (
        <button
          type="button"
          className={`btn btn-sm sg-mode${ctx.suggestMode ? ' is-on' : ''}`}
          data-testid="suggest-mode"
          aria-pressed={ctx.suggestMode}
          title={ctx.suggestMode ? t('mode.on') : t('mode.off')}
          onClick={() => ctx.setSuggestMode(!ctx.suggestMode)}
        >
          <PencilLine aria-hidden />
          {t('mode.toggle')}
        </button>
      ) : (
        <span
          className="pill pill-primary sg-mode-label"
          title={t('mode.commenter')}
          data-testid="suggest-mode-fixed"
        >
          <PencilLine aria-hidden />
          {t('mode.toggle')}
        </span>
      )}
      <SuggestionsMenu />
    </>
  );
}

function SuggestionsMenu() {
  const ctx = useSuggestions();
  const index = useOpenIndex();
  const { t } = useSuggestionsT();
  const [busy, setBusy] = useState(false);
  const ids = useStepIds();
  if (!ctx || !index || index.open.length === 0) return null;
  const count = index.open.length;
  const { canResolve } = ctx;
  const bulk = (action: 'accept' | 'reject', authorId: string) => {
    setBusy(true);
    void ctx.bulk(action, authorId).finally(() => setBusy(false));
  };
  // Suggestions that have no place in the page any more (their step is gone) are
  // decided here; the others are shown where they apply.
  const steps = new Set(ids);
  const orphans = index.open.filter((s) => {
    const c = s.change;
    if (c.kind === 'insertStep') return c.afterStepId !== null && !steps.has(c.afterStepId);
    return 'stepId' in c && !steps.has(c.stepId);
  });
  return (
    <Popover.Root>
      <Popover.Trigger asChild>
        <button
          type="button"
          className="btn btn-sm btn-ghost sg-menu-button"
          data-testid="suggestions-open"
          aria-label={t('menu.buttonCount', { count })}
        >
          <Lightbulb aria-hidden />
          <span className="sg-count" data-testid="suggestions-count">
            {count}
          </span>
        </button>
      </Popover.Trigger>
      <Popover.Portal>
        <Popover.Content className="popover-content sg-menu" sideOffset={6} align="end">
          <h2 className="sg-menu-title">{t('menu.title')}</h2>
          <ul className="sg-authors">
            {[...index.byAuthor.values()].map(({ author, list }) => (
              <li key={author.id} className="sg-author-row" data-author-id={author.id}>
                <span className="sg-dot" style={{ background: author.colour }} aria-hidden />
                <span className="sg-author-name">
                  {t('menu.byAuthor', { name: author.name, count: list.length })}
                </span>
                {canResolve && (
                  <span className="sg-author-actions">
                    <button
                      type="button"
                      className="btn btn-sm"
                      disabled={busy}
                      data-testid="suggestions-reject-all"
                      aria-label={t('menu.rejectAllOf', { name: author.name })}
                      onClick={() => bulk('reject', author.id)}
                    >
                      <XCircle aria-hidden />
                      {t('menu.rejectAll')}
                    </button>
                    <button
                      type="button"
                      className="btn btn-sm btn-primary"
                      disabled={busy}
                      data-testid="suggestions-accept-all"
                      aria-label={t('menu.acceptAllOf', { name: author.name })}
                      onClick={() => bulk('accept', author.id)}
                    >
                      <CheckCheck aria-hidden />
                      {t('menu.acceptAll')}
                    </button>
                  </span>
                )}
              </li>
            ))}
          </ul>
          {orphans.length > 0 && (
            <>
              <h3 className="sg-menu-sub">{t('menu.obsolete')}</h3>
              <div className="sg-menu-list">
                {orphans.map((s) => (
                  <SuggestionCard key={s.id} suggestion={s} />
                ))}
              </div>
            </>
          )}
        </Popover.Content>
      </Popover.Portal>
    </Popover.Root>
  );
}
