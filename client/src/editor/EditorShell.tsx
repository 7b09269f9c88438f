import { Printer } from 'lucide-react';
import { type KeyboardEvent, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { AppHeader } from '../components/AppHeader';
import { getUserColor, getUserName, setUserName } from '../lib/prefs';
import { ActorsPanel } from './actors/ActorsPanel';
import type { CollabSession } from './collab/CollabSession';
import { FlowchartPanel } from './FlowchartPanel';
import { IdentityForm } from './identity/IdentityForm';
import { useDerived } from './model/derived';
import { SopContext } from './model/hooks';
import { ProblemsContext, ProblemsStore } from './model/problemsStore';
import { NarrativeSections } from './narrative/NarrativeSections';
import { NameDialog } from './presence/NameDialog';
import { PresenceAvatars } from './presence/PresenceAvatars';
import { PresenceStore } from './presence/presenceStore';
import { PresenceContext } from './presence/usePresence';
import { ProcedureTable } from './procedure/ProcedureTable';
import { ConnectionStatus, SavedStatus, UndoRedoButtons } from './StatusIndicators';
import { SelectionContext, SelectionStore } from './selection';
import { ProblemsButton, StatusMenu, TitleAndProblems } from './TitleBar';

/** The editor once the document is there: header with state and presence, then the sections. */
export function EditorShell({ session }: { session: CollabSession }) {
  const { t } = useTranslation();
  const { sop, undo } = session;
  // Created in an effect (not useMemo): StrictMode runs effect cleanups once on
  // mount, which would leave a memoized store destroyed and deaf to awareness.
  const [presence, setPresence] = useState<PresenceStore | null>(null);
  useEffect(() => {
    const store = new PresenceStore(session.awareness);
    setPresence(store);
    return () => store.destroy();
  }, [session]);
  const problemsStore = useMemo(() => new ProblemsStore(), []);
  const selection = useMemo(() => new SelectionStore(), []);
  const derived = useDerived(sop);
  const [userName, setName] = useState(() => getUserName());
  const [askName, setAskName] = useState(() => getUserName() === null);
  const color = useMemo(() => getUserColor(), []);
  const displayName = userName ?? t('presence.anonymous');

  useEffect(() => presence?.setUser(displayName, color), [presence, displayName, color]);
  useEffect(() => problemsStore.set(derived.problems), [problemsStore, derived.problems]);

  // Undo/redo of table and identity edits: this user's changes only (the model's
  // undo manager tracks the local origin). TipTap handles its own text.
  function onKeyDown(e: KeyboardEvent<HTMLDivElement>) {
    if (!(e.ctrlKey || e.metaKey) || e.altKey) return;
    const target = e.target as HTMLElement;
    if (target.closest('.ProseMirror')) return;
    const key = e.key.toLowerCase();
    if (key === 'z' && !e.shiftKey) {
      e.preventDefault();
      undo.undo();
    } else if ((key === 'z' && e.shiftKey) || key === 'y') {
      e.preventDefault();
      undo.redo();
    }
  }

  return (
    <SopContext.Provider value={sop}>
      <PresenceContext.Provider value={presence}>
        <ProblemsContext.Provider value={problemsStore}>
          <SelectionContext.Provider value={selection}>
            {/* biome-ignore lint/a11y/noStaticElementInteractions: keyboard shortcuts for the whole editor */}
            <div className="editor" onKeyDown={onKeyDown}>
              <AppHeader
                actions={
                  <>
                    <UndoRedoButtons session={session} />
                    <Link
                      href={`/sop/${encodeURIComponent(session.id)}/print`}
                      className="btn btn-ghost"
                      aria-label={t('editor.print')}
                    >
                      <Printer aria-hidden />
                    </Link>
                  </>
                }
              >
                <TitleAndProblems />
                <div className="header-status">
                  <ConnectionStatus session={session} />
                  <SavedStatus session={session} />
                  <PresenceAvatars
                    selfName={displayName}
                    selfColor={color}
                    onEditSelf={() => setAskName(true)}
                  />
                </div>
              </AppHeader>
              <nav className="section-nav" aria-label={t('editor.sections')}>
                <a href="#identity">{t('identity.title')}</a>
                <a href="#actors">{t('actors.title')}</a>
                <a href="#procedure">{t('steps.title')}</a>
                <a href="#flowchart">{t('flowchart.title')}</a>
                <a href="#narrative">{t('narrative.title')}</a>
                <div className="section-nav-tools">
                  <ProblemsButton problems={derived.problems} />
                  <StatusMenu />
                </div>
              </nav>
              <main id="main" className="editor-main">
                <IdentityForm />
                <ActorsPanel />
                <ProcedureTable snapshot={derived.snapshot} />
                <FlowchartPanel snapshot={derived.snapshot} />
                <NarrativeSections session={session} userName={displayName} userColor={color} />
              </main>
              <NameDialog
                open={askName}
                initial={userName ?? ''}
                onOpenChange={(o) => {
                  // Closing without a name keeps the guest name; the dialog comes back next visit.
                  if (!o) setAskName(false);
                }}
                onSave={(name) => {
                  setUserName(name);
                  setName(name);
                  setAskName(false);
                }}
              />
            </div>
          </SelectionContext.Provider>
        </ProblemsContext.Provider>
      </PresenceContext.Provider>
    </SopContext.Provider>
  );
}
