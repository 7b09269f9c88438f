import {
  type Assessment,
  type MonitoringEntry,
  type MonitoringRecord,
  newerRecord,
} from '@shared/lifecycle/types';
import { useCallback, useContext, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DialogShell } from '../components/DialogShell';
import { CommentsContext } from '../discussion/CommentsContext';
import { NewestWrite } from '../lib/newestWrite';
import { closeMonitoring, getMonitoring, writeEntry } from './lifecycleApi';
import { errorText } from './useAsync';

type Entry = Pick<MonitoringEntry, 'assessment' | 'note' | 'action'>;
type TextField = 'note' | 'action';

/** Where the server mirrors open records in the discussion document (server/lifecycle/records.ts). */
const LIVE_MAP = 'lifecycle';

type Live = Pick<MonitoringRecord, 'status' | 'entries' | 'rev'>;

/**
 * The record as stored, kept live: the server mirrors every stored entry into the SOP's
 * discussion document, which this editor already syncs, so entries another person
 * writes appear here as they are stored. Copies come from the first read, this person's
 * saves and the mirror, in any order: the newest (`rev`) is shown ({@link newerRecord}).
 */
function useLiveRecord(sopId: string, recordId: string) {
  const { discussion } = useContext(CommentsContext);
  const [rec, setRec] = useState<MonitoringRecord | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let alive = true;
    const map = discussion?.doc.getMap<Live>(LIVE_MAP);
    const key = `monitoring:${recordId}`;
    const withLive = (r: MonitoringRecord): MonitoringRecord => {
      const live = map?.get(key);
      return live ? newerRecord(r, { ...r, ...live }) : r;
    };
    getMonitoring(sopId, recordId).then(
      // The mirror may have brought a newer copy while the read was under way.
      (r) => alive && setRec((cur) => withLive(newerRecord(cur, r))),
      (e: unknown) => alive && setError(errorText(e)),
    );
    const apply = () => setRec((r) => (r ? withLive(r) : r));
    map?.observe(apply);
    return () => {
      alive = false;
      map?.unobserve(apply);
    };
  }, [sopId, recordId, discussion]);
  const stored = useCallback((r: MonitoringRecord) => setRec((cur) => newerRecord(cur, r)), []);
  return { rec, stored, error };
}

function Row({
  sopId,
  rec,
  step,
  onStored,
}: {
  sopId: string;
  rec: MonitoringRecord;
  step: MonitoringRecord['steps'][number];
  onStored: (r: MonitoringRecord) => void;
}) {
  const { t } = useTranslation('lifecycle');
  const stored = rec.entries[step.stepId];
  // What this person typed and has not had stored yet, per field; the other fields show
  // the stored entry (someone else's included). Never copied from the stored entry: a
  // copy made after a save, landing after the next keystroke, would erase that typing.
  const [typed, setTyped] = useState<Partial<Record<TextField, string>>>({});
  // Counts this person's edits: a save answered after newer typing keeps the typing.
  const edits = useRef(0);
  // The choice just made, shown at once until the stored record answers.
  const [pending, setPending] = useState<Assessment | null>(null);
  const [error, setError] = useState<string | null>(null);
  const readOnly = rec.status !== 'open';

  // One write at a time, the newest entry last: a choice, a note and an action made in
  // quick succession are three saves, and sent at once an older one could reach the
  // server after a newer one and store the entry without the text typed last.
  const props = useRef({ sopId, recId: rec.id, stepId: step.stepId, onStored });
  props.current = { sopId, recId: rec.id, stepId: step.stepId, onStored };
  /** `edits` when the newest save was asked for: typing since leaves the row dirty. */
  const savedAt = useRef(0);
  const [writer] = useState(
    () =>
      new NewestWrite<Entry>(
        async (entry) => {
          const p = props.current;
          p.onStored(await writeEntry(p.sopId, p.recId, p.stepId, entry));
        },
        (ok, e) => {
          // Stored as typed: the stored entry (already shown) says the same.
          if (ok && edits.current === savedAt.current) setTyped({});
          if (!ok) setError(errorText(e));
          setPending(null);
        },
      ),
  );
  function save(entry: Entry) {
    setError(null);
    savedAt.current = edits.current;
    void writer.push(entry);
  }
  const text = (f: TextField) => typed[f] ?? stored?.[f] ?? '';
  const current = (): Entry => ({
    assessment: pending ?? stored?.assessment ?? null,
    note: text('note'),
    action: text('action'),
  });
  const radio = (value: Assessment) => (
    <label>
      <input
        type="radio"
        name={`assess-${step.stepId}`}
        checked={(pending ?? stored?.assessment) === value}
        disabled={readOnly}
        onChange={() => {
          setPending(value);
          save({ ...current(), assessment: value });
        }}
      />{' '}
      {t(`monitoring.${value}`)}
    </label>
  );
  return (
    <tr data-testid={`monitor-row-${step.no}`}>
      <td>{step.no}.</td>
      <td>{step.activity || '—'}</td>
      <td>
        <div className="lc-radio" role="radiogroup" aria-label={t('monitoring.assessment')}>
          {radio('good')}
          {radio('poor')}
        </div>
      </td>
      {(['note', 'action'] as const).map((f) => (
        <td key={f}>
          <textarea
            className="textarea"
            aria-label={`${t(`monitoring.${f}`)} ${step.no}`}
            value={text(f)}
            readOnly={readOnly}
            onChange={(e) => {
              edits.current++;
              const value = e.target.value;
              setTyped((d) => ({ ...d, [f]: value }));
            }}
            onBlur={() => {
              if (Object.keys(typed).length > 0) save(current());
            }}
          />
        </td>
      ))}
      <td>
        {stored?.checkedBy?.name ?? ''}
        {error && <p className="field-error">{error}</p>}
      </td>
    </tr>
  );
}

