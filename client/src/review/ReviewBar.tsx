import * as DropdownMenu from '@radix-ui/react-dropdown-menu';
import * as Popover from '@radix-ui/react-popover';
import { type ReviewSession, type SessionTally, tallySession } from '@shared/discussion/index';
import { isLocked } from '@shared/model/index';
import {
  ChevronLeft,
  ChevronRight,
  Eye,
  EyeOff,
  Maximize,
  MessageSquareWarning,
  Presentation,
  Square,
  ThumbsUp,
  Timer,
  UserRoundCheck,
  Users,
} from 'lucide-react';
import {
  type CSSProperties,
  useCallback,
  useEffect,
  useMemo,
  useState,
  useSyncExternalStore,
} from 'react';
import { useReviewT } from './i18n';
import { PresentationView } from './PresentationView';
import { useReview } from './ReviewContext';
import type { ReviewApi } from './reviewTypes';
import { formatDuration } from './summaryJson';
import { usePresenterKeys } from './usePresenterKeys';
import './review.css';

/** Current time, refreshed every `ms` while mounted (only the timer re-renders). */
export function useNow(ms = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(t);
  }, [ms]);
  return now;
}

function SessionTimer({ startedAt, stepSince }: { startedAt: number; stepSince: number | null }) {
  const { t } = useReviewT();
  const now = useNow();
  return (
    <span className="rv-timer" data-testid="review-timer">
      <Timer aria-hidden />
      <span title={t('session.timer')}>{formatDuration(now - startedAt)}</span>
      {stepSince !== null && (
        <span className="rv-muted rv-long" title={t('session.stepTime')}>
          · {formatDuration(now - stepSince)}
        </span>
      )}
    </span>
  );
}

/**
 * Review controls: a "start review" button when no session runs; otherwise the
 * banner (presenter, timer, overall tally, follow toggle, presenter's step
 * navigation, hand-over and end). `part` renders only one of the two, so the
 * button can sit in a toolbar and the banner span the page.
 */
export function ReviewBar({ part = 'both' }: { part?: 'start' | 'banner' | 'both' }) {
  const { t } = useReviewT();
  const api = useReview();
  const sop = api?.deps.sop;
  const subMeta = useCallback((cb: () => void) => (sop ? sop.meta.observe(cb) : () => {}), [sop]);
  const getStatus = () => sop?.meta.get().status ?? 'draft';
  const status = useSyncExternalStore(subMeta, getStatus, getStatus);
  const subOrder = useCallback(
    (cb: () => void) => (sop ? sop.steps.observeOrder(cb) : () => {}),
    [sop],
  );
  const getIds = () => sop?.steps.ids() ?? EMPTY_IDS;
  const ids = useSyncExternalStore(subOrder, getIds, getIds);
  const session = api?.session ?? null;
  const tally = useMemo(() => (session ? tallySession(session, ids) : null), [session, ids]);
  if (!api || !sop) return null;

  const can = api.deps.can;
  if (!session || !tally) {
    // Starting a review is for editors and owners (`can.review`).
    if (part === 'banner' || !can.review) return null;
    const locked = isLocked(status);
    return (
      <button
        type="button"
        className="btn btn-sm rv-start"
        data-testid="review-start"
        disabled={locked}
        title={locked ? t('session.startLocked') : undefined}
        onClick={() => api.start()}
      >
        <Presentation aria-hidden />
        <span className="btn-text">{t('session.start')}</span>
      </button>
    );
  }

  if (part === 'start') return null;
  return <SessionBar api={api} session={session} ids={ids} tally={tally} />;
}

