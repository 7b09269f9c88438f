import { FileText } from 'lucide-react';
import { type CSSProperties, lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorBoundary } from '../../components/ErrorBoundary';
import { WhenVisible } from '../../components/WhenVisible';
import type { CollabSession } from '../collab/CollabSession';
import { useNarrativeKeys, useSop } from '../model/hooks';
import { usePeersOnField, usePresenceStore } from '../presence/usePresence';

// TipTap and ProseMirror are the biggest dependency: load them after the table is usable.
const NarrativeEditor = lazy(() => import('./NarrativeEditor'));

/** Narrative sections (Tujuan, Ruang Lingkup, ...), each a collaborative TipTap editor. */
export function NarrativeSections({
  session,
  userName,
  userColor,
}: {
  session: CollabSession;
  userName: string;
  userColor: string;
}) {
  const { t } = useTranslation();
  const keys = useNarrativeKeys();
  return (
    <section id="narrative" className="editor-section card" aria-labelledby="narrative-title">
      <h2 id="narrative-title" className="section-title">
        <FileText aria-hidden />
        {t('narrative.title')}
      </h2>
      <div className="narrative-grid">
        {keys.map((key) => (
          <NarrativeSection
            key={key}
            sectionKey={key}
            session={session}
            userName={userName}
            userColor={userColor}
          />
        ))}
      </div>
    </section>
  );
}

function NarrativeSection({
  sectionKey,
  session,
  userName,
  userColor,
}: {
  sectionKey: string;
  session: CollabSession;
  userName: string;
  userColor: string;
}) {
  const { t } = useTranslation();
  const sop = useSop();
  const presence = usePresenceStore();
  const peers = usePeersOnField(`narrative.${sectionKey}`);
  const title = t(`narrative.sections.${sectionKey}`, { defaultValue: sectionKey });
  const peer = peers[0];
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: focus events bubble from the editor inside (presence only)
    <div
      className={`narrative-section${peer ? ' has-peer' : ''}`}
      style={peer ? ({ '--peer-color': peer.color } as CSSProperties) : undefined}
      onFocus={() => presence?.setFocus({ stepId: null, field: `narrative.${sectionKey}` })}
      onBlur={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) presence?.setFocus(null);
      }}
    >
      <h3 className="narrative-title" id={`narr-${sectionKey}`}>
        {title}
        {peer && <span className="peer-tag">{peer.name}</span>}
      </h3>
      <ErrorBoundary fallback={<p className="form-error">{t('narrative.loadError')}</p>}>
        <WhenVisible
          placeholder={<div className="narrative-loading">{t('narrative.loading')}</div>}
        >
          <Suspense fallback={<div className="narrative-loading">{t('narrative.loading')}</div>}>
            <NarrativeEditor
              fragment={sop.narrative.fragment(sectionKey)}
              provider={session.provider}
              user={{ name: userName, color: userColor }}
              label={title}
              sectionKey={sectionKey}
            />
          </Suspense>
        </WhenVisible>
      </ErrorBoundary>
    </div>
  );
}
