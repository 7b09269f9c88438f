import { FilterX } from 'lucide-react';
import { DateField } from '../components/DateField';
import { Field } from '../components/Field';
import { useAdminT } from './i18n';
import type { AdminUser } from './types';

/** Filter values as typed (dates are YYYY-MM-DD, local). */
export interface AuditFilterForm {
  action: string;
  userId: string;
  sopId: string;
  from: string;
  to: string;
}

export const EMPTY_FILTER: AuditFilterForm = {
  action: '',
  userId: '',
  sopId: '',
  from: '',
  to: '',
};

/** Filters above the audit log: action, person, SOP and a date range. */
export function AuditFilters({
  value,
  onChange,
  users,
  sops,
  actions,
}: {
  value: AuditFilterForm;
  onChange: (v: AuditFilterForm) => void;
  users: readonly AdminUser[];
  sops: ReadonlyArray<{ id: string; name: string }>;
  actions: ReadonlyArray<{ id: string; label: string }>;
}) {
  const { t } = useAdminT();
  const set = (k: keyof AuditFilterForm, v: string) => onChange({ ...value, [k]: v });
  const any = Object.values(value).some(Boolean);
  return (
    <div className="admin-filters" data-testid="audit-filters">
      <Field label={t('audit.action')}>
        {(p) => (
          <select
            {...p}
            className="select"
            value={value.action}
            onChange={(e) => set('action', e.target.value)}
            data-testid="audit-filter-action"
          >
            <option value="">{t('audit.allActions')}</option>
            {actions.map((a) => (
              <option key={a.id} value={a.id}>
                {a.label}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('audit.person')}>
        {(p) => (
          <select
            {...p}
            className="select"
            value={value.userId}
            onChange={(e) => set('userId', e.target.value)}
            data-testid="audit-filter-user"
          >
            <option value="">{t('audit.everyone')}</option>
            {users.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('audit.sop')}>
        {(p) => (
          <select
            {...p}
            className="select"
            value={value.sopId}
            onChange={(e) => set('sopId', e.target.value)}
            data-testid="audit-filter-sop"
          >
            <option value="">{t('audit.allSops')}</option>
            {sops.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name || t('audit.untitled')}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('audit.from')}>
        {(p) => (
          <DateField
            {...p}
            value={value.from}
            max={value.to || undefined}
            onChange={(iso) => set('from', iso)}
            testId="audit-filter-from"
          />
        )}
      </Field>
      <Field label={t('audit.to')}>
        {(p) => (
          <DateField
            {...p}
            value={value.to}
            min={value.from || undefined}
            onChange={(iso) => set('to', iso)}
            testId="audit-filter-to"
          />
        )}
      </Field>
      <button
        type="button"
        className="btn btn-ghost admin-filters-clear"
        disabled={!any}
        onClick={() => onChange(EMPTY_FILTER)}
      >
        <FilterX aria-hidden />
        {t('audit.clear')}
      </button>
    </div>
  );
}
