/** The record of a guided meeting that ended: who was there, decisions and time per stage, open points. */
import { type GuidedSession, STAGE_KEYS, STAGES, timePerStage } from '@shared/guided/index';
import { DialogShell } from '../components/DialogShell';
import { formatDuration } from '../review/index';
import { useGuidedT } from './i18n';

export function RecordDialog({
  session,
  onClose,
}: {
  session: GuidedSession;
  onClose: () => void;
}) {
  const { t, i18n } = useGuidedT();
  const end = session.endedAt ?? session.startedAt;
  const times = timePerStage(session, end);
  const date = new Date(session.startedAt).toLocaleString(
    i18n.language.startsWith('en') ? 'en-GB' : 'id-ID',
    {
      dateStyle: 'long',
      timeStyle: 'short',
    },
  );
  return (
    <DialogShell
      open
      onOpenChange={(o) => !o && onClose()}
      title={t('record.title')}
      description={t('record.when', { date, duration: formatDuration(end - session.startedAt) })}
      closeLabel={t('record.close')}
      className="guided-record"
      testId="guided-record"
    >
      <h3>{t('record.present')}</h3>
      <ul className="guided-record-people" data-testid="guided-record-present">
        {session.participants.map((p) => (
          <li key={p.id}>
            <span className="guided-dot" style={{ background: p.colour }} aria-hidden />
            {p.name}
          </li>
        ))}
      </ul>
      <h3>{t('record.decided')}</h3>
      <table className="guided-record-table" data-testid="guided-record-decisions">
        <thead>
          <tr>
            <th scope="col">{t('stageN', { n: '' }).trim()}</th>
            <th scope="col">{t('record.decided')}</th>
            <th scope="col">{t('record.time')}</th>
          </tr>
        </thead>
        <tbody>
          {STAGES.map((n) => {
            const ds = session.decisions.filter((d) => d.stage === n);
            return (
              <tr key={n}>
                <th scope="row">
                  {n}. {t(`stages.${STAGE_KEYS[n]}`)}
                </th>
                <td>
                  {ds.length ? (
                    <ul>
                      {ds.map((d) => (
                        <li key={d.id}>{d.text}</li>
                      ))}
                    </ul>
                  ) : (
                    <span className="muted">—</span>
                  )}
                </td>
                <td>{formatDuration(times[n])}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <h3>{t('record.open')}</h3>
      {session.openPoints.length ? (
        <ul data-testid="guided-record-open">
          {session.openPoints.map((p) => (
            <li key={p.threadId}>
              {p.stage}. {p.text}
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">{t('record.noOpen')}</p>
      )}
      <div className="dialog-actions">
        <button type="button" className="btn btn-primary" onClick={onClose}>
          {t('record.close')}
        </button>
      </div>
    </DialogShell>
  );
}
