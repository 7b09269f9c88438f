/**
 * Copies text to the clipboard. The async Clipboard API needs a secure context;
 * a meeting-room server reached over plain http on the LAN is not one, so fall
 * back to a selected off-screen textarea and `execCommand('copy')`.
 */
export async function copyText(text: string): Promise<boolean> {
  try {
    if (window.isSecureContext && navigator.clipboard) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // permission denied: try the fallback
  }
  const ta = document.createElement('textarea');
  ta.value = text;
  ta.setAttribute('readonly', '');
  ta.style.position = 'fixed';
  ta.style.left = '-9999px';
  document.body.appendChild(ta);
  ta.select();
  let ok = false;
  try {
    ok = document.execCommand('copy');
  } catch {
    ok = false;
  }
  ta.remove();
  return ok;
}

/** "https://host/j/abc" → "host/j/abc": what people type from a projector. */
export function shortUrl(url: string): string {
  return url.replace(/^https?:\/\//, '');
}

/** "hari ini pukul 23.59" for a time later today, else the date and time. */
export function formatUntil(
  iso: string,
  lang: string,
  todayAt: (time: string) => string,
  now = new Date(),
): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const locale = lang === 'en' ? 'en-GB' : 'id-ID';
  if (d.toDateString() === now.toDateString())
    return todayAt(new Intl.DateTimeFormat(locale, { timeStyle: 'short' }).format(d));
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(d);
}
