import { LINK_ROLES, type LinkRole } from '@shared/access/permissions';
import { Link2 } from 'lucide-react';
import { type FormEvent, useCallback, useState } from 'react';
import { errorText, useAdminT } from '../admin/i18n';
import { useLoad } from '../admin/useLoad';
import { LinkItem } from './LinkItem';
import { createLink, listLinks, type MeetingLink, revokeLink } from './sharingApi';
import './links.css';
import { Field } from '../components/Field';

const EXPIRY = ['today', '1h', '3h', 'tomorrow', '7d'] as const;
type Expiry = (typeof EXPIRY)[number];

/** The ISO expiry for a preset; undefined = the server's default (end of today). */
function expiresAt(preset: Expiry, now = new Date()): string | undefined {
  const d = new Date(now);
  switch (preset) {
    case 'today':
      return undefined;
    case '1h':
      return new Date(d.getTime() + 3600_000).toISOString();
    case '3h':
      return new Date(d.getTime() + 3 * 3600_000).toISOString();
    case 'tomorrow':
      d.setDate(d.getDate() + 1);
      d.setHours(23, 59, 59, 0);
      return d.toISOString();
    case '7d':
      d.setDate(d.getDate() + 7);
      d.setHours(23, 59, 59, 0);
      return d.toISOString();
  }
}

/** Meeting links: create (role, expiry), the chosen one as a big QR, copy, projector, revoke. */
export function MeetingLinks({ sopId }: { sopId: string }) {
  const { t } = useAdminT();
  const links = useLoad(useCallback((s: AbortSignal) => listLinks(sopId, s), [sopId]));
  const [role, setRole] = useState<LinkRole>('commenter');
  const [expiry, setExpiry] = useState<Expiry>('today');
  const [shown, setShown] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [created, setCreated] = useState<MeetingLink[]>([]);
  const [revoked, setRevoked] = useState<ReadonlySet<string>>(new Set());

  // The server's list plus links created since it loaded (until the next load has them).
  const all = (links.data ?? []).filter((l) => !revoked.has(l.id));
  for (const l of created) if (!all.some((x) => x.id === l.id)) all.unshift(l);
  const current = all.find((l) => l.id === shown) ?? all[0] ?? null;

  async function create(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const at = expiresAt(expiry);
      const link = await createLink(sopId, at ? { role, expiresAt: at } : { role });
      setCreated((c) => [link, ...c]);
      setShown(link.id);
      links.reload();
    } catch (err) {
      setError(errorText(t, err));
    } finally {
      setBusy(false);
    }
  }

  async function revoke(link: MeetingLink) {
    setError(null);
    try {
      await revokeLink(sopId, link.id);
      setCreated((c) => c.filter((x) => x.id !== link.id));
      setRevoked((r) => new Set([...r, link.id]));
      if (shown === link.id) setShown(null);
      links.reload();
    } catch (err) {
      setError(errorText(t, err));
    }
  }

  return (
    <section className="share-section share-links" aria-labelledby="share-links-h">
      <h3 id="share-links-h" className="share-section-title">
        <Link2 aria-hidden />
        {t('links.title')}
      </h3>
      <p className="muted share-hint">{t('links.help')}</p>
      <form className="share-link-form" onSubmit={create}>
        <Field label={t('links.role')}>
          {(p) => (
            <select
              {...p}
              className="select"
              value={role}
              onChange={(e) => setRole(e.target.value as LinkRole)}
              data-testid="link-role-select"
            >
              {[...LINK_ROLES].reverse().map((r) => (
                <option key={r} value={r}>
                  {t(`roles.${r}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('links.expiry')}>
          {(p) => (
            <select
              {...p}
              className="select"
              value={expiry}
              onChange={(e) => setExpiry(e.target.value as Expiry)}
              data-testid="link-expiry-select"
            >
              {EXPIRY.map((x) => (
                <option key={x} value={x}>
                  {t(`links.expiries.${x}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <button type="submit" className="btn btn-primary" disabled={busy} data-testid="link-create">
          {busy ? t('links.creating') : t('links.create')}
        </button>
      </form>
      {error && (
        <p role="alert" className="form-error">
          {error}
        </p>
      )}
      {links.error !== null && (
        <p role="alert" className="form-error">
          {errorText(t, links.error)}
        </p>
      )}
      {all.length === 0 && links.data && <p className="share-links-empty">{t('links.empty')}</p>}
      <ul className="share-link-list">
        {all.map((l) => (
          <LinkItem
            key={l.id}
            link={l}
            expanded={l.id === current?.id}
            onShow={() => setShown(l.id)}
            onRevoke={() => revoke(l)}
          />
        ))}
      </ul>
    </section>
  );
}
