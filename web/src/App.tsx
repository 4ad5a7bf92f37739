import { useEffect, useRef } from 'react';
import { ErrorBox } from './components/ErrorBox.js';
import { Layout, type NavItem } from './components/Layout.js';
import { Loading } from './components/Loading.js';
import { apiPaths } from './lib/api.js';
import { AgreementProvider } from './lib/parties.js';
import { useLocation } from './lib/router.js';
import { useSession } from './lib/session.js';
import { useApi } from './lib/use-api.js';
import { Admin } from './pages/Admin.js';
import { Agreement } from './pages/Agreement.js';
import { Alerts } from './pages/Alerts.js';
import { Attack } from './pages/Attack.js';
import { Cases } from './pages/Cases.js';
import { CaseView } from './pages/CaseView.js';
import { Consents } from './pages/Consents.js';
import { Inbox } from './pages/Inbox.js';
import { Library } from './pages/Library.js';
import { Objects } from './pages/Objects.js';
import { ObjectView } from './pages/ObjectView.js';
import { Overview } from './pages/Overview.js';
import { Requests } from './pages/Requests.js';
import { RequestView } from './pages/RequestView.js';
import { SignIn } from './pages/SignIn.js';

function SignedIn() {
  const { path } = useLocation();
  const paths = useApi(() => apiPaths(), 'paths');
  // Moves focus to the new page's heading, so a screen reader announces where one is. Not on
  // the first page shown: there focus stays at the top, where the skip link is the first stop.
  const firstPage = useRef(true);
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on each change of page.
  useEffect(() => {
    if (firstPage.current) {
      firstPage.current = false;
      return;
    }
    document.querySelector<HTMLElement>('main h1')?.focus();
  }, [path]);
  const known = paths.data ?? new Set<string>();
  // Pages of the exchange layer appear only on nodes whose API offers it.
  const has = (route: string) => known.has(`/api/v1${route}`);
  const nav: NavItem[] = [
    { path: '/', label: 'nav.overview' },
    ...(has('/notifications') ? [{ path: '/inbox', label: 'nav.inbox' } as const] : []),
    ...(has('/requests') ? [{ path: '/requests', label: 'nav.requests' } as const] : []),
    ...(has('/cases') ? [{ path: '/cases', label: 'nav.cases' } as const] : []),
    { path: '/objects', label: 'nav.indicators' },
    ...(has('/attack/matrix') ? [{ path: '/attack', label: 'nav.attack' } as const] : []),
    ...(has('/library') ? [{ path: '/library', label: 'nav.library' } as const] : []),
    { path: '/agreement', label: 'nav.agreement' },
    { path: '/consents', label: 'nav.consents' },
    ...(has('/alerts/subscriptions') ? [{ path: '/alerts', label: 'nav.alerts' } as const] : []),
    { path: '/admin', label: 'nav.admin' },
  ];
  const section = `/${path.split('/')[1] ?? ''}`;
  const rest = decodeURIComponent(path.split('/').slice(2).join('/'));
  let page: React.ReactNode;
  if (
    paths.loading &&
    !paths.data &&
    ['/inbox', '/requests', '/cases', '/library', '/alerts'].includes(section)
  )
    page = <Loading />;
  else if (section === '/inbox' && has('/notifications')) page = <Inbox />;
  else if (section === '/requests' && has('/requests'))
    page = rest ? <RequestView id={rest} /> : <Requests />;
  else if (section === '/cases' && has('/cases')) page = rest ? <CaseView id={rest} /> : <Cases />;
  else if (section === '/library' && has('/library')) page = <Library />;
  else if (path.startsWith('/objects/'))
    page = <ObjectView id={decodeURIComponent(path.slice('/objects/'.length))} />;
  else if (section === '/objects') page = <Objects />;
  else if (section === '/attack' && has('/attack/matrix')) page = <Attack />;
  else if (section === '/agreement') page = <Agreement />;
  else if (section === '/consents') page = <Consents />;
  else if (section === '/alerts' && has('/alerts/subscriptions')) page = <Alerts />;
  else if (section === '/admin') page = <Admin paths={known} />;
  else page = <Overview exchange={has('/notifications')} />;
  return (
    <AgreementProvider>
      <Layout nav={nav} current={section === '/' ? '/' : section}>
        {paths.error !== undefined && <ErrorBox error={paths.error} onRetry={paths.reload} />}
        {page}
      </Layout>
    </AgreementProvider>
  );
}

export function App() {
  const { info } = useSession();
  if (info === undefined) return <Loading />;
  if (info === null) return <SignIn />;
  return <SignedIn />;
}
