// The portal's shell: header with the manual's menu, language switch, and
// the page for the current hash route and session.
import { Fragment } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { api, Me } from './api';
import { Lang, setLang, t, useLang } from './i18n';
import { ChangePasswordPage, ForgotPage, LoginPage, ResetPage } from './pages/auth';
import { CreateTicketPage } from './pages/create';
import { EmailPage, emailIsSet } from './pages/email';
import { GuidePage } from './pages/guide';
import { TicketListPage } from './pages/list';
import { QueuePage } from './pages/queue';
import { TicketPage } from './pages/ticket';
import {
  isStaff, loadSession, navigate, refresh, Route, setSession, useRefreshTick, useRoute, useSession,
} from './state';

function NavLink(props: { href: string; current: boolean; label: string; class?: string }) {
  return (
    <a
      href={props.href}
      class={props.class}
      aria-current={props.current ? 'page' : undefined}
      onClick={(e) => {
        // The menu entry of the page on screen reloads it.
        if (location.hash === props.href) {
          e.preventDefault();
          refresh();
        }
      }}
    >
      {props.label}
    </a>
  );
}

function Header(props: { me?: Me; route: Route }) {
  const { me, route } = props;
  const other: Lang = useLang() === 'it' ? 'en' : 'it';
  const p = route.path;
  return (
    <header class="site-header">
      <div class="brand">
        <a href="#/">{t('appTitle')}</a>
      </div>
      {me && (
        <nav aria-label={t('mainNav')} class="main-nav">
          {isStaff(me) && <NavLink href="#/queue" current={p === '/queue'} label={t('navQueue')} />}
          <NavLink href="#/tickets/new" current={p === '/tickets/new'} label={t('navCreate')} class="nav-create" />
          <NavLink href="#/tickets" current={p === '/tickets'} label={t('navList')} />
          {!isStaff(me) && <NavLink href="#/email" current={p === '/email'} label={t('navEmail')} />}
          <NavLink href="#/guide" current={p === '/guide'} label={t('navGuide')} />
        </nav>
      )}
      <div class="user-tools">
        <button type="button" class="lang" lang={other} onClick={() => setLang(other)} aria-label={`${t('language')}: ${t('switchTo')}`}>
          {other.toUpperCase()}
        </button>
        {me && (
          <>
            <span class="who" title={t('signedInAs')}>
              {me.account.displayName || me.username}
            </span>
            <button
              type="button"
              onClick={async () => {
                try {
                  await api.logout();
                } catch {
                  // the session ends here anyway
                }
                setSession({ kind: 'signedOut' });
                navigate('/login');
              }}
            >
              {t('logout')}
            </button>
          </>
        )}
      </div>
    </header>
  );
}

function SignedInPage(props: { me: Me; route: Route }) {
  const { me, route } = props;
  const p = route.path;
  const staff = isStaff(me);
  useEffect(() => {
    if (p === '/' || p === '/login') {
      navigate(staff ? '/queue' : emailIsSet(me) ? '/tickets' : '/email');
    }
  }, [p, staff]);
  if (p === '/tickets') return <TicketListPage welcome={route.params.get('welcome') === '1'} />;
  if (p === '/tickets/new') return <CreateTicketPage me={me} />;
  if (p.startsWith('/tickets/')) {
    return (
      <TicketPage
        key={`${p}?${route.params}`}
        id={decodeURIComponent(p.slice('/tickets/'.length))}
        me={me}
        created={route.params.get('created') === '1'}
      />
    );
  }
  if (p === '/email') return <EmailPage me={me} />;
  if (p === '/password') return <ChangePasswordPage username={me.username} forced={false} />;
  if (p === '/guide') return <GuidePage />;
  if (p === '/queue' && staff) return <QueuePage me={me} />;
  return null;
}

export function App() {
  const language = useLang();
  useEffect(() => {
    document.title = t('appTitle');
  }, [language]);
  const route = useRoute();
  const session = useSession();
  const tick = useRefreshTick();
  useEffect(() => {
    loadSession();
  }, []);
  // After a navigation, screen readers and keyboards start from the new page.
  const first = useRef(true);
  useEffect(() => {
    if (first.current) first.current = false;
    else document.getElementById('main')?.focus();
  }, [route.path]);

  let page;
  const p = route.path;
  if (p === '/reset-password') page = <ResetPage token={route.params.get('token') ?? ''} />;
  else if (p === '/forgot') page = <ForgotPage />;
  else if (p === '/guide' && session.kind !== 'signedIn') page = <GuidePage />;
  else if (session.kind === 'loading') page = <p aria-busy="true">{t('loading')}</p>;
  else if (session.kind === 'signedOut') page = <LoginPage notice={session.notice} />;
  else if (session.kind === 'mustChangePassword') page = <ChangePasswordPage username={session.username} forced />;
  else page = <SignedInPage me={session.me} route={route} />;

  const me = session.kind === 'signedIn' ? session.me : undefined;
  return (
    <>
      <a class="skip" href="#main" onClick={(e) => {
        e.preventDefault();
        document.getElementById('main')?.focus();
      }}>
        {t('skip')}
      </a>
      <Header me={me} route={route} />
      <main id="main" tabIndex={-1}>
        <Fragment key={tick}>{page}</Fragment>
      </main>
    </>
  );
}
