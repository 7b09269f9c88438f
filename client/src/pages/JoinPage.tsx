import { ArrowRight, CalendarClock, FileText, LinkIcon, RotateCw } from 'lucide-react';
import { type FormEvent, useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'wouter';
import { useAuth } from '../auth/AuthContext';
import { AuthLayout, AuthSplash } from '../auth/AuthLayout';
import { fetchJoinLink, joinLink } from '../auth/authApi';
import { authErrorMessage } from '../auth/errors';
import type { JoinLinkInfo } from '../auth/types';
import { FormMessage, TextField } from '../components/Field';
import { ApiError } from '../lib/api';
import { formatDateTime } from '../lib/format';

type LinkState =
  | { kind: 'loading' }
  | { kind: 'ready'; info: JoinLinkInfo }
  | { kind: 'gone'; reason: 'notFound' | 'expired' | 'revoked' }
  | { kind: 'error'; message: string };

function goneReason(e: unknown): 'notFound' | 'expired' | 'revoked' | null {
  if (!(e instanceof ApiError)) return null;
  if (e.code === 'link_expired') return 'expired';
  if (e.code === 'link_revoked') return 'revoked';
  if (e.status === 404 || e.status === 410) return e.status === 410 ? 'expired' : 'notFound';
  return null;
}

/**
 * `/j/:code`: a meeting link. Shows the SOP and the role the link gives, asks the
 * guest's name, then opens the SOP. A signed-in user continues as themselves.
 */
export default function JoinPage({ code }: { code: string }) {
  const { t, i18n } = useTranslation('auth');
  const { t: tApp } = useTranslation();
  const auth = useAuth();
  const [, navigate] = useLocation();
  const [link, setLink] = useState<LinkState>({ kind: 'loading' });
  const [name, setName] = useState(() => (auth.user?.kind === 'guest' ? auth.user.name : ''));
  const [nameError, setNameError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(() => {
    setLink({ kind: 'loading' });
    fetchJoinLink(code)
      .then((info) => setLink({ kind: 'ready', info }))
      .catch((e: unknown) => {
        const reason = goneReason(e);
        setLink(
          reason ? { kind: 'gone', reason } : { kind: 'error', message: authErrorMessage(t, e) },
        );
      });
  }, [code, t]);

  useEffect(load, [load]);

  const member = auth.status === 'signed-in' && auth.user?.kind === 'user' ? auth.user : null;

  async function join(e?: FormEvent) {
    e?.preventDefault();
    const as = member ? member.name : name.trim();
    if (!as) {
      setNameError(t('validation.required'));
      return;
    }
    setBusy(true);
    setError(null);
    setNameError(null);
    try {
      const { sopId } = await joinLink(code, as);
      await auth.refresh();
      navigate(`/sop/${encodeURIComponent(sopId)}`, { replace: true });
    } catch (err) {
      const reason = goneReason(err);
      if (reason) setLink({ kind: 'gone', reason });
      else setError(authErrorMessage(t, err));
    } finally {
      setBusy(false);
    }
  }

  if (auth.status === 'loading' || link.kind === 'loading')
    return <AuthSplash label={t('join.checking')} />;

  if (link.kind !== 'ready') {
    const reason = link.kind === 'gone' ? link.reason : null;
    return (
      <AuthLayout
        agencyName={auth.agency?.name}
        title={reason ? t(`join.${reason}Title`) : t('join.errorTitle')}
        subtitle={reason ? t(`join.${reason}`) : null}
      >
        <div className="auth-form" data-testid="join-unavailable">
          <div className="auth-state-icon" aria-hidden>
            <LinkIcon />
          </div>
          {link.kind === 'error' && <FormMessage kind="error">{link.message}</FormMessage>}
          {link.kind === 'error' && (
            <button type="button" className="btn btn-primary btn-lg auth-submit" onClick={load}>
              <RotateCw aria-hidden />
              {t('join.retry')}
            </button>
          )}
          {member ? (
            <Link href="/" className="btn btn-lg auth-submit">
              {tApp('app.backToList')}
            </Link>
          ) : (
            <Link href="/login" className="auth-alt-link">
              {t('join.haveAccount')}
            </Link>
          )}
        </div>
      </AuthLayout>
    );
  }

  const { info } = link;
  const role = t(`join.roles.${info.role}`);
  return (
    <AuthLayout agencyName={auth.agency?.name} title={t('join.title')}>
      <form className="auth-form" onSubmit={join} noValidate>
        <div className="join-sop">
          <FileText aria-hidden />
          <div>
            <span className="join-sop-label">{t('join.sop')}</span>
            <strong className="join-sop-name" data-testid="join-sop-name">
              {info.sopName || tApp('list.untitled')}
            </strong>
          </div>
        </div>
        <div className="join-role">
          <p>
            <strong>{t('join.asRole', { role })}</strong> {t(`join.roleHelp.${info.role}`)}
          </p>
          {info.expiresAt && (
            <p className="muted join-expires">
              <CalendarClock aria-hidden />
              {t('join.expires', { date: formatDateTime(info.expiresAt, i18n.language) })}
            </p>
          )}
        </div>
        {error && <FormMessage kind="error">{error}</FormMessage>}
        {member ? (
          <>
            <p>{t('join.signedInAs', { name: member.name })}</p>
            <button
              type="submit"
              className="btn btn-primary btn-lg auth-submit"
              disabled={busy}
              data-testid="join-submit"
            >
              {t('join.continueAs', { name: member.name })}
              <ArrowRight aria-hidden />
            </button>
            <button
              type="button"
              className="btn btn-ghost auth-alt-link"
              onClick={() => void auth.logout({ to: `/j/${encodeURIComponent(code)}` })}
            >
              {t('join.notYou')}
            </button>
          </>
        ) : (
          <>
            <TextField
              label={t('join.name')}
              placeholder={t('join.namePlaceholder')}
              hint={t('join.nameHint')}
              autoComplete="name"
              maxLength={80}
              autoFocus
              value={name}
              onChange={(e) => setName(e.target.value)}
              error={nameError}
              testId="join-name"
            />
            <button
              type="submit"
              className="btn btn-primary btn-lg auth-submit"
              disabled={busy}
              data-testid="join-submit"
            >
              {busy ? t('join.submitting') : t('join.submit')}
              <ArrowRight aria-hidden />
            </button>
            <Link
              href={`/login?next=${encodeURIComponent(`/j/${code}`)}`}
              className="auth-alt-link"
            >
              {t('join.haveAccount')}
            </Link>
          </>
        )}
      </form>
    </AuthLayout>
  );
}
