import { Copy, MonitorUp, QrCode, Trash2 } from 'lucide-react';
import { useState } from 'react';
import { useAdminT } from '../admin/i18n';
import { IconButton } from '../components/IconButton';
import { copyText, formatUntil, shortUrl } from './copyText';
import { ProjectorView } from './ProjectorView';
import { QrImage } from './QrImage';
import type { MeetingLink } from './sharingApi';

/** One active meeting link; expanded, it shows the QR code big enough to scan from a seat. */
export function LinkItem({
  link,
  expanded,
  onShow,
  onRevoke,
}: {
  link: MeetingLink;
  expanded: boolean;
  onShow: () => void;
  onRevoke: () => void;
}) {
  const { t, i18n } = useAdminT();
  const [copied, setCopied] = useState(false);
  const [projecting, setProjecting] = useState(false);
  const until = formatUntil(link.expiresAt, i18n.language, (time) => t('links.todayAt', { time }));

  async function copy() {
    const ok = await copyText(link.url);
    setCopied(ok);
    if (ok) setTimeout(() => setCopied(false), 2000);
  }

  return (
    <li
      className={expanded ? 'share-link is-expanded' : 'share-link'}
      data-testid="link-row"
      data-link-id={link.id}
    >
      <div className="share-link-head">
        <span className={`pill share-role-pill role-${link.role}`}>{t(`roles.${link.role}`)}</span>
        <span className="share-link-until">{t('links.until', { when: until })}</span>
        {!expanded && (
          <IconButton
            size="sm"
            label={t('links.showQr')}
            icon={<QrCode aria-hidden />}
            onClick={onShow}
            data-testid="link-show"
          />
        )}
        <IconButton
          size="sm"
          label={t('links.revoke')}
          icon={<Trash2 aria-hidden />}
          onClick={onRevoke}
          data-testid="link-revoke"
        />
      </div>
      {expanded ? (
        <div className="share-link-body">
          <QrImage
            url={link.url}
            alt={t('links.qrAlt', { url: shortUrl(link.url) })}
            className="share-qr"
            testId="link-qr"
          />
          <div className="share-link-url" data-testid="link-url">
            {shortUrl(link.url)}
          </div>
          <div className="share-link-actions">
            <button type="button" className="btn" onClick={copy} data-testid="link-copy">
              <Copy aria-hidden />
              {copied ? t('links.copied') : t('links.copy')}
            </button>
            <button
              type="button"
              className="btn btn-primary"
              onClick={() => setProjecting(true)}
              data-testid="link-projector"
            >
              <MonitorUp aria-hidden />
              {t('links.projector')}
            </button>
          </div>
          <span className="visually-hidden" role="status">
            {copied ? t('links.copied') : ''}
          </span>
        </div>
      ) : (
        <div className="share-link-short">{shortUrl(link.url)}</div>
      )}
      <ProjectorView link={link} open={projecting} onOpenChange={setProjecting} />
    </li>
  );
}
