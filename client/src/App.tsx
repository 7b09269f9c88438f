import * as Tooltip from '@radix-ui/react-tooltip';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Route, Switch } from 'wouter';
import { AuthGate } from './auth/AuthGate';
import { AuthProvider } from './auth/AuthProvider';
import { ListPage } from './pages/ListPage';
import { LoginPage } from './pages/LoginPage';

// The editor pulls in Yjs, the providers and the table; the print view is rarely
// opened. Both are split from the first screen's bundle, as are the pages seen
// once (setup), rarely (account) or only by guests (join).
const EditorPage = lazy(() => import('./editor/EditorPage'));
const PrintPage = lazy(() => import('./print/PrintPage'));
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
 * Routes. Public: `/login`, `/setup` (first run), `/j/:code` (meeting link). Behind
 * the auth gate: `/` list, `/sop/:id` editor, `/sop/:id/print` print view,
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
                  <Route path="/sop/:id">
                    {(params) => <EditorPage key={params.id} id={params.id} />}
                  </Route>
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
