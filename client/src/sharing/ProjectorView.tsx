import * as Dialog from '@radix-ui/react-dialog';
import { X } from 'lucide-react';
import { useAdminT } from '../admin/i18n';
import { useAuth } from '../auth/AuthContext';
import { BrandMark } from '../components/AppHeader';
import { formatUntil, shortUrl } from './copyText';
import { QrImage } from './QrImage';
import type { MeetingLink } from './sharingApi';
import { useSopName } from './useSopName';

/** An address that may wrap only after its last "/": the code itself never breaks. */
function UrlText({ url }: { url: string }) {
  const cut = url.lastIndexOf('/') + 1;
  return (
    <>
      <span className="projector-url-part">{url.slice(0, cut)}</span>
      <wbr />
      <span className="projector-url-part">{url.slice(cut)}</span>
    </>
  );
}

/**
 * "Tampilkan di proyektor": the whole screen for the QR code and the short
 * address, large enough to scan or type from the back of a meeting room.
 */
export function ProjectorView({
  link,
  open,
  onOpenChange,
}: {
  link: MeetingLink;
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  const { t, i18n } = useAdminT();
  const sopName = useSopName();
  const agency = useAuth().agency?.name;
  return (
    <Dialog.Root open={open} onOpenChange={onOpenChange}>
      <Dialog.Portal>
        <Dialog.Content className="projector" data-testid="projector-view">
          <div className="projector-brand">
            <BrandMark />
            <span>{t('projector.brand')}</span>
            {agency && <span className="projector-agency">· {agency}</span>}
          </div>
          <div className="projector-qr-wrap">
            <QrImage
              url={link.url}
              alt={t('links.qrAlt', { url: shortUrl(link.url) })}
              className="projector-qr"
            />
          </div>
          <div className="projector-text">
            <Dialog.Title className="projector-title">{t('projector.title')}</Dialog.Title>
            {sopName && <p className="projector-sop">{sopName}</p>}
            <Dialog.Description className="projector-step">
              {t('projector.scan')}
            </Dialog.Description>
            <p className="projector-url" data-testid="projector-url">
              <UrlText url={shortUrl(link.url)} />
            </p>
            <p className="projector-meta">
              {t('projector.as', { role: t(`values.${link.role}`) })}
              {' · '}
              {t('links.until', {
                when: formatUntil(link.expiresAt, i18n.language, (time) =>
                  t('links.todayAt', { time }),
                ),
              })}
            </p>
          </div>
          <Dialog.Close asChild>
            <button type="button" className="btn projector-close" aria-label={t('common.close')}>
              <X aria-hidden />
              {t('projector.close')}
            </button>
          </Dialog.Close>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
