import { CloseCodes, type RefusedMessage } from '@shared/protocol';
import { LoaderCircle } from 'lucide-react';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { AppHeader } from '../components/AppHeader';
import { Toast } from '../components/Toast';
import { CompareProvider } from '../history/CompareContext';
import { refusedText, useAccessT, useEditorAccess } from './access/useEditorAccess';
import { useCollabField, useCollabSession } from './collab/useCollabSession';
import { EditorShell } from './EditorShell';
import { ConnectionStatus, SavedStatus } from './StatusIndicators';
import './editor.css';
import './procedure/table.css';

/** How long to wait for the rights before showing the editor read-only anyway. */
const ACCESS_WAIT_MS = 4000;

/** `/sop/:id`: opens the SOP's collaborative session and shows the editor once content is there. */
export default function EditorPage({ id }: { id: string }) {
  const { t } = useTranslation();
  const { t: ta } = useAccessT();
  const [notice, setNotice] = useState<{ text: string; n: number } | null>(null);
  const notify = useCallback(
    (text: string) => setNotice((cur) => ({ text, n: (cur?.n ?? 0) + 1 })),
    [],
  );
  const closeNotice = useCallback(() => setNotice(null), []);
  const onRefused = useCallback((m: RefusedMessage) => notify(refusedText(ta, m)), [notify, ta]);
  const session = useCollabSession(id, onRefused);
  const closed = useCollabField(session, 'closed', null);
  const ready = useCollabField(session, 'ready', false);
  const connection = useCollabField(session, 'connection', 'reconnecting');
  const access = useEditorAccess(id, session);
  // Rights come with the socket's first message (and GET /access): wait for them
  // rather than showing editable inputs to a viewer for a moment.
  const [waitedLong, setWaitedLong] = useState(false);
  useEffect(() => {
    const timer = setTimeout(() => setWaitedLong(true), ACCESS_WAIT_MS);
    return () => clearTimeout(timer);
  }, []);
  const rightsKnown = access.known || connection === 'offline' || waitedLong;

  const toast = notice && (
    // display: contents — the toast inside positions itself; this only names it for tests.
    <div data-testid="editor-notice" style={{ display: 'contents' }}>
      <Toast key={notice.n} message={notice.text} onClose={closeNotice} timeoutMs={12_000} />
    </div>
  );

  if (closed) {
    const notFound =
      closed.code === CloseCodes.notFound.code || closed.code === CloseCodes.invalidDocId.code;
    const message =
      closed.code === CloseCodes.forbidden.code
        ? ta('closed.forbidden')
        : closed.code === CloseCodes.unauthorized.code
          ? ta('closed.unauthorized')
          : null;
    return (
      <>
        <AppHeader />
        <main id="main" className="page-loading" role="alert" data-testid="editor-closed">
          <h1>{notFound ? t('editor.notFound') : (message ?? t('editor.loadError'))}</h1>
          {!notFound && !message && <p>{t('connection.closed', { reason: closed.reason })}</p>}
          <Link href="/">{t('app.backToList')}</Link>
        </main>
        {toast}
      </>
    );
  }

  if (!session || !ready || !rightsKnown) {
    return (
      <>
        <AppHeader
          items={[
            {
              id: 'connection',
              slot: 'status',
              compactPriority: 5,
              render: (s) => <ConnectionStatus session={session} compact={s === 'compact'} />,
            },
            {
              id: 'saved',
              slot: 'status',
              compactPriority: 4,
              render: (s) => <SavedStatus session={session} compact={s === 'compact'} />,
            },
          ]}
        />
        <main id="main" className="page-loading" role="status">
          <LoaderCircle className="spin big-spinner" aria-hidden />
          {t('saved.loading')}
        </main>
        {toast}
      </>
    );
  }

  return (
    <>
      {/* compare versions / restore (issue 16): the header, table and flowchart read it */}
      <CompareProvider sopId={session.id} sop={session.sop} canEdit={access.can.edit}>
        <EditorShell session={session} access={access} notify={notify} />
      </CompareProvider>
      {toast}
    </>
  );
}
