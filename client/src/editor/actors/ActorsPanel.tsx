import { ModelError } from '@shared/model/index';
import type { Actor } from '@shared/model/types';
import { ArrowLeft, ArrowRight, Plus, Trash2, Users } from 'lucide-react';
import { memo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { IconButton } from '../../components/IconButton';
import { useEditLocked } from '../../review/editLock';
import { YTextField } from '../binding/YTextField';
import { useActors, useSop } from '../model/hooks';
import { RemoveActorDialog } from './RemoveActorDialog';

/** Pelaksana: the swimlane columns. Add, rename (live), reorder, remove (with reassignment). */
export const ActorsPanel = memo(function ActorsPanel() {
  const { t } = useTranslation();
  const sop = useSop();
  const actors = useActors();
  const locked = useEditLocked();
  const listRef = useRef<HTMLOListElement>(null);
  const [removing, setRemoving] = useState<{ actor: Actor; stepIds: string[] } | null>(null);

  function add() {
    sop.actors.add(t('actors.newName'));
    requestAnimationFrame(() => {
      const inputs = listRef.current?.querySelectorAll<HTMLInputElement>('input');
      const last = inputs?.[inputs.length - 1];
      last?.focus();
      last?.select();
    });
  }

  function remove(actor: Actor) {
    try {
      sop.actors.delete(actor.id);
    } catch (e) {
      if (e instanceof ModelError && e.code === 'actor-in-use') {
        const stepIds = (e.details.stepIds as string[] | undefined) ?? [];
        setRemoving({ actor, stepIds });
      } else {
        throw e;
      }
    }
  }

  return (
    <section id="actors" className="editor-section card" aria-labelledby="actors-title">
      <div className="section-head">
        <h2 id="actors-title" className="section-title">
          <Users aria-hidden />
          {t('actors.title')}
        </h2>
        <p className="section-hint">{t('actors.hint')}</p>
        <button
          type="button"
          className="btn"
          onClick={add}
          disabled={locked}
          data-testid="add-actor"
        >
          <Plus aria-hidden />
          {t('actors.add')}
        </button>
      </div>
      {actors.length === 0 ? (
        <p className="list-box-empty">{t('actors.empty')}</p>
      ) : (
        <ol className="actor-list" ref={listRef}>
          {actors.map((a, i) => {
            const prev = actors[i - 1];
            const next = actors[i + 1];
            const name = a.name.trim() || `#${i + 1}`;
            return (
              <li key={a.id} className="actor-chip" data-testid="actor-item">
                <span className="actor-n" aria-hidden>
                  {i + 1}
                </span>
                <YTextField
                  ytext={sop.actors.nameText(a.id)}
                  label={t('actors.name', { n: i + 1 })}
                  presenceKey={`actor.${a.id}`}
                  hideLabel
                  className="actor-field"
                />
                <IconButton
                  size="sm"
                  label={t('actors.moveLeft', { name })}
                  icon={<ArrowLeft />}
                  disabled={locked || !prev}
                  onClick={() => prev && sop.actors.move(a.id, { before: prev.id })}
                />
                <IconButton
                  size="sm"
                  label={t('actors.moveRight', { name })}
                  icon={<ArrowRight />}
                  disabled={locked || !next}
                  onClick={() => next && sop.actors.move(a.id, { after: next.id })}
                />
                <IconButton
                  size="sm"
                  label={t('actors.remove', { name })}
                  icon={<Trash2 />}
                  disabled={locked}
                  onClick={() => remove(a)}
                />
              </li>
            );
          })}
        </ol>
      )}
      {removing && (
        <RemoveActorDialog
          actor={removing.actor}
          stepCount={removing.stepIds.length}
          others={actors.filter((a) => a.id !== removing.actor.id)}
          onCancel={() => setRemoving(null)}
          onConfirm={(reassignTo) => {
            // A reassignment to "nobody" clears the steps' actor first, then deletes.
            sop.transact(() => {
              if (reassignTo) {
                sop.actors.delete(removing.actor.id, { reassignTo });
              } else {
                for (const s of sop.steps.list())
                  if (s.actorId === removing.actor.id) sop.steps.setActor(s.id, null);
                sop.actors.delete(removing.actor.id);
              }
            });
            setRemoving(null);
          }}
        />
      )}
    </section>
  );
});
