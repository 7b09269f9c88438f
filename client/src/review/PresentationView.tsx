import * as Dialog from '@radix-ui/react-dialog';
import type { ReviewSession, SessionTally } from '@shared/discussion/index';
import type { SopSnapshot } from '@shared/model/types';
import { ChevronLeft, ChevronRight, MessageSquareWarning, ThumbsUp, X } from 'lucide-react';
import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorBoundary } from '../components/ErrorBoundary';
import { useActors, useIdentity, useMeta, useStep } from '../editor/model/hooks';
import { shortUrl } from '../sharing/copyText';
import { QrImage } from '../sharing/QrImage';
import { createLink, listLinks, type MeetingLink } from '../sharing/sharingApi';
import { useReviewT } from './i18n';
import type { ReviewApi } from './reviewTypes';
import './presentation.css';

const Flowchart = lazy(() => import('../flowchart/Flowchart'));

/** The meeting link to show as a QR code: the first active one, if this user may see links. */
function useMeetingLink(sopId: string, allowed: boolean) {
  const [link, setLink] = useState<MeetingLink | null>(null);
  const [busy, setBusy] = useState(false);
  // Refused (no right to links here): the QR box goes away.
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    if (!allowed) return;
    const ac = new AbortController();
    listLinks(sopId, ac.signal).then(
      (links) => {
        const now = Date.now();
        setLink(links.find((l) => Date.parse(l.expiresAt) > now) ?? null);
      },
      () => {
        if (!ac.signal.aborted) setFailed(true);
      },
    );
    return () => ac.abort();
  }, [sopId, allowed]);
  const create = () => {
    setBusy(true);
    createLink(sopId, { role: 'commenter' }).then(
      (l) => {
        setLink(l);
        setBusy(false);
      },
      () => {
        setBusy(false);
        setFailed(true);
      },
    );
  };
  return { link, busy, create, failed };
}

/**
 * The projector's view of a review session: the current step in large type
 * (kind, pelaksana, Mutu Baku, Keterangan, the decision's exits), its row of the
 * flowchart, this step's verdicts and the session's tally, and the QR code of
 * the meeting link so phones can join. It follows the presenter; the presenter
 * moves with the buttons or the keys (PageDown/PageUp, J/K, arrows, space).
 */