/** Filling one monitoring record together (SOP AP §3 columns), live for everyone in it. */
export function MonitoringDialog({
  sopId,
  recordId,
  onClose,
}: {
  sopId: string;
  recordId: string;
  onClose: () => void;
}) {
  const { t } = useTranslation('lifecycle');
  const { rec, stored, error } = useLiveRecord(sopId, recordId);
  const [closeError, setCloseError] = useState<string | null>(null);
  return (
    <DialogShell
      open
      onOpenChange={(o) => !o && onClose()}
      title={t('monitoring.record', { date: rec?.createdAt.slice(0, 10) ?? '' })}
      description={t('monitoring.live')}
      closeLabel={t('monitoring.dialogClose')}
      className="lc-wide"
      testId="monitoring-dialog"
    >
      <div className="lc-dialog-body">
        {error && <p className="form-message form-message-error">{error}</p>}
        {rec && (
          <table className="lc-table">
            <thead>
              <tr>
                <th>{t('monitoring.no')}</th>
                <th className="lc-col-proc">{t('monitoring.procedure')}</th>
                <th>{t('monitoring.assessment')}</th>
                <th className="lc-col-text">{t('monitoring.note')}</th>
                <th className="lc-col-text">{t('monitoring.action')}</th>
                <th>{t('monitoring.checkedBy')}</th>
              </tr>
            </thead>
            <tbody>
              {rec.steps.map((s) => (
                <Row key={s.stepId} sopId={sopId} rec={rec} step={s} onStored={stored} />
              ))}
            </tbody>
          </table>
        )}
        {closeError && (
          <p className="form-message form-message-error" role="alert">
            {closeError}
          </p>
        )}
        <div className="lc-actions">
          {rec?.status === 'open' && (
            <button
              type="button"
              className="btn btn-primary"
              onClick={async () => {
                setCloseError(null);
                try {
                  stored(await closeMonitoring(sopId, recordId));
                } catch (e) {
                  setCloseError(errorText(e));
                }
              }}
            >
              {t('monitoring.close')}
            </button>
          )}
          <a
            className="btn"
            href={`/sop/${encodeURIComponent(sopId)}/print?monitoring=${encodeURIComponent(recordId)}`}
          >
            {t('monitoring.print')}
          </a>
        </div>
      </div>
    </DialogShell>
  );
}
