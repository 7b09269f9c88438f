import * as Tooltip from '@radix-ui/react-tooltip';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Route, Switch } from 'wouter';
import { ListPage } from './pages/ListPage';

// The editor pulls in Yjs, the providers and the table; the print view is rarely
// opened. Both are split from the first screen's bundle.
const EditorPage = lazy(() => import('./editor/EditorPage'));
const PrintPage = lazy(() => import('./print/PrintPage'));

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

/** Routes: `/` list, `/sop/:id` editor, `/sop/:id/print` print view. */
export function App() {
  return (
    <Tooltip.Provider delayDuration={400}>
      <Suspense fallback={<Loading />}>
        <Switch>
          <Route path="/" component={ListPage} />
          <Route path="/sop/:id/print">{(params) => <PrintPage id={params.id} />}</Route>
          <Route path="/sop/:id">{(params) => <EditorPage key={params.id} id={params.id} />}</Route>
          <Route component={NotFound} />
        </Switch>
      </Suspense>
    </Tooltip.Provider>
  );
}