/** The docked bar of a running session (see `ReviewBar`). */
function SessionBar({
  api,
  session,
  ids,
  tally,
}: {
  api: ReviewApi;
  session: ReviewSession;
  ids: readonly string[];
  tally: SessionTally;
}) {
  const { t } = useReviewT();
  const [presenting, setPresenting] = useState(false);
  usePresenterKeys(api, presenting);
  const can = api.deps.can;
  const n = api.presenterStepId ? ids.indexOf(api.presenterStepId) + 1 : 0;
  const last = session.trail[session.trail.length - 1];
  const stepSince = last && last.stepId === api.presenterStepId ? last.at : null;
  const others = api.online.filter((p) => p.user.id !== api.deps.user.id && !p.presenter);
  const uniqueOthers = [...new Map(others.map((p) => [p.user.id, p.user])).values()];
  // One person on two devices follows once.
  const followers = new Set(api.online.filter((p) => p.following).map((p) => p.user.id)).size;
  const verdicts = session.verdicts.length;

  return (
    <section
      className="rv-banner"
      data-testid="review-banner"
      data-presenter={api.isPresenter ? 'me' : session.presenter.id}
      aria-label={t('session.banner')}
    >
      <span className="rv-title">
        <Presentation aria-hidden />
        <strong className="rv-title-text">{t('session.banner')}</strong>
      </span>
      <span
        className="rv-presenter"
        style={{ '--rv-colour': session.presenter.colour } as CSSProperties}
      >
        <span className="rv-long">
          {api.isPresenter
            ? t('session.youPresent')
            : api.presenterOnline
              ? t('session.presenter', { name: session.presenter.name })
              : t('session.presenterOffline', { name: session.presenter.name })}
        </span>
        <span className="rv-short" aria-hidden>
          {api.isPresenter ? t('session.youPresent') : session.presenter.name}
        </span>
      </span>
      <span className="rv-nav">
        {api.isPresenter && (
          <button
            type="button"
            className="btn btn-sm btn-icon"
            aria-label={t('session.prev')}
            title={`${t('session.prev')} (PageUp, K)`}
            data-testid="review-prev"
            disabled={n === 1}
            onClick={() => api.moveBy(-1)}
          >
            <ChevronLeft aria-hidden />
          </button>
        )}
        {api.isPresenter ? (
          <select
            className="select rv-jump"
            aria-label={t('session.jump')}
            title={t('session.keys')}
            data-testid="review-jump"
            value={api.presenterStepId ?? ''}
            onChange={(e) => api.moveTo(e.target.value || null)}
          >
            <option value="" disabled>
              {t('session.atNone')}
            </option>
            {ids.map((id, i) => (
              <option key={id} value={id}>
                {t('session.of', { n: i + 1, count: ids.length })}
              </option>
            ))}
          </select>
        ) : null}
        <span
          className={api.isPresenter ? 'visually-hidden' : 'rv-at'}
          data-testid="review-presenter-step"
          data-step-id={api.presenterStepId ?? ''}
        >
          {n > 0 ? t('session.at', { n }) : t('session.atNone')}
        </span>
        {api.isPresenter && (
          <button
            type="button"
            className="btn btn-sm btn-icon"
            aria-label={t('session.next')}
            title={`${t('session.next')} (PageDown, J)`}
            data-testid="review-next"
            disabled={n === ids.length}
            onClick={() => api.moveBy(1)}
          >
            <ChevronRight aria-hidden />
          </button>
        )}
      </span>
      <SessionTimer startedAt={session.startedAt} stepSince={stepSince} />
      <span
        className="rv-tally"
        data-testid="review-tally"
        data-agreed={tally.stepsAgreed}
        data-change={tally.stepsNeedingChange}
        data-pending={tally.stepsPending}
        data-verdicts={verdicts}
        aria-live="polite"
      >
        <span className="rv-long">
          {t('tally.overall', {
            agreed: tally.stepsAgreed,
            change: tally.stepsNeedingChange,
            pending: tally.stepsPending,
          })}
        </span>
        {/* Narrow bar: the numbers with the verdict icons (the sentence stays for screen readers). */}
        <span className="rv-short rv-tally-short" aria-hidden>
          <ThumbsUp /> {tally.stepsAgreed} <MessageSquareWarning /> {tally.stepsNeedingChange} ·{' '}
          {tally.stepsPending}
        </span>
      </span>
      {followers > 0 && (
        <span
          className="rv-muted rv-followers"
          data-testid="review-followers"
          data-count={followers}
          title={t('session.followers', { count: followers })}
        >
          <Users aria-hidden />
          <span className="rv-long">{t('session.followers', { count: followers })}</span>
          <span className="rv-short" aria-hidden>
            {followers}
          </span>
        </span>
      )}
      <span className="rv-actions">
        <button
          type="button"
          className="btn btn-sm"
          data-testid="review-present"
          title={t('session.present')}
          onClick={() => setPresenting(true)}
        >
          <Maximize aria-hidden />
          <span className="rv-btn-text">{t('session.present')}</span>
        </button>
        {api.isPresenter ? (
          <>
            <DropdownMenu.Root>
              <DropdownMenu.Trigger asChild>
                <button
                  type="button"
                  className="btn btn-sm"
                  data-testid="review-handover"
                  title={t('session.handOver')}
                >
                  <UserRoundCheck aria-hidden />
                  <span className="rv-btn-text">{t('session.handOver')}</span>
                </button>
              </DropdownMenu.Trigger>
              <DropdownMenu.Portal>
                <DropdownMenu.Content className="menu-content" sideOffset={6}>
                  {uniqueOthers.length === 0 ? (
                    <DropdownMenu.Label className="menu-label">
                      {t('session.nobodyToHand')}
                    </DropdownMenu.Label>
                  ) : (
                    uniqueOthers.map((u) => (
                      <DropdownMenu.Item
                        key={u.id}
                        className="menu-item"
                        data-testid="review-handover-to"
                        onSelect={() => api.handTo(u)}
                      >
                        {t('session.handOverTo', { name: u.name })}
                      </DropdownMenu.Item>
                    ))
                  )}
                </DropdownMenu.Content>
              </DropdownMenu.Portal>
            </DropdownMenu.Root>
            <Popover.Root>
              <Popover.Trigger asChild>
                <button
                  type="button"
                  className="btn btn-sm btn-danger"
                  data-testid="review-end"
                  title={t('session.end')}
                >
                  <Square aria-hidden />
                  <span className="rv-btn-text">{t('session.end')}</span>
                </button>
              </Popover.Trigger>
              <Popover.Portal>
                <Popover.Content className="popover-content rv-confirm" sideOffset={6} align="end">
                  <p>{t('session.endConfirm')}</p>
                  <Popover.Close asChild>
                    <button
                      type="button"
                      className="btn btn-sm btn-danger"
                      data-testid="review-end-confirm"
                      onClick={() => api.end()}
                    >
                      {t('session.end')}
                    </button>
                  </Popover.Close>
                </Popover.Content>
              </Popover.Portal>
            </Popover.Root>
          </>
        ) : (
          <>
            <button
              type="button"
              className={`btn btn-sm${api.following ? ' btn-primary' : ''}`}
              aria-pressed={api.following}
              data-testid="review-follow"
              onClick={() => api.follow(!api.following)}
            >
              {api.following ? <EyeOff aria-hidden /> : <Eye aria-hidden />}
              <span className="rv-long">
                {api.following ? t('session.following') : t('session.follow')}
              </span>
              <span className="rv-short" aria-hidden>
                {api.following ? t('session.followingShort') : t('session.followShort')}
              </span>
            </button>
            {!api.presenterOnline && can.review && (
              <button
                type="button"
                className="btn btn-sm"
                data-testid="review-take-over"
                onClick={() => api.takeOver()}
              >
                <UserRoundCheck aria-hidden />
                {t('session.takeOver')}
              </button>
            )}
          </>
        )}
      </span>
      {presenting && (
        <PresentationView
          api={api}
          session={session}
          ids={ids}
          tally={tally}
          onClose={() => setPresenting(false)}
        />
      )}
    </section>
  );
}

const EMPTY_IDS: readonly string[] = [];
