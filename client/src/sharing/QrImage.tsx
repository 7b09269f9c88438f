import QRCode from 'qrcode';
import { useEffect, useState } from 'react';

/**
 * The QR code of `url` as a crisp SVG image (scales to any size: the projector
 * view draws it at most of the screen height). Rendered through an `<img>` data
 * URL, so no markup is injected into the page.
 */
export function QrImage({
  url,
  alt,
  className,
  testId,
}: {
  url: string;
  alt: string;
  className?: string;
  testId?: string;
}) {
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    QRCode.toString(url, {
      type: 'svg',
      margin: 1,
      errorCorrectionLevel: 'M',
      color: { dark: '#111827', light: '#ffffff' },
    }).then(
      (svg) => live && setSrc(`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`),
      () => live && setSrc(null),
    );
    return () => {
      live = false;
    };
  }, [url]);
  if (!src) return <div className={`qr-placeholder ${className ?? ''}`} aria-hidden />;
  return <img src={src} alt={alt} className={className} data-testid={testId} data-url={url} />;
}
