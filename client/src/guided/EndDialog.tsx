/**
 * Ending a guided meeting: the open points (pre-filled from what is still missing, one
 * per line, `n: text` naming the stage) become comments on the SOP; the server keeps
 * who was there, the decisions and the time per stage as the meeting's record.
 */
import { formatMissing, STAGES } from '@shared/guided/index';
import { type FormEvent, useMemo, useState } from 'react';
import { DialogShell } from '../components/DialogShell';
import { useGuidedT } from './i18n';
import { parseOpenPoints } from './openPoints';
import type { GuidedApi } from './useGuided';

export function EndDialog({ api, onClose }: { api: GuidedApi; onClose: () => void }) {
  const { t, i18n } = useGuidedT();
  const locale = i18n.language.startsWith('en') ? 'en' : 'id';
  const c = api.completeness;
  const initial = useMemo(() => {
    const lines: string[] = [];
    for (const n of STAGES.slice(0, 4))
      for (const item of c.stages[n].items)
        if (item.severity === 'error') lines.push(`${n}: ${formatMissing(item, locale)}`);
    return [...new Set(lines)].join('\n');
  }, [c, locale]);
  const [text, setText] = useState(initial);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    const r = await api.run('end', { openPoints: parseOpenPoints(text, api.viewStage) });
    setBusy(false);
    if (r) onClose();
  };
  return (
    <DialogShell
      open
      onOpenChange={(o) => !o && !busy && onClose()}
      title={t('end.title')}
      closeLabel={t('end.cancel')}
      closeDisabled={busy}
      testId="guided-end-dialog"
    >
      <form onSubmit={submit} className="guided-end-form">
        <label className="field-label" htmlFor="guided-open-points">
          {t('end.openPoints')}
        </label>
        <p className="muted">{t('end.openPointsHint')}</p>
        <textarea
          id="guided-open-points"
          className="guided-open-points"
          rows={8}
          value={text}
          onChange={(e) => setText(e.target.value)}
          data-testid="guided-open-points"
        />
        <div className="dialog-actions">
          <button type="button" className="btn" onClick={onClose} disabled={busy}>
            {t('end.cancel')}
          </button>
          <button
            type="submit"
            className="btn btn-primary"
            disabled={busy}
            data-testid="guided-end-confirm"
          >
            {busy ? t('end.ending') : t('end.confirm')}
          </button>
        </div>
      </form>
    </DialogShell>
  );
}
