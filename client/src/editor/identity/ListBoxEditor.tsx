import type { ListBox } from '@shared/model/index';
import type { RelatedSopType } from '@shared/model/types';
import { ArrowDown, ArrowUp, Plus, X } from 'lucide-react';
import { memo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { IconButton } from '../../components/IconButton';
import { ConnectedCommentButton } from '../../discussion/CommentsContext';
import { LinkedTarget, LinkPicker, useRelatedLinks } from '../../lifecycle/RelatedLinks';
import { useEditLocked } from '../../review/editLock';
import { IdentitySuggest } from '../../suggestions/IdentitySuggest';
import { YTextField } from '../binding/YTextField';
import { useListItems, useSop } from '../model/hooks';

const RELATED_TYPES: RelatedSopType[] = ['follow-on', 'prerequisite', 'related', 'part-of'];

/**
 * One identity list box (Dasar Hukum, Keterkaitan, ...): add, edit, reorder, remove items.
 * Keterkaitan with `sopId` (issue 17): items can link to SOPs in Susun (picked by number or
 * name), shown with the target's status and a flag when it changed.
 */
export const ListBoxEditor = memo(function ListBoxEditor({
  box,
  sopId,
}: {
  box: ListBox;
  sopId?: string | undefined;
}) {
  const { t } = useTranslation();
  const sop = useSop();
  const api = sop.identity.list(box);
  const items = useListItems(box);
  const locked = useEditLocked();
  const listRef = useRef<HTMLOListElement>(null);
  const title = t(`identity.${box}`);
  const linking = box === 'relatedSops' && sopId ? sopId : undefined;
  const links = useRelatedLinks(
    linking,
    linking ? items.map((i) => `${i.id}:${i.sopId ?? ''}:${i.type ?? ''}`).join(',') : '',
  );

  function add() {
    api.add('');
    // Focus the new item once React has rendered it.
    requestAnimationFrame(() => {
      const inputs = listRef.current?.querySelectorAll<HTMLElement>('input, textarea');
      inputs?.[inputs.length - 1]?.focus();
    });
  }

  return (
    <section className="list-box" aria-labelledby={`lb-${box}`} data-identity-field={box}>
      <div className="list-box-head">
        <h3 id={`lb-${box}`} className="list-box-title">
          {title}
        </h3>
        <ConnectedCommentButton
          anchor={{ kind: 'identity', field: box }}
          className="list-box-comment"
        />
        <IdentitySuggest field={box} part="button" />
        {linking && <LinkPicker sopId={linking} disabled={locked} onLinked={links.reload} />}
        <button type="button" className="btn btn-sm btn-ghost" onClick={add} disabled={locked}>
          <Plus aria-hidden />
          {t('identity.addItem')}
        </button>
      </div>
      {items.length === 0 ? (
        <p className="list-box-empty">{t('identity.emptyList')}</p>
      ) : (
        <ol className="list-box-items" ref={listRef}>
          {items.map((item, i) => {
            const n = i + 1;
            const prev = items[i - 1];
            const next = items[i + 1];
            return (
              <li key={item.id} className="list-box-item">
                <span className="list-box-n" aria-hidden>
                  {n}.
                </span>
                {box === 'relatedSops' && (
                  <select
                    className="select select-compact"
                    aria-label={t('identity.relatedType', { n })}
                    value={item.type ?? 'related'}
                    disabled={locked}
                    onChange={(e) => api.setType(item.id, e.target.value as RelatedSopType)}
                  >
                    {RELATED_TYPES.map((rt) => (
                      <option key={rt} value={rt}>
                        {t(`identity.relatedTypes.${rt}`)}
                      </option>
                    ))}
                  </select>
                )}
                <YTextField
                  ytext={api.text(item.id)}
                  label={t('identity.item', { n, list: title })}
                  presenceKey={`list.${box}.${item.id}`}
                  hideLabel
                  multiline
                  className="list-box-field"
                />
                <div className="list-box-actions">
                  <IconButton
                    size="sm"
                    label={t('identity.moveUp', { n })}
                    icon={<ArrowUp />}
                    disabled={locked || !prev}
                    onClick={() => prev && api.move(item.id, { before: prev.id })}
                  />
                  <IconButton
                    size="sm"
                    label={t('identity.moveDown', { n })}
                    icon={<ArrowDown />}
                    disabled={locked || !next}
                    onClick={() => next && api.move(item.id, { after: next.id })}
                  />
                  <IconButton
                    size="sm"
                    label={t('identity.removeItem', { n })}
                    icon={<X />}
                    disabled={locked}
                    onClick={() => api.remove(item.id)}
                  />
                </div>
                {linking && item.sopId && (
                  <LinkedTarget
                    view={
                      links.data?.find((l) => l.itemId === item.id) ?? {
                        itemId: item.id,
                        type: item.type ?? 'related',
                        text: '',
                        targetId: item.sopId,
                        target: null,
                        flags: [],
                      }
                    }
                    sopId={linking}
                    canEdit
                    onChanged={links.reload}
                  />
                )}
              </li>
            );
          })}
        </ol>
      )}
      {/* suggestion mode (issue 16) */}
      <IdentitySuggest field={box} part="list" />
    </section>
  );
});