export function PresentationView({
  api,
  session,
  ids,
  tally,
  onClose,
}: {
  api: ReviewApi;
  session: ReviewSession;
  ids: readonly string[];
  tally: SessionTally;
  onClose: () => void;
}) {
  const { t } = useReviewT();
  const stepId = api.presenterStepId;
  const n = stepId ? ids.indexOf(stepId) + 1 : 0;
  // Owners make links; so may the presenter of a running review (the server decides).
  const mayLink = api.deps.can.createLink || api.isPresenter;
  const { link, busy, create, failed } = useMeetingLink(api.deps.sopId, mayLink);
  const name = useIdentity().name;
  const stepTally = tally.steps.find((s) => s.stepId === stepId);
  return (
    <Dialog.Root open onOpenChange={(o) => !o && onClose()}>
      <Dialog.Portal>
        <Dialog.Content
          className="presentation"
          data-testid="presentation-view"
          data-presentation
          aria-describedby={undefined}
        >
          <header className="pv-head">
            <Dialog.Title className="pv-sop">{name}</Dialog.Title>
            <span className="pv-where" data-testid="presentation-position">
              {n > 0 ? t('presentation.step', { n, count: ids.length }) : ''}
            </span>
            <span className="pv-presenter">
              {api.isPresenter
                ? t('session.youPresent')
                : t('session.presenter', { name: session.presenter.name })}
            </span>
            <Dialog.Close asChild>
              <button
                type="button"
                className="btn btn-ghost btn-icon pv-close"
                aria-label={t('presentation.close')}
              >
                <X aria-hidden />
              </button>
            </Dialog.Close>
          </header>
          <div className="pv-body">
            <main className="pv-main">
              {stepId && n > 0 ? (
                <PresentedStep stepId={stepId} n={n} ids={ids} />
              ) : (
                <p className="pv-empty">{t('presentation.noStep')}</p>
              )}
            </main>
            <aside className="pv-side">
              <section className="pv-box" aria-labelledby="pv-step-tally">
                <h2 id="pv-step-tally">{t('presentation.stepTally')}</h2>
                <p className="pv-votes" data-testid="presentation-step-tally">
                  <span className="pv-agree">
                    <ThumbsUp aria-hidden /> {stepTally?.agree ?? 0}
                  </span>
                  <span className="pv-change">
                    <MessageSquareWarning aria-hidden /> {stepTally?.change ?? 0}
                  </span>
                </p>
                <h2>{t('presentation.overall')}</h2>
                <p className="pv-overall">
                  {t('tally.overall', {
                    agreed: tally.stepsAgreed,
                    change: tally.stepsNeedingChange,
                    pending: tally.stepsPending,
                  })}
                </p>
              </section>
              {mayLink && !failed && (
                <section className="pv-box pv-qr-box" aria-labelledby="pv-qr">
                  <h2 id="pv-qr">{t('presentation.qrTitle')}</h2>
                  {link ? (
                    <>
                      <QrImage
                        url={link.url}
                        alt={shortUrl(link.url)}
                        className="pv-qr"
                        testId="presentation-qr"
                      />
                      <p className="pv-url">{shortUrl(link.url)}</p>
                    </>
                  ) : (
                    <button
                      type="button"
                      className="btn"
                      disabled={busy}
                      onClick={create}
                      data-testid="presentation-qr-create"
                    >
                      {t('presentation.qrCreate')}
                    </button>
                  )}
                </section>
              )}
            </aside>
          </div>
          {api.isPresenter && (
            <footer className="pv-foot">
              <button
                type="button"
                className="btn pv-move"
                onClick={() => api.moveBy(-1)}
                disabled={n <= 1}
                data-testid="presentation-prev"
              >
                <ChevronLeft aria-hidden />
                {t('presentation.prev')}
              </button>
              <span className="pv-keys">{t('session.keys')}</span>
              <button
                type="button"
                className="btn btn-primary pv-move"
                onClick={() => api.moveBy(1)}
                disabled={n >= ids.length}
                data-testid="presentation-next"
              >
                {t('presentation.next')}
                <ChevronRight aria-hidden />
              </button>
            </footer>
          )}
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}

/** One step in large type, with its row of the flowchart. */
function PresentedStep({ stepId, n, ids }: { stepId: string; n: number; ids: readonly string[] }) {
  const { t } = useTranslation();
  const { t: tr } = useReviewT();
  const step = useStep(stepId);
  const actors = useActors();
  const meta = useMeta();
  const identity = useIdentity();
  // The flowchart of this step alone: its symbol in its pelaksana's lane.
  const single = useMemo<SopSnapshot | null>(
    () =>
      step
        ? {
            meta,
            identity,
            actors,
            steps: [{ ...step, yes: null, no: null }],
            narrative: [],
          }
        : null,
    [step, actors, meta, identity],
  );
  if (!step || !single) return null;
  const actor = actors.find((a) => a.id === step.actorId);
  const numberOf = (id: string | null) => (id ? ids.indexOf(id) + 1 : 0);
  const time =
    step.time.amount !== null ? `${step.time.amount} ${t(`steps.units.${step.time.unit}`)}` : '—';
  return (
    <article className="pv-step" data-testid="presentation-step" data-step-id={stepId}>
      <div className="pv-step-head">
        <span className={`pv-no kind-${step.kind}`}>{n}</span>
        <span className="pv-kind">{t(`steps.kinds.${step.kind}`)}</span>
        <span className="pv-actor">
          {tr('presentation.actor')}: <strong>{actor?.name ?? tr('presentation.noActor')}</strong>
        </span>
      </div>
      <p className="pv-activity">{step.activity || '—'}</p>
      {step.kind === 'decision' && (
        <p className="pv-branches">
          {step.yes && (
            <span className="pv-yes">{tr('presentation.yes', { n: numberOf(step.yes) })}</span>
          )}
          {step.no && (
            <span className="pv-no-branch">{tr('presentation.no', { n: numberOf(step.no) })}</span>
          )}
        </p>
      )}
      <dl className="pv-mutu">
        <div>
          <dt>{t('steps.requirements')}</dt>
          <dd>{step.requirements || '—'}</dd>
        </div>
        <div>
          <dt>{t('steps.time')}</dt>
          <dd>{time}</dd>
        </div>
        <div>
          <dt>{t('steps.output')}</dt>
          <dd>{step.output || '—'}</dd>
        </div>
        {step.notes && (
          <div>
            <dt>{t('steps.notes')}</dt>
            <dd>{step.notes}</dd>
          </div>
        )}
      </dl>
      <figure className="pv-flow" aria-label={tr('presentation.flowRow')}>
        <ErrorBoundary fallback={null}>
          <Suspense fallback={null}>
            <Flowchart snapshot={single} />
          </Suspense>
        </ErrorBoundary>
      </figure>
    </article>
  );
}
