import { Plus, RotateCw, Trash2 } from 'lucide-react';
import { type FormEvent, useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { Field, FormMessage } from '../../components/Field';
import { formatDateTime } from '../../lib/format';
import { createToken, listTokens, revokeToken } from '../authApi';
import { authErrorMessage } from '../errors';
import type { ApiTokenInfo } from '../types';
import { NewTokenDialog } from './NewTokenDialog';

const EXPIRIES = ['30', '90', '365', 'never'] as const;
type Expiry = (typeof EXPIRIES)[number];

type ListState = { kind: 'loading' } | { kind: 'error' } | { kind: 'ready'; items: ApiTokenInfo[] };

/** API tokens: create (shown once), list, revoke. */
export function TokensSection() {
  const { t, i18n } = useTranslation('auth');
  const [list, setList] = useState<ListState>({ kind: 'loading' });
  const [name, setName] = useState('');
  const [expiry, setExpiry] = useState<Expiry>('90');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [created, setCreated] = useState<{ token: string; name: string } | null>(null);
  const [revoking, setRevoking] = useState<ApiTokenInfo | null>(null);
  const [revokeBusy, setRevokeBusy] = useState(false);
  const [revokeError, setRevokeError] = useState<string | null>(null);

  const load = useCallback(() => {
    listTokens()
      .then((items) => setList({ kind: 'ready', items }))
      .catch(() => setList({ kind: 'error' }));
  }, []);
  useEffect(load, [load]);

  const label = (tok: { name: string | null }) => tok.name?.trim() || t('tokens.unnamed');
  const date = (iso: string | null, empty: string) =>
    iso ? formatDateTime(iso, i18n.language) : empty;

  async function create(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const trimmed = name.trim();
      const res = await createToken({
        ...(trimmed ? { name: trimmed } : {}),
        ...(expiry !== 'never' ? { expiresInDays: Number(expiry) } : {}),
      });
      setCreated({ token: res.token, name: trimmed || t('tokens.unnamed') });
      setName('');
      load();
    } catch (err) {
      setError(authErrorMessage(t, err));
    } finally {
      setBusy(false);
    }
  }

  async function revoke() {
    if (!revoking) return;
    setRevokeBusy(true);
    setRevokeError(null);
    try {
      await revokeToken(revoking.id);
      setRevoking(null);
      load();
    } catch (err) {
      setRevokeError(authErrorMessage(t, err));
    } finally {
      setRevokeBusy(false);
    }
  }

  return (
    <section className="card account-section" aria-labelledby="account-tokens">
      <header className="account-section-head">
        <h2 id="account-tokens">{t('tokens.title')}</h2>
        <p className="muted">{t('tokens.description')}</p>
      </header>
      <form className="token-create" onSubmit={create}>
        <Field label={t('tokens.name')} className="token-create-name">
          {(p) => (
            <input
              {...p}
              className="input"
              placeholder={t('tokens.namePlaceholder')}
              maxLength={80}
              value={name}
              onChange={(e) => setName(e.target.value)}
              data-testid="token-name"
            />
          )}
        </Field>
        <Field label={t('tokens.expiry')}>
          {(p) => (
            <select
              {...p}
              className="select"
              value={expiry}
              onChange={(e) => setExpiry(e.target.value as Expiry)}
            >
              {EXPIRIES.map((x) => (
                <option key={x} value={x}>
                  {t(x === 'never' ? 'tokens.expiryNever' : `tokens.expiry${x}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <button
          type="submit"
          className="btn btn-primary"
          disabled={busy}
          data-testid="token-create"
        >
          <Plus aria-hidden />
          {busy ? t('tokens.creating') : t('tokens.create')}
        </button>
      </form>
      {error && <FormMessage kind="error">{error}</FormMessage>}
      {list.kind === 'loading' && <p className="muted">{t('tokens.loading')}</p>}
      {list.kind === 'error' && (
        <div className="list-error" role="alert">
          {t('tokens.loadError')}
          <button type="button" className="btn" onClick={load}>
            <RotateCw aria-hidden />
            {t('gate.retry')}
          </button>
        </div>
      )}
      {list.kind === 'ready' && list.items.length === 0 && (
        <p className="empty-state token-empty">{t('tokens.empty')}</p>
      )}
      {list.kind === 'ready' && list.items.length > 0 && (
        <div className="token-table-wrap">
          <table className="sop-table token-table" data-testid="token-list">
            <thead>
              <tr>
                <th scope="col">{t('tokens.colName')}</th>
                <th scope="col">{t('tokens.colCreated')}</th>
                <th scope="col">{t('tokens.colLastUsed')}</th>
                <th scope="col">{t('tokens.colExpires')}</th>
                <th scope="col" className="col-actions">
                  <span className="visually-hidden">{t('tokens.revoke')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.items.map((tok) => (
                <tr key={tok.id}>
                  <td className="token-name">{label(tok)}</td>
                  <td className="muted">{date(tok.createdAt, '')}</td>
                  <td className="muted">{date(tok.lastUsedAt, t('tokens.never'))}</td>
                  <td className="muted">{date(tok.expiresAt, t('tokens.expiryNever'))}</td>
                  <td className="col-actions">
                    <button
                      type="button"
                      className="btn btn-sm"
                      aria-label={t('tokens.revokeLabel', { name: label(tok) })}
                      onClick={() => {
                        setRevokeError(null);
                        setRevoking(tok);
                      }}
                    >
                      <Trash2 aria-hidden />
                      {t('tokens.revoke')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <NewTokenDialog
        token={created?.token ?? null}
        name={created?.name ?? ''}
        onClose={() => setCreated(null)}
      />
      <ConfirmDialog
        open={revoking !== null}
        onOpenChange={(o) => !o && setRevoking(null)}
        title={t('tokens.revokeTitle')}
        body={t('tokens.revokeBody', { name: revoking ? label(revoking) : '' })}
        confirmLabel={t('tokens.revokeConfirm')}
        onConfirm={() => void revoke()}
        busy={revokeBusy}
        error={revokeError}
      />
    </section>
  );
}
