import type { LinkType, LinkView } from '@shared/lifecycle/types';
import { LINK_TYPES } from '@shared/lifecycle/types';
import { AlertTriangle, Link2 } from 'lucide-react';
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { listSops, type SopListItem } from '../lib/api';
import { addLink, confirmLink, getLinks } from './lifecycleApi';
import { errorText, useLoad } from './useAsync';
import './lifecycle.css';

/**
 * What the server knows of the Keterkaitan items (targets, their status, open flags),
 * reloaded whenever the items change (`itemsKey`).
 */
export function useRelatedLinks(sopId: string | undefined, itemsKey: string) {
  return useLoad<LinkView[]>(
    () => (sopId ? getLinks(sopId) : Promise.resolve([])),
    `${sopId ?? ''}|${itemsKey}`,
  );
}

/** Below a linked Keterkaitan item: the target (navigable), its status, a flag to confirm. */
export function LinkedTarget({
  view,
  sopId,
  canEdit,
  onChanged,
}: {
  view: LinkView;
  sopId: string;
  canEdit: boolean;
  onChanged: () => void;
}) {
  const { t } = useTranslation('lifecycle');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (!view.targetId) return null;
  const flag = view.flags[view.flags.length - 1];
  return (
    <div className="lc-target" data-testid="linked-target">
      <Link2 aria-hidden className="lc-icon" />
      {view.target ? (
        <Link
          href={`/sop/${encodeURIComponent(view.target.id)}`}
          aria-label={t('links.open', { name: view.target.name })}
        >
          {[view.target.number, view.target.name].filter(Boolean).join(' · ')}
        </Link>
      ) : (
        <span>{view.text}</span>
      )}
      {view.target && (
        <span className={`pill ${view.target.status === 'approved' ? 'pill-success' : ''}`}>
          {t(`status.${view.target.status}`)}
        </span>
      )}
      {flag && (
        <span className="lc-flag" role="status" data-testid="link-flag">
          <AlertTriangle aria-hidden className="lc-icon" />
          {t(`links.flagged_${flag.reason}`)}
          {canEdit && (
            <button
              type="button"
              className="btn btn-sm"
              disabled={busy}
              onClick={async () => {
                setBusy(true);
                try {
                  await confirmLink(sopId, view.targetId);
                  onChanged();
                } catch (e) {
                  setError(errorText(e));
                } finally {
                  setBusy(false);
                }
              }}
            >
              {t('links.confirm')}
            </button>
          )}
        </span>
      )}
      {error && <span className="field-error">{error}</span>}
    </div>
  );
}

/** "Tautkan SOP": search by number or name (autocomplete), pick a type, link. */
export function LinkPicker({
  sopId,
  disabled,
  onLinked,
}: {
  sopId: string;
  disabled: boolean;
  onLinked: () => void;
}) {
  const { t } = useTranslation('lifecycle');
  const [open, setOpen] = useState(false);
  const [q, setQ] = useState('');
  const [type, setType] = useState<LinkType>('related');
  const [hits, setHits] = useState<SopListItem[]>([]);
  const [active, setActive] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const listId = useId();

  useEffect(() => {
    if (!open) return;
    const ctrl = new AbortController();
    const timer = setTimeout(() => {
      listSops(q, ctrl.signal).then(
        (rows) => {
          setHits(rows.filter((r) => r.id !== sopId).slice(0, 8));
          setActive(0);
        },
        () => {},
      );
    }, 150);
    return () => {
      clearTimeout(timer);
      ctrl.abort();
    };
  }, [q, open, sopId]);

  async function pick(target: SopListItem) {
    setError(null);
    try {
      await addLink(sopId, target.id, type);
      setOpen(false);
      setQ('');
      onLinked();
    } catch (e) {
      setError(errorText(e));
    }
  }

  if (!open)
    return (
      <button
        type="button"
        className="btn btn-sm btn-ghost"
        disabled={disabled}
        onClick={() => setOpen(true)}
        data-testid="link-sop"
      >
        <Link2 aria-hidden />
        {t('links.add')}
      </button>
    );
  return (
    <div className="lc-picker" data-testid="link-picker">
      <div className="lc-picker-row">
        <select
          className="select select-compact"
          aria-label={t('links.type')}
          value={type}
          onChange={(e) => setType(e.target.value as LinkType)}
        >
          {LINK_TYPES.map((lt) => (
            <option key={lt} value={lt}>
              {t(`types.${lt}`)}
            </option>
          ))}
        </select>
        <input
          className="input"
          role="combobox"
          aria-expanded={hits.length > 0}
          aria-controls={listId}
          aria-activedescendant={hits[active] ? `${listId}-${active}` : undefined}
          aria-label={t('links.searchLabel')}
          placeholder={t('links.search')}
          value={q}
          // biome-ignore lint/a11y/noAutofocus: opened on purpose by the person to type a search.
          autoFocus
          onChange={(e) => setQ(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown') setActive((a) => Math.min(a + 1, hits.length - 1));
            else if (e.key === 'ArrowUp') setActive((a) => Math.max(a - 1, 0));
            else if (e.key === 'Enter' && hits[active]) {
              e.preventDefault();
              void pick(hits[active]);
            } else if (e.key === 'Escape') setOpen(false);
          }}
        />
        <button type="button" className="btn btn-sm btn-ghost" onClick={() => setOpen(false)}>
          {t('links.cancel')}
        </button>
      </div>
      <div id={listId} className="lc-hits" role="listbox" aria-label={t('links.searchLabel')}>
        {hits.length === 0 && <p className="lc-muted">{t('links.none')}</p>}
        {hits.map((h, i) => (
          <div
            key={h.id}
            id={`${listId}-${i}`}
            role="option"
            tabIndex={-1}
            aria-selected={i === active}
            className={i === active ? 'lc-hit active' : 'lc-hit'}
            onMouseDown={(e) => {
              e.preventDefault();
              void pick(h);
            }}
            onKeyDown={(e) => {
              if (e.key === 'Enter') void pick(h);
            }}
          >
            <strong>{h.number || '—'}</strong> {h.name}{' '}
            <span className="lc-muted">{t(`status.${h.status}`)}</span>
          </div>
        ))}
      </div>
      {error && (
        <p className="form-message form-message-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
