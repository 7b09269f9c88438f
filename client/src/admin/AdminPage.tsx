import { Building2, Landmark, ScrollText, ShieldAlert, Users } from 'lucide-react';
import { useCallback } from 'react';
import { Link } from 'wouter';
import { useAuth } from '../auth/AuthContext';
import { AppHeader } from '../components/AppHeader';
import { AgencyTab } from './AgencyTab';
import { AuditTab } from './AuditTab';
import { listUnits, listUsers } from './adminApi';
import { errorText, useAdminT } from './i18n';
import { UnitsTab } from './UnitsTab';
import { UsersTab } from './UsersTab';
import { useLoad } from './useLoad';
import './admin.css';

const TABS = [
  { id: 'users', icon: Users },
  { id: 'units', icon: Building2 },
  { id: 'agency', icon: Landmark },
  { id: 'audit', icon: ScrollText },
] as const;
type TabId = (typeof TABS)[number]['id'];

function isTab(v: string | undefined): v is TabId {
  return TABS.some((x) => x.id === v);
}

/** `/admin` and `/admin/:tab`: users, units, agency and the audit log (administrators only). */
export default function AdminPage({ tab }: { tab?: string }) {
  const { t } = useAdminT();
  const auth = useAuth();
  const active: TabId = isTab(tab) ? tab : 'users';
  return (
    <>
      <AppHeader />
      <main id="main" className="page admin-page">
        {auth.status === 'loading' ? (
          <p className="empty-state">{t('common.loading')}</p>
        ) : auth.user?.isAdmin ? (
          <AdminTabs active={active} agencyName={auth.agency?.name ?? ''} />
        ) : (
          <NoAccess />
        )}
      </main>
    </>
  );
}

function NoAccess() {
  const { t } = useAdminT();
  return (
    <div className="card admin-noaccess" data-testid="admin-no-access">
      <ShieldAlert aria-hidden className="admin-noaccess-icon" />
      <h1>{t('admin.noAccessTitle')}</h1>
      <p>{t('admin.noAccessBody')}</p>
      <Link href="/" className="btn">
        {t('admin.backToList')}
      </Link>
    </div>
  );
}

function AdminTabs({ active, agencyName }: { active: TabId; agencyName: string }) {
  const { t } = useAdminT();
  const users = useLoad(useCallback((s: AbortSignal) => listUsers(s), []));
  const units = useLoad(useCallback((s: AbortSignal) => listUnits(s), []));
  const reloadAll = useCallback(() => {
    users.reload();
    units.reload();
  }, [users.reload, units.reload]);
  const loadError = users.error ?? units.error;
  return (
    <>
      <div className="admin-hero">
        <div>
          <h1>{t('admin.title')}</h1>
          <p className="muted">{agencyName || t('admin.subtitle')}</p>
        </div>
      </div>
      <nav className="admin-tabs" aria-label={t('admin.sections')}>
        {TABS.map(({ id, icon: Icon }) => (
          <Link
            key={id}
            href={`/admin/${id}`}
            className="admin-tab"
            aria-current={id === active ? 'page' : undefined}
            data-testid={`admin-tab-${id}`}
          >
            <Icon aria-hidden />
            {t(`admin.tabs.${id}`)}
          </Link>
        ))}
      </nav>
      {loadError !== null && active !== 'agency' && active !== 'audit' ? (
        <div className="card admin-error" role="alert">
          <p>{errorText(t, loadError)}</p>
          <button type="button" className="btn" onClick={reloadAll}>
            {t('common.retry')}
          </button>
        </div>
      ) : (
        <>
          {active === 'users' && (
            <UsersTab users={users.data} units={units.data ?? []} onChanged={reloadAll} />
          )}
          {active === 'units' && (
            <UnitsTab users={users.data ?? []} units={units.data} onChanged={reloadAll} />
          )}
          {active === 'agency' && <AgencyTab units={units.data ?? []} />}
          {active === 'audit' && <AuditTab users={users.data ?? []} units={units.data ?? []} />}
        </>
      )}
    </>
  );
}
