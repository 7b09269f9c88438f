import { type FormEvent, useEffect, useState } from 'react';
import { useUser } from '../auth/AuthContext';
import { DialogShell } from '../components/DialogShell';
import { Field } from '../components/Field';
import { createUser, syncUserUnits, updateUser } from './adminApi';
import { errorText, useAdminT } from './i18n';
import { RolesFields, type RolesValue, UnitChecklist } from './RolesFields';
import type { AdminUser, Unit } from './types';
import './admin-forms.css';

interface Form {
  email: string;
  name: string;
  title: string;
  nip: string;
  password: string;
  roles: RolesValue;
  unitIds: string[];
}

const EMPTY: Form = {
  email: '',
  name: '',
  title: '',
  nip: '',
  password: '',
  roles: { isAdmin: false, isApprover: false, approverUnits: [] },
  unitIds: [],
};

function formOf(u: AdminUser): Form {
  return {
    email: u.email,
    name: u.name,
    title: u.title,
    nip: u.nip ?? '',
    password: '',
    roles: { isAdmin: u.isAdmin, isApprover: u.isApprover, approverUnits: u.approverUnits },
    unitIds: u.unitIds,
  };
}

/** Create or edit one account: profile, password, agency roles and unit membership. */
export function UserDialog({
  editing,
  units,
  onClose,
  onSaved,
}: {
  editing: { kind: 'create' } | { kind: 'edit'; user: AdminUser } | null;
  units: Unit[];
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useAdminT();
  const me = useUser();
  const [form, setForm] = useState<Form>(EMPTY);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const user = editing?.kind === 'edit' ? editing.user : null;

  useEffect(() => {
    if (!editing) return;
    setForm(editing.kind === 'edit' ? formOf(editing.user) : EMPTY);
    setError(null);
  }, [editing]);

  const set = <K extends keyof Form>(k: K, v: Form[K]) => setForm((f) => ({ ...f, [k]: v }));
  const nipInvalid = form.nip.trim() !== '' && !/^\d{18}$/.test(form.nip.trim());

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (nipInvalid) return setError(t('users.nipHint'));
    setBusy(true);
    setError(null);
    const roles = {
      isAdmin: form.roles.isAdmin,
      isApprover: form.roles.isApprover,
      approverUnits: form.roles.isApprover ? form.roles.approverUnits : [],
    };
    try {
      let id: string;
      if (user) {
        id = user.id;
        await updateUser(id, {
          name: form.name.trim(),
          title: form.title.trim(),
          nip: form.nip.trim() || null,
          ...roles,
          ...(form.password ? { password: form.password } : {}),
        });
      } else {
        ({ id } = await createUser({
          email: form.email.trim(),
          name: form.name.trim(),
          password: form.password,
          ...(form.title.trim() ? { title: form.title.trim() } : {}),
          ...(form.nip.trim() ? { nip: form.nip.trim() } : {}),
          ...roles,
        }));
      }
      await syncUserUnits(id, user?.unitIds ?? [], form.unitIds);
      onSaved();
      onClose();
    } catch (err) {
      setError(errorText(t, err));
      // a created user exists even when a unit assignment failed: show it
      if (!user) onSaved();
    } finally {
      setBusy(false);
    }
  }

  return (
    <DialogShell
      open={editing !== null}
      onOpenChange={(o) => !o && onClose()}
      title={user ? t('users.editTitle', { name: user.name }) : t('users.createTitle')}
      description={user ? t('users.editDescription') : t('users.createDescription')}
      closeLabel={t('common.close')}
      className="admin-dialog"
      testId="user-dialog"
    >
      <form className="dialog-form" onSubmit={submit}>
        <div className="admin-form-grid">
          <Field label={t('users.name')}>
            {(p) => (
              <input
                {...p}
                className="input"
                required
                maxLength={200}
                value={form.name}
                onChange={(e) => set('name', e.target.value)}
                data-testid="user-name"
              />
            )}
          </Field>
          <Field label={t('users.email')}>
            {(p) => (
              <input
                {...p}
                className="input"
                type="email"
                required
                autoComplete="off"
                disabled={user !== null}
                value={form.email}
                onChange={(e) => set('email', e.target.value)}
                data-testid="user-email"
              />
            )}
          </Field>
          <Field label={t('users.jabatan')}>
            {(p) => (
              <input
                {...p}
                className="input"
                maxLength={200}
                placeholder={t('users.jabatanPlaceholder')}
                value={form.title}
                onChange={(e) => set('title', e.target.value)}
                data-testid="user-title"
              />
            )}
          </Field>
          <Field label={t('users.nip')}>
            {(p) => (
              <input
                {...p}
                className="input admin-nip-input"
                inputMode="numeric"
                maxLength={18}
                placeholder="19xxxxxxxxxxxxxxxx"
                aria-invalid={nipInvalid}
                value={form.nip}
                onChange={(e) => set('nip', e.target.value.replace(/\s/g, ''))}
                data-testid="user-nip"
              />
            )}
          </Field>
          <Field
            label={user ? t('users.newPassword') : t('users.password')}
            className="admin-span-2"
          >
            {(p) => (
              <input
                {...p}
                className="input"
                type="password"
                autoComplete="new-password"
                required={user === null}
                minLength={8}
                maxLength={256}
                placeholder={user ? t('users.newPasswordHint') : t('users.passwordHint')}
                value={form.password}
                onChange={(e) => set('password', e.target.value)}
                data-testid="user-password"
              />
            )}
          </Field>
        </div>
        <RolesFields
          units={units}
          value={form.roles}
          onChange={(r) => set('roles', r)}
          lockAdmin={user !== null && user.id === me?.id}
        />
        <UnitChecklist
          legend={t('users.unitsLegend')}
          units={units}
          value={form.unitIds}
          onChange={(ids) => set('unitIds', ids)}
          testId="user-units"
        />
        {error && (
          <p role="alert" className="form-error">
            {error}
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" className="btn" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="btn btn-primary" disabled={busy} data-testid="user-save">
            {busy ? t('common.saving') : user ? t('common.save') : t('users.createSubmit')}
          </button>
        </div>
      </form>
    </DialogShell>
  );
}
