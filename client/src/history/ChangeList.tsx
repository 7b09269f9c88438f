import type { DiffPart } from '@shared/model/diff';
import { displaySafe } from '@shared/model/index';
import type { ReactNode } from 'react';
import { sectionTitle } from './changeText';
import { type CompareT, useCompareT } from './compareI18n';
import type { ChangeItem, CompareModel } from './compareModel';
import { FieldChanges, sideNames } from './DiffCells';
import { WordDiff } from './WordDiff';

/** Items of a list box as a diff: removed ones struck, added ones underlined. */
function ListParts({ parts, t }: { parts: readonly DiffPart[]; t: CompareT }) {
  return (
    <ul className="diff-list-items">
      {parts.map((p, i) => {
        const text = displaySafe(p.text) || t('change.empty');
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: items of a fixed diff, never reordered
          <li key={i} className={`diff-list-${p.op}`}>
            {p.op === 'del' ? <del>{text}</del> : p.op === 'ins' ? <ins>{text}</ins> : text}
          </li>
        );
      })}
    </ul>
  );
}

/** The heading of one change ("Langkah 3 diubah", "Identitas: Nama SOP", ...). */
export function itemTitle(t: CompareT, item: ChangeItem, lang: string): string {
  switch (item.kind) {
    case 'identity':
      return t('change.identity', { field: t(`identityField.${item.change.field}`) });
    case 'actor':
      return item.change === 'added'
        ? t('change.actorAdded', { name: item.name })
        : item.change === 'removed'
          ? t('change.actorRemoved', { name: item.name })
          : item.change === 'moved'
            ? t('change.actorMoved', { name: item.name })
            : t('change.actorRenamed');
    case 'step':
      return item.change === 'added'
        ? t('change.stepAdded', { n: item.toNo })
        : item.change === 'removed'
          ? t('change.stepRemoved', { n: item.fromNo })
          : item.change === 'moved'
            ? t('change.stepMoved', { from: item.fromNo, to: item.toNo })
            : item.moved
              ? `${t('change.stepChanged', { n: item.toNo })} · ${t('change.stepMoved', { from: item.fromNo, to: item.toNo })}`
              : t('change.stepChanged', { n: item.toNo });
    case 'narrative': {
      const title = sectionTitle(item.section, lang);
      return item.change === 'added'
        ? t('change.sectionAdded', { title })
        : item.change === 'removed'
          ? t('change.sectionRemoved', { title })
          : item.change === 'moved'
            ? t('change.sectionMoved', { title })
            : t('change.sectionChanged', { title });
    }
  }
}

/** The body of one change: what the words were and are. */
export function ItemBody({ item, model }: { item: ChangeItem; model: CompareModel }): ReactNode {
  const { t } = useCompareT();
  switch (item.kind) {
    case 'identity': {
      const c = item.change;
      if (c.kind === 'text') return <WordDiff parts={c.words} empty={t('change.empty')} />;
      if (c.kind === 'list') return <ListParts parts={c.items} t={t} />;
      // Keterkaitan: "type: text" labels, the type in words
      const label = (s: string) => {
        const at = s.indexOf(': ');
        const type = s.slice(0, at);
        return `${t(`value.related.${type}`, { defaultValue: type })}: ${s.slice(at + 2)}`;
      };
      return <ListParts parts={c.items.map((p) => ({ ...p, text: label(p.text) }))} t={t} />;
    }
    case 'actor':
      return item.rename ? <WordDiff parts={item.rename.words} /> : null;
    case 'step': {
      if (item.change === 'changed') {
        const before = model.from.steps.find((s) => s.id === item.id);
        if (!before) return null;
        return (
          <FieldChanges
            fields={item.fields}
            before={before}
            after={item.step}
            names={sideNames(model)}
          />
        );
      }
      const text = displaySafe(item.step.activity) || t('change.empty');
      return (
        <p className="diff-item-text">
          {item.change === 'removed' ? (
            <del>{text}</del>
          ) : item.change === 'added' ? (
            <ins>{text}</ins>
          ) : (
            text
          )}
        </p>
      );
    }
    case 'narrative':
      if (item.change !== 'changed') return null;
      if (item.words?.every((w) => w.op === 'eq'))
        return <p className="diff-item-text">{t('change.formatOnly')}</p>;
      return (
        <p className="diff-item-text diff-narrative">
          <WordDiff parts={item.words} empty={t('change.empty')} />
        </p>
      );
  }
}

/**
 * The list of changes (daftar perubahan): one entry per change, in the order the SOP
 * reads. With `onSelect`, entries are buttons (the editor steps through them).
 */
export function ChangeList({
  model,
  index,
  onSelect,
}: {
  model: CompareModel;
  index?: number;
  onSelect?: (i: number) => void;
}) {
  const { t, i18n } = useCompareT();
  if (model.items.length === 0) return <p className="diff-none">{t('change.none')}</p>;
  return (
    <ol className="change-list" data-testid="change-list">
      {model.items.map((item, i) => {
        const title = itemTitle(t, item, i18n.language);
        const current = index === i;
        return (
          <li
            key={item.key}
            className={`change-item change-${item.kind} change-${item.change}${current ? ' is-current' : ''}`}
            data-testid="change-item"
            data-item-key={item.key}
            data-kind={item.kind}
            data-change={item.change}
            aria-current={current ? 'true' : undefined}
          >
            {onSelect ? (
              <button type="button" className="change-item-title" onClick={() => onSelect(i)}>
                {title}
              </button>
            ) : (
              <span className="change-item-title">{title}</span>
            )}
            <div className="change-item-body">
              <ItemBody item={item} model={model} />
            </div>
          </li>
        );
      })}
    </ol>
  );
}
