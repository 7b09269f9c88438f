/**
 * The public verification page `/v/<code>` (issue 14): server-rendered HTML in Bahasa
 * Indonesia, one small self-contained stylesheet in Susun's colours, printable. It shows
 * what the printed copy claims (number, name, version, approver, dates, SHA-256) and
 * whether that version is still the one in force — nothing else of the SOP.
 */

/** What `/api/verify/<code>` answers and the page shows. */
export interface PublicVerification {
  /** `XXXX-XXXX`. */
  code: string;
  agencyName: string;
  sopNumber: string;
  sopName: string;
  version: number;
  approver: { name: string; title: string; nip: string };
  /** ISO timestamp of the approval. */
  approvedAt: string;
  /** YYYY-MM-DD (server local time). */
  approvalDate: string;
  /** YYYY-MM-DD. */
  effectiveDate: string;
  sha256: string;
  /**
   * `current`: the version in force; `superseded`: a later approved version replaced it
   * (`supersededBy`), or the SOP was replaced by another one (`supersededBy` null);
   * `revoked`: the SOP was withdrawn.
   */
  status: 'current' | 'superseded' | 'revoked';
  supersededBy: { version: number; code: string; url: string } | null;
}

function esc(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

const MONTH_FORMAT = new Intl.DateTimeFormat('id-ID', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});

/** `2026-11-30` → `30 November 2026`; anything else as it is (or a dash). */
export function longDateId(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return iso || '—';
  return MONTH_FORMAT.format(new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))));
}

/** The page's CSP: no script at all, only the inline stylesheet. */
export const PAGE_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const STYLE = `
:root{--primary:#1b3a8a;--text:#111827;--muted:#4a5568;--border:#cdd4df;--bg:#f3f5f9;
--ok:#05603a;--ok-soft:#e3f6ec;--warn:#8a4b00;--warn-soft:#fff4e0;--bad:#b42318;--bad-soft:#fdecea}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--text);font:17px/1.5 "Inter","Segoe UI",system-ui,
-apple-system,"Noto Sans",Arial,sans-serif}
header{background:var(--primary);color:#fff;padding:.8rem 1.5rem;display:flex;align-items:center;gap:.6rem}
header .mark{font-weight:700;letter-spacing:.02em}
header .sub{opacity:.85}
main{max-width:44rem;margin:2rem auto;padding:0 1rem}
.card{background:#fff;border:1px solid var(--border);border-radius:.8rem;padding:1.5rem 1.75rem;
box-shadow:0 2px 6px rgb(16 24 40/.1)}
.agency{margin:0 0 .25rem;color:var(--muted);font-size:.95rem;text-transform:uppercase;letter-spacing:.04em}
h1{font-size:1.45rem;line-height:1.25;margin:.25rem 0 1rem;overflow-wrap:anywhere}
.status{display:flex;gap:.6rem;align-items:flex-start;border-radius:.5rem;padding:.75rem 1rem;margin:0 0 1.25rem;font-weight:600}
.status p{margin:0}
.status small{display:block;font-weight:400}
.status.current{background:var(--ok-soft);color:var(--ok)}
.status.superseded{background:var(--warn-soft);color:var(--warn)}
.status.revoked{background:var(--bad-soft);color:var(--bad)}
.status a{color:inherit}
.icon{flex:none;font-size:1.2rem;line-height:1.3}
dl{display:grid;grid-template-columns:minmax(9rem,auto) 1fr;gap:.55rem 1.25rem;margin:0}
dt{color:var(--muted)}
dd{margin:0;overflow-wrap:anywhere}
.mono{font-family:ui-monospace,"SFMono-Regular",Menlo,Consolas,monospace;font-size:.9rem;word-break:break-all}
.code{font-family:ui-monospace,"SFMono-Regular",Menlo,Consolas,monospace;font-weight:700;letter-spacing:.08em}
.note{color:var(--muted);font-size:.9rem;margin:1.25rem 0 0}
.nowrap{white-space:nowrap}
footer{max-width:44rem;margin:0 auto 2rem;padding:0 1rem;color:var(--muted);font-size:.85rem}
@media (max-width:36rem){dl{grid-template-columns:1fr}dt{margin-top:.4rem}}
@media print{body{background:#fff}header{background:none;color:var(--text);border-bottom:2px solid var(--text)}
.card{box-shadow:none;border:0;padding:0}main{margin-top:1rem}}
`;

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="id">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${esc(title)} · Susun</title>
<style>${STYLE}</style>
</head>
<body>
<header><span class="mark">Susun</span><span class="sub">· Verifikasi salinan SOP</span></header>
<main>${body}</main>
<footer>Halaman ini menunjukkan keabsahan salinan cetak SOP yang memuat kode di atas. Isi SOP tidak ditampilkan.</footer>
</body>
</html>`;
}

function statusBlock(v: PublicVerification): string {
  if (v.status === 'current')
    return `<div class="status current" data-status="current"><span class="icon" aria-hidden="true">✓</span><p>Salinan sah: versi ${v.version} adalah versi yang berlaku.</p></div>`;
  if (v.status === 'revoked')
    return `<div class="status revoked" data-status="revoked"><span class="icon" aria-hidden="true">✕</span><p>SOP ini sudah dicabut dan tidak berlaku lagi.</p></div>`;
  const by = v.supersededBy;
  const more = by
    ? `<small>Lihat <a href="${esc(by.url)}" data-testid="superseded-link">versi ${by.version} (kode ${esc(by.code)})</a>.</small>`
    : '<small>SOP ini telah digantikan oleh SOP lain.</small>';
  return `<div class="status superseded" data-status="superseded"><span class="icon" aria-hidden="true">!</span><p>${by ? `Digantikan oleh versi ${by.version}` : 'Digantikan'}: salinan ini bukan versi yang berlaku.${more}</p></div>`;
}

export function verificationPage(v: PublicVerification): string {
  const a = v.approver;
  const approver = [a.title, a.name, a.nip ? `NIP ${a.nip}` : '']
    .filter(Boolean)
    .map(esc)
    .join('<br>');
  const body = `<article class="card">
