import { type Suggestion, type SuggestionStanding, standingOf } from '@shared/discussion/index';
import type { SopDoc } from '@shared/model/index';
import { Check, MessageSquare, X } from 'lucide-react';
import {
  type CSSProperties,
  memo,
  type ReactNode,
  useCallback,
  useContext,
  useRef,
  useState,
  useSyncExternalStore,
} from 'react';
import { useTranslation } from 'react-i18next';
import { CommentsContext } from '../discussion/CommentsContext';
import { Composer } from '../discussion/Composer';
import { useSop } from '../editor/model/hooks';
import { onDocChange } from '../lib/docChange';
import { formatDateTime } from '../lib/format';
import { useActorList, useStepOrder } from './contentHooks';
import { DiffText, ListDiff } from './DiffText';
import { kindLabel, valueText } from './describe';
import { useSuggestionsT } from './i18n';
import { useSuggestions } from './SuggestionsContext';

/**
 * Where a suggestion stands against the live content (current / stale / obsolete),
 * recomputed after every content change; the same object while it does not change.
 */
export function useStanding(s: Suggestion, sop: SopDoc): SuggestionStanding {
  const cache = useRef<{ s: Suggestion; key: string; v: SuggestionStanding } | null>(null);
  const get = () => {
    const v = standingOf(s, sop);
    const key = JSON.stringify(v);
    if (cache.current?.s === s && cache.current.key === key) return cache.current.v;
    cache.current = { s, key, v };
    return v;
  };
  const subscribe = useCallback((cb: () => void) => onDocChange(sop.doc, cb), [sop]);
  return useSyncExternalStore(subscribe, get, get);
}

/**
 * One suggestion shown where it applies (`data-testid="suggestion"`): who and when,
 * the change as a word-level difference (base → proposal; when the text changed
 * since: base, current and proposal), and accept / reject / discuss.
 */
