import { userColour } from '@shared/access/userColour';
import type { Author } from '@shared/discussion/index';
import { type KeyboardEvent, useCallback, useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useUser } from '../auth/AuthContext';
import { CommentsContext } from '../discussion/CommentsContext';
import { EditorCommentPanel } from '../discussion/EditorComments';
import { useDiscussion } from '../discussion/hooks';
import { useEditorComments } from '../discussion/useEditorComments';
import { getUserId } from '../discussion/userId';
import { GuidedBar, GuidedStart, GuidedView, useGuided } from '../guided';
import { CompareBar } from '../history/CompareBar';
import { CompareSection } from '../history/CompareSection';
import { CommandError } from '../lib/commands';
import { getUserColor, getUserName } from '../lib/prefs';
import {
  EditorReviewProvider,
  ReviewDockedBars,
  ReviewNavTools,
  ReviewSummary,
} from '../review/ReviewMount';
import { useEditorReview } from '../review/useEditorReview';
import { SuggestionsProvider } from '../suggestions/SuggestionsContext';
import { SuggestTools } from '../suggestions/SuggestTools';
import type { EditorAccess } from './access/accessStore';
import { AccessContext, commandErrorText, RoleBadge, useAccessT } from './access/useEditorAccess';
import { ActorsPanel } from './actors/ActorsPanel';
import type { CollabSession } from './collab/CollabSession';
import { FlowchartPanel } from './FlowchartPanel';
import { EditorHeader } from './header/EditorHeader';
import { EditorToolbar } from './header/EditorToolbar';
import { IntegrityBanner } from './header/IntegrityBanner';
import { useStickyTop } from './header/useStickyTop';
import { IdentityForm } from './identity/IdentityForm';
import { useDerived } from './model/derived';
import { SopContext } from './model/hooks';
import { ProblemsContext, ProblemsStore } from './model/problemsStore';
import { NarrativeSections } from './narrative/NarrativeSections';
import { PresenceContext } from './presence/usePresence';
import { ProcedureTable } from './procedure/ProcedureTable';
import { SelectionContext, SelectionStore } from './selection';
import { ProblemsButton } from './TitleBar';

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
  // The session's own store (made and destroyed with it): there from the first
  // render, so the rows' presence hooks do not all re-render when it arrives.
  const presence = session.presence;
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
  // guided drafting meeting (issue 18): the agenda bar, the stage's focus, the record.
  const guidedError = useCallback(
    (e: unknown) =>
      e instanceof CommandError ? commandErrorText(ta, e) : e instanceof Error ? e.message : '',
    [ta],
  );
  const guided = useGuided({
    sopId: session.id,
    talk,
    sop,
    snapshot: derived.snapshot,
    can,
    user,
    notify,
    errorText: guidedError,
  });

  useEffect(
    () => presence?.setUser(displayName, color, userId),
    [presence, displayName, color, userId],
  );
  const top = useRef<HTMLDivElement>(null);
  useStickyTop(top);
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
                  {/* suggestion mode (issue 16): suggestions, and the lock while an editor suggests */}
                  <SuggestionsProvider
                    sopId={session.id}
                    sop={sop}
                    discussion={talk?.discussion ?? null}
                    user={user}
                    can={can}
                    notify={notify}
                  >
                    {/* biome-ignore lint/a11y/noStaticElementInteractions: keyboard shortcuts for the whole editor */}
                    <div
                      className="editor"
                      onKeyDown={onKeyDown}
                      data-role={access.role ?? undefined}
                      data-read-only-role={roleReadOnly ? 'true' : undefined}
                      data-guided-stage={
                        guided.session && !guided.showAll ? guided.viewStage : undefined
                      }
                    >
                      {/* One sticky block: header, section bar and the docked bars. */}
                      <div className="editor-top" ref={top}>
                        <EditorHeader
                          session={session}
                          discussion={talk?.discussion ?? null}
                          comments={comments}
                          review={review}
                          readOnly={roleReadOnly}
                          selfName={displayName}
                          selfColor={color}
                        />
                        <EditorToolbar
                          tools={
                            <>
                              <RoleBadge access={access} />
                              <ProblemsButton problems={derived.problems} />
                              <ReviewNavTools review={review} />
                              <GuidedStart api={guided} />
                              <SuggestTools />
                            </>
                          }
                        />
                        <ReviewDockedBars review={review} />
                        <GuidedBar api={guided} />
                        <CompareBar />
                        <IntegrityBanner sopId={session.id} owner={access.role === 'owner'} />
                      </div>
                      <ReviewSummary review={review} />
                      <div className="editor-body">
                        <main id="main" className="editor-main">
                          <GuidedView api={guided} />
                          <CompareSection />
                          <IdentityForm sopId={session.id} />
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
                  </SuggestionsProvider>
                </EditorReviewProvider>
              </CommentsContext.Provider>
            </SelectionContext.Provider>
          </ProblemsContext.Provider>
        </PresenceContext.Provider>
      </SopContext.Provider>
    </AccessContext.Provider>
  );
}
