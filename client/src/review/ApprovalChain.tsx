import { CheckCircle2, Clock, CornerUpLeft, PenLine } from 'lucide-react';
import { type FormEvent, useEffect, useState } from 'react';
import { Field } from '../components/Field';
import { CommandError } from '../lib/commands';
import {
  type ApprovalInfo,
  type ChainEntry,
  getApproval,
  returnApproval,
} from '../lib/workflowApi';
import { useReviewT } from './i18n';
import type { ReviewDeps } from './reviewTypes';

/** Readable message of a failed workflow call (`approve.error.<code>` when known). */
export function workflowErrorText(
  t: (key: string, opts?: Record<string, unknown>) => string,
  e: unknown,
): string {
  if (e instanceof CommandError) {
    if (e.offline) return t('approve.error.offline');
    const known = t(`approve.error.${e.code}`, { defaultValue: '' });
    return known || e.message;
  }
  return e instanceof Error ? e.message : String(e);
}

/**
 * `GET /api/sops/:id/approval` while `open`, fetched again when `refreshKey`
 * changes (verdicts or threads changed: the blockers are live) — debounced, so a
 * burst of changes costs one request.
 */
export function useApprovalInfo(
  sopId: string,
  open: boolean,
  refreshKey: unknown,
): { info: ApprovalInfo | null; error: unknown; reload: () => void } {
  const [info, setInfo] = useState<ApprovalInfo | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [tick, setTick] = useState(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: refreshKey and tick are reload triggers
  useEffect(() => {
    if (!open) {
      setInfo(null);
      return;
    }
    const ac = new AbortController();
    const timer = setTimeout(() => {
      getApproval(sopId, ac.signal).then(
        (v) => {
          setInfo(v);
          setError(null);
        },
        (e: unknown) => {
          if (!ac.signal.aborted) setError(e);
        },
      );
    }, 150);
    return () => {
      clearTimeout(timer);
      ac.abort();
    };
  }, [sopId, open, refreshKey, tick]);
  return { info, error, reload: () => setTick((x) => x + 1) };
}

function when(at: ChainEntry['at'], locale: string): string {
  if (at === null || at === undefined) return '';
  const d = new Date(at);
  return Number.isNaN(d.getTime())
    ? ''
    : d.toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'short' });
}

const ICON = { signed: CheckCircle2, returned: CornerUpLeft, next: PenLine, waiting: Clock };

/**
 * The unit's approval chain (who signed when, whose turn it is), and for the
 * chain member whose turn it is: "send back with a note".
 */
export function ApprovalChain({
  deps,
  chain,
  lastReturn,
  onReturned,
}: {
  deps: ReviewDeps;
  chain: readonly ChainEntry[];
  lastReturn: ApprovalInfo['lastReturn'];
  onReturned: () => void;
}) {
  const { t, i18n } = useReviewT();
  const locale = i18n.language === 'en' ? 'en-GB' : 'id-ID';
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (chain.length === 0) return null;
  const returnedBy = lastReturn ? chain.find((c) => c.userId === lastReturn.userId) : undefined;
  const myTurn = chain.some((c) => c.state === 'next' && c.userId === deps.user.id);

  async function sendBack(e: FormEvent) {
    e.preventDefault();
    if (!note.trim()) return;
    setBusy(true);
    setError(null);
    try {
      await returnApproval(deps.sopId, note.trim());
      setNote('');
      onReturned();
    } catch (err) {
      setError(workflowErrorText(t, err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="rv-chain" aria-label={t('approve.chain')}>
      <h3 className="rv-h">{t('approve.chain')}</h3>
      <ol className="rv-chain-list" data-testid="approve-chain">
        {chain.map((c) => {
          const Icon = ICON[c.state];
          return (
            <li
              key={c.userId}
              className={`rv-chain-entry is-${c.state}`}
              data-testid="approve-chain-entry"
              data-state={c.state}
              data-user-id={c.userId}
            >
              <Icon aria-hidden />
              <span>
                <strong>{c.name}</strong>
                {c.title ? ` — ${c.title}` : ''}
                <span className="rv-muted">
                  {' · '}
                  {t(`approve.chainState.${c.state}`, { at: when(c.at, locale) })}
                </span>
                {c.note && <q className="rv-chain-note">{c.note}</q>}
              </span>
            </li>
          );
        })}
      </ol>
      {lastReturn && (
        <p className="rv-muted" data-testid="approve-last-return">
          {t('approve.lastReturn', {
            name: returnedBy?.name ?? '—',
            at: when(lastReturn.at, locale),
          })}{' '}
          <q className="rv-chain-note">{lastReturn.note}</q>
        </p>
      )}
      {myTurn && (
        <form className="rv-return" onSubmit={sendBack}>
          <Field label={t('approve.returnNote')}>
            {(p) => (
              <textarea
                {...p}
                className="textarea"
                rows={2}
                maxLength={2000}
                value={note}
                data-testid="approve-return-note"
                onChange={(e) => setNote(e.target.value)}
              />
            )}
          </Field>
          {error && (
            <p className="form-error" role="alert">
              {error}
            </p>
          )}
          <button
            type="submit"
            className="btn btn-sm"
            data-testid="approve-return"
            disabled={busy || !note.trim()}
          >
            <CornerUpLeft aria-hidden />
            {t('approve.return')}
          </button>
        </form>
      )}
    </section>
  );
}
