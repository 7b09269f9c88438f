import * as Tooltip from '@radix-ui/react-tooltip';
import { lazy, Suspense, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Route, Switch } from 'wouter';
import { AuthGate } from './auth/AuthGate';
import { AuthProvider } from './auth/AuthProvider';
import { startSessionProbe } from './auth/authApi';
import { ListPage } from './pages/ListPage';
import { LoginPage } from './pages/LoginPage';

// The editor pulls in Yjs, the providers and the table; the print view is rarely
// opened. Both are split from the first screen's bundle, as are the pages seen
// once (setup), rarely (account) or only by guests (join).
type EditorModule = typeof import('./editor/EditorPage');
let editorModule: EditorModule | null = null;
const loadEditor = () =>
  import('./editor/EditorPage').then((m) => {
    editorModule = m;
    return m;
  });
/** The editor's address (not its print view or list of changes). */
const EDITOR_PATH = /^\/sop\/[^/]+\/?$/;

/**
 * The editor, once its code is there. Not `lazy()`: React reveals a suspended
 * boundary at the earliest 300 ms after it showed its fallback, which held the
 * editor (and with it the socket and the sync) back for up to 300 ms.
 */
function EditorRoute({ id }: { id: string }) {
  const [mod, setMod] = useState(editorModule);
  useEffect(() => {
    if (!mod) void loadEditor().then(setMod);
  }, [mod]);
  if (!mod) return <Loading />;
  const EditorPage = mod.default;
  return <EditorPage key={id} id={id} />;
}
const PrintPage = lazy(() => import('./print/PrintPage'));
const ChangeListPrint = lazy(() => import('./history/ChangeListPrint'));
const SetupPage = lazy(() => import('./pages/SetupPage'));
const JoinPage = lazy(() => import('./pages/JoinPage'));
const AccountPage = lazy(() => import('./pages/AccountPage'));
const AdminPage = lazy(() => import('./admin/AdminPage'));

function Loading() {
  const { t } = useTranslation();
  return (
    <div className="page-loading" role="status">
      {t('app.loading')}
    </div>
  );
}

function NotFound() {
  const { t } = useTranslation();
  return (
    <main className="page-loading">
      <h1>{t('app.notFound')}</h1>
      <a href="/">{t('app.backToList')}</a>
    </main>
  );
}

/**
 * Called by `main.tsx` before the first render. Opening an SOP by its address: fetch
 * the editor's code while the session is checked, not after it (both stand before
 * the first row), and both before React's first render, which takes ~150 ms. The
 * session probe goes first, not queued behind the editor's chunks on the browser's
 * few connections.
 */
export function startEarlyRequests(): void {
  startSessionProbe();
  if (EDITOR_PATH.test(location.pathname)) void loadEditor();
}

/**
 * Routes. Public: `/login`, `/setup` (first run), `/j/:code` (meeting link). Behind
 * the auth gate: `/` list, `/sop/:id` editor, `/sop/:id/print` print view,
 * `/sop/:id/changes?from=&to=` printable list of changes between versions,
 * `/account`, and the administration pages under `/admin`.
 */
export function App() {
  return (
    <AuthProvider>
      <Tooltip.Provider delayDuration={400}>
        <Suspense fallback={<Loading />}>
          <Switch>
            <Route path="/login" component={LoginPage} />
            <Route path="/setup" component={SetupPage} />
            <Route path="/j/:code">{(params) => <JoinPage code={params.code} />}</Route>
            <Route>
              <AuthGate>
                <Switch>
                  <Route path="/" component={ListPage} />
                  <Route path="/sop/:id/print">{(params) => <PrintPage id={params.id} />}</Route>
                  <Route path="/sop/:id/changes">
                    {(params) => <ChangeListPrint id={params.id} />}
                  </Route>
                  <Route path="/sop/:id">{(params) => <EditorRoute id={params.id} />}</Route>
                  <Route path="/account" component={AccountPage} />
                  <Route path="/admin/:tab?">{(params) => <AdminPage tab={params.tab} />}</Route>
                  <Route component={NotFound} />
                </Switch>
              </AuthGate>
            </Route>
          </Switch>
        </Suspense>
      </Tooltip.Provider>
    </AuthProvider>
  );
}
