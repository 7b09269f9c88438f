/**
 * Stage 2, activities: typed one per line (Enter adds the next), or pasted as lines or a
 * table from Word/Excel; then each step's pelaksana (a new name creates one on the
 * fly), kind and Ya/Tidak targets. Kelengkapan, waktu and output are in the procedure
 * table shown under this stage.
 */
import { applyPasted, assignActorByName, parsePasted } from '@shared/guided/index';
import { STEP_KINDS } from '@shared/model/index';
import type { Step, StepKind } from '@shared/model/types';
import { type ClipboardEvent, type KeyboardEvent, useId, useMemo, useRef, useState } from 'react';
import { useEditLocked } from '../review/editLock';
import { useGuidedT } from './i18n';
import type { GuidedApi } from './useGuided';

export function StageActivities({ api }: { api: GuidedApi }) {
  const { t } = useGuidedT();
  const { sop } = api.deps;
  const locked = useEditLocked() || !api.canEdit;
  const [line, setLine] = useState('');
  const [pasted, setPasted] = useState('');
  const rows = useMemo(() => parsePasted(pasted), [pasted]);
  const quickRef = useRef<HTMLInputElement>(null);

  const addLine = () => {
    const r = parsePasted(line);
    if (r.length === 0) return;
    applyPasted(sop, r);
    setLine('');
    quickRef.current?.focus();
  };
  const onQuickKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter' && !e.nativeEvent.isComposing) {
      e.preventDefault();
      addLine();
    }
  };
  // Several lines pasted into the one-line box go to the paste box's logic at once.
  const onQuickPaste = (e: ClipboardEvent<HTMLInputElement>) => {
    const text = e.clipboardData.getData('text/plain');
    if (!text.includes('\n')) return;
    e.preventDefault();
    const r = parsePasted(text);
    if (r.length) {
      applyPasted(sop, r);
      api.deps.notify(t('activities.added', { count: r.length }));
    }
  };
  const addPasted = () => {
    if (rows.length === 0) return;
    applyPasted(sop, rows);
    api.deps.notify(t('activities.added', { count: rows.length }));
    setPasted('');
  };
  const onPasteKey = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      addPasted();
    }
  };

  return (
    <div className="guided-stage-body guided-activities">
      <div className="guided-entry">
        <div className="field">
          <label className="field-label" htmlFor="guided-quick">
            {t('activities.quick')}
          </label>
          <p className="muted">{t('activities.quickHint')}</p>
          <input
            id="guided-quick"
            ref={quickRef}
            className="input guided-quick"
            value={line}
            disabled={locked}
            onChange={(e) => setLine(e.target.value)}
            onKeyDown={onQuickKey}
            onPaste={onQuickPaste}
            placeholder={t('activities.quickPlaceholder')}
            data-testid="guided-quick"
          />
        </div>
        <div className="field">
          <label className="field-label" htmlFor="guided-paste">
            {t('activities.paste')}
          </label>
          <p className="muted">{t('activities.pasteHint')}</p>
          <textarea
            id="guided-paste"
            className="input guided-paste"
            rows={4}
            value={pasted}
            disabled={locked}
            onChange={(e) => setPasted(e.target.value)}
            onKeyDown={onPasteKey}
            placeholder={t('activities.pastePlaceholder')}
            data-testid="guided-paste"
          />
          <div className="guided-inline">
            <span className="muted" aria-live="polite" data-testid="guided-paste-preview">
              {pasted.trim()
                ? rows.length
                  ? t('activities.pastePreview', { count: rows.length })
                  : t('activities.pasteNone')
                : ''}
            </span>
            <button
              type="button"
              className="btn btn-primary"
              onClick={addPasted}
              disabled={locked || rows.length === 0}
              data-testid="guided-paste-add"
            >
              {t('activities.pasteAdd')}
            </button>
          </div>
        </div>
      </div>
      <AssignTable api={api} locked={locked} />
    </div>
  );
}

