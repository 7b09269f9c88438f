/**
 * The agenda bar of a guided meeting (issue 18), docked in the editor's sticky top: the
 * five stages with what each still lacks, progress, the stage's elapsed and remaining
 * time, previous/next, who facilitates, and "end meeting".
 */
import { STAGE_KEYS, STAGES, type StageNo, timePerStage } from '@shared/guided/index';
import { Check, ChevronLeft, ChevronRight, Flag, Timer, UserRound } from 'lucide-react';
import { type KeyboardEvent, useState } from 'react';
import { formatDuration, useNow } from '../review/index';
import { EndDialog } from './EndDialog';
import { useGuidedT } from './i18n';
import type { GuidedApi } from './useGuided';

export function GuidedBar({ api }: { api: GuidedApi }) {
  const { t } = useGuidedT();
  const [ending, setEnding] = useState(false);
  const { session, viewStage, completeness: c } = api;
  if (!session) return null;
  const done = STAGES.filter((n) => c.stages[n].items.length === 0).length;
  const canEnd =
    api.isFacilitator || session.startedBy.id === api.deps.user.id || api.deps.can.manage;
  return (
    <section className="guided-bar" aria-label={t('bar')} data-testid="guided-bar">
      <ol className="guided-stages">
        {STAGES.map((n) => {
          const s = c.stages[n];
          const key = STAGE_KEYS[n];
          const name = t(`stages.${key}`);
          return (
            <li key={n}>
              <button
                type="button"
                className="guided-stage"
                data-testid="guided-stage"
                data-stage={n}
                data-room={n === session.stage ? 'true' : undefined}
                data-state={s.errors > 0 ? 'error' : s.warnings > 0 ? 'warning' : 'complete'}
                aria-current={n === viewStage ? 'step' : undefined}
                aria-label={`${t('stageOf', { n, name })}${s.errors ? ` — ${t('blocks', { count: s.errors })}` : ''}`}
                onClick={() => api.show(n)}
              >
                <span className="guided-stage-n" aria-hidden>
                  {s.items.length === 0 ? <Check /> : n}
                </span>
                <span className="guided-stage-name">{name}</span>
                {s.errors > 0 && (
                  <span className="guided-stage-count" aria-hidden>
                    {s.errors}
                  </span>
                )}
              </button>
            </li>
          );
        })}
      </ol>
      <div className="guided-bar-side">
        <div
          className="guided-progress"
          role="progressbar"
          aria-valuemin={0}
          aria-valuemax={5}
          aria-valuenow={done}
          aria-valuetext={t('progress', { done })}
          title={t('progress', { done })}
        >
          <span className="guided-progress-track">
            <span className="guided-progress-fill" style={{ width: `${(done / 5) * 100}%` }} />
          </span>
          <span className="guided-progress-text" data-testid="guided-progress">
            {c.overall.valid ? t('overallValid') : t('overallErrors', { count: c.overall.errors })}
          </span>
        </div>
        <StageTimer api={api} stage={session.stage} />
        <div className="guided-nav">
          <button
            type="button"
            className="btn btn-ghost"
            onClick={api.prev}
            disabled={viewStage === 1}
            aria-label={t('prev')}
            title={`${t('prev')} (PageUp)`}
          >
            <ChevronLeft aria-hidden />
          </button>
          <button
            type="button"
            className="btn btn-primary"
            data-testid="guided-next"
            onClick={api.next}
            disabled={viewStage === 5}
            title={`${t('next')} (PageDown)`}
          >
            {t('next')}
            <ChevronRight aria-hidden />
          </button>
        </div>
        <div className="guided-who">
          <UserRound aria-hidden />
          <span data-testid="guided-facilitator">
            {api.isFacilitator ? t('you') : t('facilitator', { name: session.facilitator.name })}
          </span>
          {!api.isFacilitator && api.canEdit && (
            <button
              type="button"
              className="btn btn-ghost btn-sm"
              onClick={() => void api.run('takeOver', {})}
            >
              {t('takeOver')}
            </button>
          )}
          {!api.isFacilitator && !api.following && (
            <button
              type="button"
              className="btn btn-sm"
              data-testid="guided-follow"
              onClick={api.follow}
            >
              {t('backToRoom')}
            </button>
          )}
        </div>
        {canEnd && (
          <button
            type="button"
            className="btn guided-end"
            data-testid="guided-end"
            onClick={() => setEnding(true)}
          >
            <Flag aria-hidden />
            {t('end.button')}
          </button>
        )}
      </div>
      {ending && <EndDialog api={api} onClose={() => setEnding(false)} />}
    </section>
  );
}

/** Elapsed time in the room's stage, and what is left of its timebox (facilitator sets it). */
function StageTimer({ api, stage }: { api: GuidedApi; stage: StageNo }) {
  const { t } = useGuidedT();
  const now = useNow();
  const session = api.session;
  const [editing, setEditing] = useState(false);
  if (!session) return null;
  const spent = timePerStage(session, now)[stage];
  const box = session.timeboxes[stage];
  const left = box ? box * 60_000 - spent : null;
  const commit = (value: string) => {
    setEditing(false);
    const n = Math.round(Number(value));
    const minutes = value.trim() === '' || !(n > 0) ? null : Math.min(600, n);
    if (minutes !== (box ?? null)) void api.run('timebox', { stage, minutes });
  };
  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter') commit(e.currentTarget.value);
    if (e.key === 'Escape') setEditing(false);
  };
  return (
    <div
      className="guided-timer"
      data-testid="guided-timer"
      data-over={left !== null && left < 0 ? 'true' : undefined}
    >
      <Timer aria-hidden />
      <span>{t('elapsed', { time: formatDuration(spent) })}</span>
      {left !== null && (
        <span className="guided-timer-left">
          {left >= 0
            ? t('remaining', { time: formatDuration(left) })
            : t('over', { time: formatDuration(-left) })}
        </span>
      )}
      {api.isFacilitator &&
        (editing ? (
          <input
            type="number"
            min={1}
            max={600}
            className="guided-timebox-input"
            aria-label={t('timebox')}
            defaultValue={box ?? ''}
            // biome-ignore lint/a11y/noAutofocus: opened by the facilitator's own click or key
            autoFocus
            onKeyDown={onKey}
            onBlur={(e) => commit(e.currentTarget.value)}
            data-testid="guided-timebox"
          />
        ) : (
          <button
            type="button"
            className="btn btn-ghost btn-sm"
            onClick={() => setEditing(true)}
            data-testid="guided-timebox-edit"
          >
            {box ? `${box}′` : t('timeboxSet')}
          </button>
        ))}
    </div>
  );
}
