import { LoaderCircle } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { CloseCodes } from '../../../shared/protocol';
import { AppHeader } from '../components/AppHeader';
import { useCollabField, useCollabSession } from './collab/useCollabSession';
import { EditorShell } from './EditorShell';
import { ConnectionStatus, SavedStatus } from './StatusIndicators';
import './editor.css';
import './procedure/table.css';

/** `/sop/:id`: opens the SOP's collaborative session and shows the editor once content is there. */
export default function EditorPage({ id }: { id: string }) {
  const { t } = useTranslation();
  const session = useCollabSession(id);
  const closed = useCollabField(session, 'closed', null);
  const ready = useCollabField(session, 'ready', false);

  if (closed) {
    const notFound =
      closed.code === CloseCodes.notFound.code || closed.code === CloseCodes.invalidDocId.code;
    return (
      <>
        <AppHeader />
        <main id="main" className="page-loading" role="alert">
          <h1>{notFound ? t('editor.notFound') : t('editor.loadError')}</h1>
          {!notFound && <p>{t('connection.closed', { reason: closed.reason })}</p>}
          <Link href="/">{t('app.backToList')}</Link>
        </main>
      </>
    );
  }

  if (!session || !ready) {
    return (
      <>
        <AppHeader actions={<ConnectionStatus session={session} />}>
          <SavedStatus session={session} />
        </AppHeader>
        <main id="main" className="page-loading" role="status">
          <LoaderCircle className="spin big-spinner" aria-hidden />
          {t('saved.loading')}
        </main>
      </>
    );
  }

  return <EditorShell session={session} />;
}
