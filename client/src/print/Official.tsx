import { kopLines } from '@shared/flowchart/letterhead';
import type { VerificationMark } from '@shared/model/official';
import QRCode from 'qrcode';
import { type JSX, useEffect, useMemo, useState } from 'react';

/** `GET /api/sops/:id/official`: the letterhead (logo as a URL) and the verification mark. */
export interface OfficialView {
  letterhead: { agencyName: string; lines: string[]; logoUrl: string | null } | null;
  verification: VerificationMark | null;
}

const NONE: OfficialView = { letterhead: null, verification: null };

/**
 * The official extras of an SOP for the print view. Anything but a good answer (404 on
 * a server without the agency profile, an error, offline) prints without them.
 */
export function useOfficial(id: string): OfficialView {
  const [view, setView] = useState<OfficialView>(NONE);
  useEffect(() => {
    const ctrl = new AbortController();
    setView(NONE);
    fetch(`/api/sops/${encodeURIComponent(id)}/official`, { signal: ctrl.signal })
      .then(async (r) => (r.ok ? ((await r.json()) as Partial<OfficialView>) : null))
      .then((v) => {
        if (v) setView({ letterhead: v.letterhead ?? null, verification: v.verification ?? null });
      })
      .catch(() => {});
    return () => ctrl.abort();
  }, [id]);
  return view;
}

/** The letterhead (kop): centred lines, agency lines bold, a thick and a thin rule under them. */
export function Kop({
  letterhead,
}: {
  letterhead: OfficialView['letterhead'];
}): JSX.Element | null {
  const lines = kopLines(letterhead);
  if (lines.length === 0) return null;
  return (
    <header className="kop">
      {lines.map((l, i) => (
        <p
          // biome-ignore lint/suspicious/noArrayIndexKey: fixed lines of a printed header.
          key={i}
          className={l.bold ? 'kop-line kop-bold' : 'kop-line'}
          style={{ fontSize: `${l.size}pt` }}
        >
          {l.text}
        </p>
      ))}
    </header>
  );
}

/** A QR code of `text` as SVG (one path of dark modules), crisp when printed. */
export function QrCode({ text, label }: { text: string; label: string }): JSX.Element {
  const { size, d } = useMemo(() => {
    const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
    const n = qr.modules.size;
    let path = '';
    for (let r = 0; r < n; r++) {
      let c = 0;
      while (c < n) {
        if (!qr.modules.data[r * n + c]) {
          c++;
          continue;
        }
        const start = c;
        while (c < n && qr.modules.data[r * n + c]) c++;
        path += `M${start} ${r}h${c - start}v1h${start - c}z`;
      }
    }
    return { size: n, d: path };
  }, [text]);
  return (
    <svg
      className="qr-code"
      viewBox={`-1 -1 ${size + 2} ${size + 2}`}
      role="img"
      aria-label={label}
      shapeRendering="crispEdges"
    >
      <rect x={-1} y={-1} width={size + 2} height={size + 2} fill="#fff" />
      <path d={d} fill="#000" />
    </svg>
  );
}
