import { Building2, Plus } from 'lucide-react';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { createUnit } from './adminApi';
import { errorText, useAdminT } from './i18n';
import type { AdminUser, Unit } from './types';
import { UnitDetail } from './UnitDetail';
import './units.css';
import { Field } from '../components/Field';

/** The Unit kerja tab: the units (bidang, seksi) on the left, the chosen one's details on the right. */
export function UnitsTab({
  users,
  units,
  onChanged,
}: {
  users: AdminUser[];
  units: Unit[] | null;
  onChanged: () => void;
}) {
  const { t } = useAdminT();
  const [selected, setSelected] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  // A unit just created is selected before the reloaded list has it.
  const pending = useRef<string | null>(null);
  // Keep a valid selection: the first unit when none (or a deleted one) is selected.
  useEffect(() => {
    if (!units) return;
    if (selected && units.some((u) => u.id === selected)) {
      if (pending.current === selected) pending.current = null;
      return;
    }
    if (selected && pending.current === selected) return;
    setSelected(units[0]?.id ?? null);
  }, [units, selected]);

  async function add(e: FormEvent) {
    e.preventDefault();
    if (!name.trim()) return;
    setBusy(true);
    setError(null);
    try {
      const { id } = await createUnit(name.trim());
      setName('');
      pending.current = id;
      setSelected(id);
      onChanged();
    } catch (err) {
      setError(errorText(t, err));
    } finally {
      setBusy(false);
    }
  }

  const unit = units?.find((u) => u.id === selected) ?? null;
  return (
    <section className="admin-units" data-testid="admin-units" aria-labelledby="units-h">
      <div className="card admin-unit-list">
        <h2 id="units-h" className="admin-card-title admin-pad">
          {t('units.title')}
        </h2>
        {units === null ? (
          <p className="empty-state">{t('common.loading')}</p>
        ) : units.length === 0 ? (
          <p className="empty-state">{t('units.empty')}</p>
        ) : (
          <ul className="admin-unit-items">
            {units.map((u) => (
              <li key={u.id}>
                <button
                  type="button"
                  className="admin-unit-item"
                  aria-current={u.id === selected ? 'true' : undefined}
                  onClick={() => setSelected(u.id)}
                  data-testid="unit-row"
                  data-unit-id={u.id}
                >
                  <Building2 aria-hidden />
                  <span className="admin-unit-item-name">{u.name}</span>
                  <span className="admin-unit-item-meta">
                    {t('units.memberCount', { count: u.memberIds.length })} ·{' '}
                    {t('units.sopCount', { count: u.sopCount })}
                  </span>
                </button>
              </li>
            ))}
          </ul>
        )}
        <form className="admin-unit-add" onSubmit={add}>
          <Field label={t('units.newName')}>
            {(p) => (
              <span className="admin-inline">
                <input
                  {...p}
                  className="input"
                  value={name}
                  maxLength={200}
                  placeholder={t('units.newPlaceholder')}
                  onChange={(e) => setName(e.target.value)}
                  data-testid="unit-new-name"
                />
                <button
                  type="submit"
                  className="btn btn-primary"
                  disabled={busy || !name.trim()}
                  data-testid="unit-create"
                >
                  <Plus aria-hidden />
                  {t('units.create')}
                </button>
              </span>
            )}
          </Field>
          {error && (
            <p role="alert" className="form-error">
              {error}
            </p>
          )}
        </form>
      </div>
      {unit ? (
        <UnitDetail key={unit.id} unit={unit} users={users} onChanged={onChanged} />
      ) : (
        <div className="card empty-state admin-unit-placeholder">{t('units.pick')}</div>
      )}
    </section>
  );
}