${v.agencyName ? `<p class="agency">${esc(v.agencyName)}</p>` : ''}
<h1>${esc(v.sopName || 'SOP tanpa nama')}</h1>
${statusBlock(v)}
<dl>
<dt>Nomor SOP</dt><dd>${esc(v.sopNumber || '—')}</dd>
<dt>Versi</dt><dd>${v.version}</dd>
<dt>Disahkan oleh</dt><dd>${approver || '—'}</dd>
<dt>Tanggal pengesahan</dt><dd>${esc(longDateId(v.approvalDate))}</dd>
<dt>Tanggal efektif</dt><dd>${esc(longDateId(v.effectiveDate))}</dd>
<dt>Kode verifikasi</dt><dd class="code">${esc(v.code)}</dd>
<dt>SHA-256 isi yang disahkan</dt><dd class="mono">${esc(v.sha256)}</dd>
</dl>
<p class="note">SHA-256 dihitung dari JSON kanonik isi SOP versi ini saat disahkan; salinan digital yang sama menghasilkan nilai yang sama.</p>
</article>`;
  return page(`Verifikasi ${v.sopNumber || v.code}`, body);
}

export function notFoundPage(): string {
  return page(
    'Kode tidak dikenal',
    `<article class="card"><h1>Kode verifikasi tidak dikenal</h1>
<div class="status revoked" data-status="unknown"><span class="icon" aria-hidden="true">?</span><p>Tidak ada SOP yang disahkan dengan kode ini.<small>Periksa kembali kode pada salinan cetak (8 huruf dan angka, mis. <span class="nowrap">K7Q2-9MXD</span>). Salinan tanpa kode yang terdaftar tidak dapat dipastikan keabsahannya.</small></p></div></article>`,
  );
}

export function tooManyPage(retryAfterS: number): string {
  return page(
    'Terlalu banyak permintaan',
    `<article class="card"><h1>Terlalu banyak permintaan</h1><p>Coba lagi dalam ${retryAfterS} detik.</p></article>`,
  );
}