/** Each step's pelaksana, kind and decision exits, compact for the projector. */
function AssignTable({ api, locked }: { api: GuidedApi; locked: boolean }) {
  const { t } = useGuidedT();
  const { snapshot } = api.deps;
  const listId = useId();
  const steps = snapshot.steps;
  return (
    <section className="guided-assign" aria-labelledby="guided-assign-title">
      <h3 id="guided-assign-title" className="guided-h3">
        {t('activities.assign')}
      </h3>
      <p className="muted">{t('activities.assignHint')}</p>
      <datalist id={listId}>
        {snapshot.actors.map((a) => (
          <option key={a.id} value={a.name} />
        ))}
      </datalist>
      <table className="guided-assign-table" data-testid="guided-assign">
        <thead>
          <tr className="guided-assign-head">
            <th scope="col">{t('activities.no')}</th>
            <th scope="col">{t('activities.activity')}</th>
            <th scope="col">{t('activities.actor')}</th>
            <th scope="col">{t('activities.kind')}</th>
            <th scope="col">{t('activities.targets')}</th>
          </tr>
        </thead>
        <tbody>
          {steps.map((s, i) => (
            <AssignRow
              key={s.id}
              api={api}
              step={s}
              n={i + 1}
              steps={steps}
              listId={listId}
              locked={locked}
              actorName={snapshot.actors.find((a) => a.id === s.actorId)?.name ?? ''}
            />
          ))}
        </tbody>
      </table>
    </section>
  );
}

function AssignRow({
  api,
  step,
  n,
  steps,
  listId,
  locked,
  actorName,
}: {
  api: GuidedApi;
  step: Step;
  n: number;
  steps: readonly Step[];
  listId: string;
  locked: boolean;
  actorName: string;
}) {
  const { t } = useGuidedT();
  const { sop } = api.deps;
  const [draft, setDraft] = useState<string | null>(null);
  const commit = (value: string) => {
    setDraft(null);
    if (value.trim().toLowerCase() === actorName.trim().toLowerCase()) return;
    assignActorByName(sop, step.id, value);
  };
  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter' && !e.nativeEvent.isComposing) {
      e.preventDefault();
      commit(e.currentTarget.value);
      // Enter moves down to the next step's pelaksana, as in a spreadsheet.
      const rows = e.currentTarget
        .closest('tbody')
        ?.querySelectorAll<HTMLInputElement>('input[data-testid="guided-actor"]');
      const list = rows ? [...rows] : [];
      list[list.indexOf(e.currentTarget) + 1]?.focus();
    } else if (e.key === 'Escape') setDraft(null);
  };
  const target = (branch: 'yes' | 'no') => (
    <select
      className="input guided-target"
      aria-label={t(branch === 'yes' ? 'activities.yesOf' : 'activities.noOf', { n })}
      value={step[branch] ?? ''}
      disabled={locked}
      onChange={(e) => sop.steps.setTargets(step.id, { [branch]: e.target.value || null })}
      data-testid={`guided-${branch}`}
    >
      <option value="">{t('activities.none')}</option>
      {steps.map((o, j) =>
        o.id === step.id ? null : (
          <option key={o.id} value={o.id}>
            {j + 1}. {o.activity.slice(0, 40)}
          </option>
        ),
      )}
    </select>
  );
  return (
    <tr data-testid="guided-step" data-step-id={step.id} data-kind={step.kind}>
      <td className="guided-n">{n}</td>
      <td className="guided-activity">{step.activity}</td>
      <td>
        <input
          className="input"
          list={listId}
          value={draft ?? actorName}
          disabled={locked}
          aria-label={t('activities.actorOf', { n })}
          onChange={(e) => setDraft(e.target.value)}
          onKeyDown={onKey}
          onBlur={(e) => draft !== null && commit(e.currentTarget.value)}
          data-testid="guided-actor"
        />
      </td>
      <td>
        <select
          className="input"
          aria-label={t('activities.kindOf', { n })}
          value={step.kind}
          disabled={locked}
          onChange={(e) => sop.steps.setKind(step.id, e.target.value as StepKind)}
          data-testid="guided-kind"
        >
          {STEP_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`activities.kinds.${k}`)}
            </option>
          ))}
        </select>
      </td>
      <td>
        {step.kind === 'decision' ? (
          <div className="guided-targets">
            {target('yes')}
            {target('no')}
          </div>
        ) : null}
      </td>
    </tr>
  );
}