export const SuggestionCard = memo(function SuggestionCard({
  suggestion: s,
  compact,
}: {
  suggestion: Suggestion;
  /** Inside a ghost row: the proposed step is shown by the row itself. */
  compact?: boolean;
}) {
  const { t: ts, i18n } = useSuggestionsT();
  const { t } = useTranslation();
  const ctx = useSuggestions();
  const comments = useContext(CommentsContext);
  const sop = useSop();
  const actors = useActorList(sop);
  const ids = useStepOrder(sop);
  const [confirming, setConfirming] = useState(false);
  const [discussing, setDiscussing] = useState(false);
  const [busy, setBusy] = useState(false);
  const standing = useStanding(s, sop);
  if (!ctx) return null;
  const { canResolve, canSuggest, user } = ctx;
  const own = s.author.id === user.id;
  const state = standing.state;
  const no = (id: string | null) => (id ? ids.indexOf(id) + 1 : 0);
  const text = (v: unknown) => valueText(s, v as never, { t, actors });
  const run = (fn: () => Promise<unknown>) => {
    setBusy(true);
    void fn().finally(() => setBusy(false));
  };
  const accept = (confirmStale: boolean) =>
    run(async () => {
      const r = await ctx.accept(s.id, confirmStale);
      setConfirming(r === 'stale');
    });
  const openThread = (threadId: string) => comments.reveal?.(threadId);

  let body: ReactNode;
  const c = s.change;
  if (c.kind === 'insertStep') {
    body = (
      <p className="sg-line">
        {c.afterStepId
          ? ts('card.insertAfter', { n: no(c.afterStepId) || '?' })
          : ts('card.insertAtStart')}
        {compact ? null : ` — ${c.step.activity}`}
      </p>
    );
  } else if (c.kind === 'deleteStep') {
    const step = (s.base ?? {}) as { activity?: string };
    body = (
      <p className="sg-line">
        {ts('card.deleteStep')}:{' '}
        <del className="sg-del">{step.activity || ts('card.emptyValue')}</del>
      </p>
    );
  } else if (c.kind === 'moveStep') {
    const now = (standing.current ?? {}) as { afterStepId?: string | null };
    body = (
      <p className="sg-line">
        {c.afterStepId ? ts('card.moveTo', { n: no(c.afterStepId) }) : ts('card.moveToStart')}
        {state !== 'obsolete' && now.afterStepId && (
          <span className="sg-muted"> ({ts('card.moveFrom', { n: no(now.afterStepId) })})</span>
        )}
      </p>
    );
  } else if (c.kind === 'identityList') {
    const list = (v: unknown) => (Array.isArray(v) ? (v as string[]) : []);
    body =
      state === 'stale' ? (
        <dl className="sg-compare">
          <dt>{ts('card.base')}</dt>
          <dd data-testid="suggestion-base">
            <ListDiff from={list(s.base)} to={list(s.base)} />
          </dd>
          <dt>{ts('card.current')}</dt>
          <dd data-testid="suggestion-current">
            <ListDiff from={list(standing.current)} to={list(standing.current)} />
          </dd>
          <dt>{ts('card.proposal')}</dt>
          <dd>
            <ListDiff from={list(standing.current)} to={c.items} />
          </dd>
        </dl>
      ) : (
        <ListDiff from={list(s.base)} to={c.items} />
      );
  } else {
    const base = text(s.base);
    const proposal = text(standing.proposal);
    body =
      state === 'stale' ? (
        <dl className="sg-compare">
          <dt>{ts('card.base')}</dt>
          <dd data-testid="suggestion-base">{base || ts('card.emptyValue')}</dd>
          <dt>{ts('card.current')}</dt>
          <dd data-testid="suggestion-current">
            {text(standing.current) || ts('card.emptyValue')}
          </dd>
          <dt>{ts('card.proposal')}</dt>
          <dd>
            <DiffText from={text(standing.current)} to={proposal} />
          </dd>
        </dl>
      ) : (
        <p className="sg-line sg-text">
          {/* against the text as it is now: edits made elsewhere meanwhile are not the suggestion's */}
          <DiffText from={state === 'obsolete' ? base : text(standing.current)} to={proposal} />
        </p>
      );
  }

  const style = { '--sg-colour': s.author.colour || '#6b7280' } as CSSProperties;
  return (
    <div
      className={`sg-card sg-${state}`}
      style={style}
      data-testid="suggestion"
      data-suggestion-id={s.id}
      data-kind={s.change.kind}
      data-state={state}
    >
      <div className="sg-head">
        <span className="sg-dot" aria-hidden />
        <span className="sg-kind">{kindLabel(s, ts, t)}</span>
        <span className="sg-author">{ts('card.by', { name: s.author.name })}</span>
        <time className="sg-time" dateTime={new Date(s.createdAt).toISOString()}>
          {formatDateTime(new Date(s.createdAt), i18n.language)}
        </time>
        {state === 'stale' && (
          <span
            className="pill pill-warning sg-flag"
            title={ts('card.staleHint')}
            data-testid="suggestion-stale"
          >
            {ts('card.stale')}
          </span>
        )}
        {state === 'obsolete' && (
          <span className="pill pill-danger sg-flag" data-testid="suggestion-obsolete">
            {ts('card.obsolete')}
          </span>
        )}
      </div>
      <div className="sg-body">
        {body}
        {state === 'obsolete' && (
          <p className="sg-muted">
            {ts(`card.obsoleteReason.${standing.reason ?? 'gone'}`, {
              defaultValue: ts('card.obsoleteReason.gone'),
            })}
          </p>
        )}
      </div>
      {confirming && (
        <div className="sg-confirm" role="alert" data-testid="suggestion-confirm-stale">
          <p>{ts('card.confirmStale')}</p>
          <div className="sg-actions">
            <button type="button" className="btn btn-sm" onClick={() => setConfirming(false)}>
              {ts('card.cancel')}
            </button>
            <button
              type="button"
              className="btn btn-sm btn-primary"
              disabled={busy}
              data-testid="suggestion-accept-stale"
              onClick={() => accept(true)}
            >
              {ts('card.confirmStaleYes')}
            </button>
          </div>
        </div>
      )}
      {!confirming && (
        <div className="sg-actions">
          {(canSuggest || s.threadId) && (
            <button
              type="button"
              className="btn btn-ghost btn-sm"
              data-testid="suggestion-discuss"
              aria-expanded={s.threadId ? undefined : discussing}
              onClick={() => (s.threadId ? openThread(s.threadId) : setDiscussing((d) => !d))}
            >
              <MessageSquare aria-hidden />
              {s.threadId ? ts('card.discussCount') : ts('card.discuss')}
            </button>
          )}
          {(canResolve || (own && canSuggest)) && (
            <button
              type="button"
              className="btn btn-sm sg-reject"
              data-testid="suggestion-reject"
              aria-label={
                canResolve && !own
                  ? ts('card.rejectLabel', { name: s.author.name })
                  : ts('card.withdrawLabel')
              }
              disabled={busy}
              onClick={() => run(() => ctx.reject(s.id))}
            >
              <X aria-hidden />
              {canResolve || !own ? ts('card.reject') : ts('card.withdraw')}
            </button>
          )}
          {canResolve && state !== 'obsolete' && (
            <button
              type="button"
              className="btn btn-sm btn-primary sg-accept"
              data-testid="suggestion-accept"
              aria-label={ts('card.acceptLabel', { name: s.author.name })}
              disabled={busy}
              onClick={() => (state === 'stale' ? setConfirming(true) : accept(false))}
            >
              <Check aria-hidden />
              {ts('card.accept')}
            </button>
          )}
        </div>
      )}
      {discussing && !s.threadId && (
        <div className="sg-discuss">
          <Composer
            autoFocus
            placeholder={ts('card.discussPlaceholder')}
            submitLabel={ts('card.send')}
            inputTestId="suggestion-discuss-input"
            submitTestId="suggestion-discuss-submit"
            onSubmit={async (text) => {
              const threadId = await ctx.discuss(s, text);
              if (!threadId) return false;
              setDiscussing(false);
              openThread(threadId);
              return true;
            }}
            onCancel={() => setDiscussing(false)}
          />
        </div>
      )}
    </div>
  );
});
