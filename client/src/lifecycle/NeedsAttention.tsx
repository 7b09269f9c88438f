import type { AttentionItem } from '@shared/lifecycle/types';
import { AlertTriangle } from 'lucide-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { useUser } from '../auth/AuthContext';
import { apiRequest } from '../lib/api';
import { formatLongDate } from '../lib/dates';
import { LinkGraph } from './LinkGraph';
import { getAttention, getUnitGraph } from './lifecycleApi';
import { useLoad } from './useAsync';
import './lifecycle.css';

interface UnitRow {
  id: string;
  name: string;
  memberIds: string[];
}

const SHOWN = 8;

/**
 * The home page's "needs attention" list (issue 17): due and overdue monitoring,
 * evaluation and review, changed links, open suggestions and "needs change" verdicts,
 * SOPs not yet acknowledged as read — the signed-in person's, or one of their units'.
 * A person in no unit sees no card while nothing needs attention.
 */
export function NeedsAttention() {
  const { t, i18n } = useTranslation('lifecycle');
  const user = useUser();
  const [unit, setUnit] = useState('');
  const [units, setUnits] = useState<UnitRow[]>([]);
  const [all, setAll] = useState(false);
  const list = useLoad(() => getAttention(unit || undefined), unit);
  const [graphOpen, setGraphOpen] = useState(false);
  const graph = useLoad(
    () => (unit && graphOpen ? getUnitGraph(unit) : Promise.resolve(null)),
    `${unit}|${graphOpen}`,
  );
  useEffect(() => {
    if (!user) return;
    apiRequest<UnitRow[]>('/api/units').then(
      (rows) => setUnits(rows.filter((u) => u.memberIds.includes(user.id))),
      () => setUnits([]),
    );
  }, [user]);
  const items = list.data?.items ?? [];
  // Nothing to show and no unit to look at: no card at all.
  if (!unit && items.length === 0 && units.length === 0) return null;
  const lang = i18n.language.startsWith('en') ? 'en' : 'id';
  const unitSelect = units.length > 0 && (
    <select
      className="select select-compact"
      aria-label={t('attention.title')}
      value={unit}
      onChange={(e) => setUnit(e.target.value)}
    >
      <option value="">{t('attention.mine')}</option>
      {units.map((u) => (
        <option key={u.id} value={u.id}>
          {u.name}
        </option>
      ))}
    </select>
  );
  // Nothing of one's own: only a folded way to the units' lists.
  if (!unit && items.length === 0)
    return (
      <details className="lc-attention-folded" data-testid="needs-attention">
        <summary>{t('attention.units')}</summary>
        <div className="lc-attention-head">
          <span className="lc-muted">{t('attention.empty')}</span>
          {unitSelect}
        </div>
      </details>
    );
  const text = (i: AttentionItem) =>
    t(`attention.kinds.${i.kind}`, {
      date: i.date ? formatLongDate(i.date, lang) : '',
      count: i.count,
    });
  return (
    <section
      className="card lc-attention"
      aria-labelledby="lc-attention"
      data-testid="needs-attention"
    >
      <div className="lc-attention-head">
        <AlertTriangle aria-hidden className="lc-icon" />
        <h2 id="lc-attention">{t('attention.title')}</h2>
        {unitSelect}
      </div>
      {items.length === 0 ? (
        <p className="lc-muted">{t('attention.empty')}</p>
      ) : (
        <ul>
          {(all ? items : items.slice(0, SHOWN)).map((i) => (
            <li key={`${i.kind}:${i.sopId}`} data-testid="attention-item">
              <Link href={`/sop/${encodeURIComponent(i.sopId)}`}>
                {[i.sopNumber, i.sopName].filter(Boolean).join(' · ') || i.sopId}
              </Link>
              <span className={i.kind.endsWith('overdue') ? 'lc-overdue' : 'lc-muted'}>
                {text(i)}
              </span>
            </li>
          ))}
        </ul>
      )}
      {unit && (
        <details onToggle={(e) => setGraphOpen((e.target as HTMLDetailsElement).open)}>
          <summary>{t('links.unitGraph')}</summary>
          {graph.data && <LinkGraph data={graph.data} label={t('links.unitGraph')} />}
        </details>
      )}
      {items.length > SHOWN && (
        <button type="button" className="btn btn-sm btn-ghost" onClick={() => setAll((a) => !a)}>
          {all ? '−' : `+${items.length - SHOWN}`}
        </button>
      )}
    </section>
  );
}
