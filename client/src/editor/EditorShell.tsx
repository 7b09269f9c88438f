import { Printer } from 'lucide-react';
import { type KeyboardEvent, useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { userColour } from '../../../shared/access/userColour';
import type { Author } from '../../../shared/discussion/index';
import { useUser } from '../auth/AuthContext';
import { AppHeader } from '../components/AppHeader';
import { CommentsContext } from '../discussion/CommentsContext';
import { useDiscussion } from '../discussion/hooks';
import { getUserId } from '../discussion/userId';
import { HistoryButton } from '../history/HistoryButton';
import type { CommandError } from '../lib/commands';
import { getUserColor, getUserName } from '../lib/prefs';
import { ShareButton } from '../sharing/ShareButton';
import type { EditorAccess } from './access/accessStore';
import { AccessContext, commandErrorText, RoleBadge, useAccessT } from './access/useEditorAccess';
import { ActorsPanel } from './actors/ActorsPanel';
import type { CollabSession } from './collab/CollabSession';
import { CommentsToggle, EditorCommentPanel } from './comments/EditorComments';
import { useEditorComments } from './comments/useEditorComments';
import { FlowchartPanel } from './FlowchartPanel';
import { IdentityForm } from './identity/IdentityForm';
import { useDerived } from './model/derived';
import { SopContext } from './model/hooks';
import { ProblemsContext, ProblemsStore } from './model/problemsStore';
import { NarrativeSections } from './narrative/NarrativeSections';
import { PresenceAvatars } from './presence/PresenceAvatars';
import { PresenceStore } from './presence/presenceStore';
import { PresenceContext } from './presence/usePresence';
import { ProcedureTable } from './procedure/ProcedureTable';
import {
  EditorReviewProvider,
  ReviewHeaderActions,
  ReviewNavTools,
  ReviewOverlays,
} from './review/ReviewMount';
import { useEditorReview } from './review/useEditorReview';
import { ConnectionStatus, SavedStatus, UndoRedoButtons } from './StatusIndicators';
import { SelectionContext, SelectionStore } from './selection';
import { ProblemsButton, TitleAndProblems } from './TitleBar';

/**
 * The editor once the document is there: header with state and presence, then
 * the sections. The author is the signed-in account (guests: their guest name);
 * what the user may do comes from `access` (the server's rules, mirrored).
 */
export function EditorShell({
  session,
  access,
  notify,
}: {
  session: CollabSession;
  access: EditorAccess;
  /** Shows a toast (failed commands). */
  notify: (text: string) => void;
}) {
  const { t } = useTranslation();
  const { t: ta } = useAccessT();
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
  const account = useUser();
  // The account's colour: the same on every device and on what the server stamps.
  const color = useMemo(() => (account ? userColour(account.id) : getUserColor()), [account]);
  // Without an account (only before sign-in exists) the old per-browser identity stays.
  const displayName = account?.name ?? getUserName() ?? t('presence.anonymous');
  const userId = account?.id ?? null;
  const user = useMemo<Author>(
    () => ({ id: userId ?? getUserId(), name: displayName, colour: color }),
    [userId, displayName, color],
  );
  const profile = useMemo(
    () => (account ? { name: account.name, title: account.title, nip: account.nip } : undefined),
    [account],
  );
  const onCommandError = useCallback(
    (e: CommandError) => notify(commandErrorText(ta, e)),
    [notify, ta],
  );
  const can = access.can;
  // Viewers and commenters never edit this SOP: its structural buttons go away
  // (an approved SOP only disables them: a revision brings them back).
  const roleReadOnly = access.known && access.role !== 'owner' && access.role !== 'editor';
  // The SOP's discussion document (comments, review sessions): its own room, read
  // only; changes are commands to the server. Editors report deleted steps' texts.
  const { session: talk } = useDiscussion(session.id, {
    sop: can.edit ? sop : null,
    onError: onCommandError,
  });
  const comments = useEditorComments(talk?.discussion ?? null, can.comment);
  // review: sessions, versions, workflow status and the read-only lock (same discussion session).
  const review = useEditorReview(session, talk, user, can, profile);

  useEffect(() => presence?.setUser(displayName, color), [presence, displayName, color]);
  useEffect(() => problemsStore.set(derived.problems), [problemsStore, derived.problems]);

  // Undo/redo of table and identity edits: this user's changes only (the model's
  // undo manager tracks the local origin). TipTap handles its own text.
  function onKeyDown(e: KeyboardEvent<HTMLDivElement>) {
    if (!(e.ctrlKey || e.metaKey) || e.altKey) return;
    const target = e.target as HTMLElement;
    // TipTap has its own undo; a comment box undoes its own typing, not the SOP.
    if (target.closest('.ProseMirror, .dc-panel')) return;
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
    <AccessContext.Provider value={access}>
      <SopContext.Provider value={sop}>
        <PresenceContext.Provider value={presence}>
          <ProblemsContext.Provider value={problemsStore}>
            <SelectionContext.Provider value={selection}>
              <CommentsContext.Provider value={comments.context}>
                <EditorReviewProvider review={review}>
                  {/* biome-ignore lint/a11y/noStaticElementInteractions: keyboard shortcuts for the whole editor */}
                  <div
                    className="editor"
                    onKeyDown={onKeyDown}
                    data-role={access.role ?? undefined}
                    data-read-only-role={roleReadOnly ? 'true' : undefined}
                  >
                    <AppHeader
                      actions={
                        <>
                          {!roleReadOnly && <UndoRedoButtons session={session} />}
                          <ReviewHeaderActions review={review} sopId={session.id} />
                          <CommentsToggle
                            discussion={talk?.discussion ?? null}
                            open={comments.open}
                            onToggle={comments.toggle}
                          />
                          <Link
                            href={`/sop/${encodeURIComponent(session.id)}/print`}
                            className="btn btn-ghost"
                            aria-label={t('editor.print')}
                          >
                            <Printer aria-hidden />
                          </Link>
                          <HistoryButton sopId={session.id} />
                          <ShareButton sopId={session.id} />
                        </>
                      }
                    >
                      <TitleAndProblems />
                      <div className="header-status">
                        <ConnectionStatus session={session} />
                        <SavedStatus session={session} />
                        <PresenceAvatars selfName={displayName} selfColor={color} />
                      </div>
                    </AppHeader>
                    <nav className="section-nav" aria-label={t('editor.sections')}>
                      <a href="#identity">{t('identity.title')}</a>
                      <a href="#actors">{t('actors.title')}</a>
                      <a href="#procedure">{t('steps.title')}</a>
                      <a href="#flowchart">{t('flowchart.title')}</a>
                      <a href="#narrative">{t('narrative.title')}</a>
                      <div className="section-nav-tools">
                        <RoleBadge access={access} />
                        <ProblemsButton problems={derived.problems} />
                        <ReviewNavTools review={review} />
                      </div>
                    </nav>
                    <ReviewOverlays review={review} />
                    <div className="editor-body">
                      <main id="main" className="editor-main">
                        <IdentityForm />
                        <ActorsPanel />
                        <ProcedureTable snapshot={derived.snapshot} />
                        <FlowchartPanel snapshot={derived.snapshot} />
                        <NarrativeSections
                          session={session}
                          userName={displayName}
                          userColor={color}
                        />
                      </main>
                      {comments.open && talk && (
                        <EditorCommentPanel
                          discussion={talk.discussion}
                          send={talk.send}
                          canComment={can.comment}
                          comments={comments}
                          sop={sop}
                          snapshot={derived.snapshot}
                          user={user}
                        />
                      )}
                    </div>
                  </div>
                </EditorReviewProvider>
              </CommentsContext.Provider>
            </SelectionContext.Provider>
          </ProblemsContext.Provider>
        </PresenceContext.Provider>
      </SopContext.Provider>
    </AccessContext.Provider>
  );
}
