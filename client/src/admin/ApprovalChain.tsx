import { ArrowDown, ArrowUp, X } from 'lucide-react';
import { useState } from 'react';
import { IconButton } from '../components/IconButton';
import { setUnitChain } from './adminApi';
import { errorText, useAdminT } from './i18n';
import { PersonPicker } from './PersonPicker';
import { type AdminUser, approvesFor, type Unit } from './types';

/**
 * The unit's approval chain: who signs, in order (e.g. Kasi → Kabid → Kadis).
 * Only approvers of the unit can be added; every change is saved at once.
 */
export function ApprovalChain({
  unit,
  users,
  onChanged,
}: {
  unit: Unit;
  users: AdminUser[];
  onChanged: () => void;
}) {
  const { t } = useAdminT();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const byId = new Map(users.map((u) => [u.id, u]));
  const candidates = users.filter(
    (u) => !u.disabled && approvesFor(u, unit.id) && !unit.chain.includes(u.id),
  );

  async function save(chain: string[]) {
    setBusy(true);
    setError(null);
    try {
      await setUnitChain(unit.id, chain);
      onChanged();
    } catch (err) {
      setError(errorText(t, err));
    } finally {
      setBusy(false);
    }
  }
  function move(i: number, by: -1 | 1) {
    const next = [...unit.chain];
    const [id] = next.splice(i, 1);
    if (id === undefined) return;
    next.splice(i + by, 0, id);
    void save(next);
  }

  return (
    <section className="admin-subsection" aria-labelledby={`chain-${unit.id}`}>
      <h3 id={`chain-${unit.id}`} className="admin-subtitle">
        {t('chain.title')}
      </h3>
      <p className="muted admin-hint">{t('chain.help')}</p>
      {unit.chain.length === 0 ? (
        <p className="admin-chain-empty" data-testid="chain-empty">
          {t('chain.empty')}
        </p>
      ) : (
        <ol className="admin-chain">
          {unit.chain.map((id, i) => {
            const u = byId.get(id);
            return (
              <li key={id} className="admin-chain-step" data-testid="chain-step">
                <span className="admin-chain-num" aria-hidden>
                  {i + 1}
                </span>
                <span className="admin-person admin-grow">
                  <span className="admin-person-name">{u?.name ?? t('chain.unknown')}</span>
                  <span className="admin-person-email">{u?.title || u?.email || ''}</span>
                </span>
                <IconButton
                  size="sm"
                  label={t('chain.up', { name: u?.name ?? '' })}
                  icon={<ArrowUp aria-hidden />}
                  disabled={busy || i === 0}
                  onClick={() => move(i, -1)}
                  data-testid="chain-up"
                />
                <IconButton
                  size="sm"
                  label={t('chain.down', { name: u?.name ?? '' })}
                  icon={<ArrowDown aria-hidden />}
                  disabled={busy || i === unit.chain.length - 1}
                  onClick={() => move(i, 1)}
                  data-testid="chain-down"
                />
                <IconButton
                  size="sm"
                  label={t('chain.remove', { name: u?.name ?? '' })}
                  icon={<X aria-hidden />}
                  disabled={busy}
                  onClick={() => void save(unit.chain.filter((x) => x !== id))}
                />
              </li>
            );
          })}
        </ol>
      )}
      <PersonPicker
        people={candidates}
        onPick={(u) => void save([...unit.chain, u.id])}
        label={t('chain.add')}
        placeholder={t('chain.addPlaceholder')}
        emptyText={t('chain.noCandidates')}
        testId="chain-add"
        disabled={busy}
      />
      {error && (
        <p role="alert" className="form-error">
          {error}
        </p>
      )}
    </section>
  );
}
