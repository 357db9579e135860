// "Lista Ticket": the manual's summary table, with filters, search, sorting
// of the page shown, pagination, and "X" in the Chiudi column.
import { useEffect, useMemo, useState } from 'preact/hooks';
import { api, Scope, Ticket } from '../api';
import { formatDate, Key, t } from '../i18n';
import { ConfirmDialog, errorText, Notice } from '../ui';

type SortKey = 'subject' | 'companyName' | 'number' | 'priority' | 'progressive' | 'scopeName' |
  'topicName' | 'publishedBy' | 'createdAt' | 'status';

const kPriorityRank = { HIGH: 0, MEDIUM: 1, LOW: 2 } as Record<string, number>;

function sortValue(ticket: Ticket, key: SortKey): string | number {
  switch (key) {
    case 'priority':
      return kPriorityRank[ticket.priority] ?? 9;
    case 'progressive':
      return ticket.progressive;
    case 'publishedBy':
      return ticket.publishedBy?.displayName ?? '';
    case 'createdAt':
      return ticket.createdAt ?? '';
    default:
      return String(ticket[key] ?? '');
  }
}

const kWide = typeof window !== 'undefined' && window.matchMedia('(min-width: 720px)').matches;

export function useScopes(): Scope[] {
  const [scopes, setScopes] = useState<Scope[]>([]);
  useEffect(() => {
    api.scopes().then((r) => setScopes(r.scopes), () => setScopes([]));
  }, []);
  return scopes;
}

export function TicketListPage(props: { welcome?: boolean }) {
  const scopes = useScopes();
  const [filters, setFilters] = useState({ status: '', scope: '', priority: '', q: '' });
  const [draft, setDraft] = useState(filters);
  const [pageTokens, setPageTokens] = useState<string[]>(['']);
  const [tickets, setTickets] = useState<Ticket[] | null>(null);
  const [nextToken, setNextToken] = useState('');
  const [error, setError] = useState('');
  const [notice, setNotice] = useState('');
  const [sort, setSort] = useState<{ key: SortKey; asc: boolean } | null>(null);
  const [closing, setClosing] = useState<Ticket | null>(null);
  const [reload, setReload] = useState(0);
  const pageToken = pageTokens[pageTokens.length - 1];

  useEffect(() => {
    let live = true;
    setError('');
    api
      .listTickets({ pageSize: 20, pageToken, ...filters })
      .then((r) => {
        if (!live) return;
        setTickets(r.tickets);
        setNextToken(r.nextPageToken);
      })
      .catch((e) => live && setError(errorText(e)));
    return () => {
      live = false;
    };
  }, [filters, pageToken, reload]);

  const shown = useMemo(() => {
    if (!tickets || !sort) return tickets ?? [];
    const sorted = [...tickets].sort((a, b) => {
      const x = sortValue(a, sort.key);
      const y = sortValue(b, sort.key);
      return x < y ? -1 : x > y ? 1 : 0;
    });
    return sort.asc ? sorted : sorted.reverse();
  }, [tickets, sort]);

  function applyFilters(e: Event) {
    e.preventDefault();
    setFilters({ ...draft });
    setPageTokens(['']);
  }

  async function closeTicket() {
    const ticket = closing;
    setClosing(null);
    if (!ticket) return;
    try {
      await api.action(ticket.id, 'close');
      setNotice(t('closed'));
      setReload((n) => n + 1);
    } catch (e) {
      setError(errorText(e));
    }
  }

  const header = (key: SortKey | null, label: Key) => {
    if (!key) return <th scope="col">{t(label)}</th>;
    const active = sort?.key === key;
    return (
      <th scope="col" aria-sort={active ? (sort!.asc ? 'ascending' : 'descending') : 'none'}>
        <button
          type="button"
          class="sort"
          title={t('sortBy', { c: t(label) })}
          onClick={() => setSort({ key, asc: active ? !sort!.asc : true })}
        >
          {t(label)}
          <span aria-hidden="true">{active ? (sort!.asc ? ' ▲' : ' ▼') : ''}</span>
        </button>
      </th>
    );
  };

  return (
    <section aria-labelledby="list-title">
      <div class="toolbar">
        <a class="button primary" href="#/tickets/new">
          {t('navCreate')}
        </a>
      </div>
      <h1 id="list-title">{t('listTitle')}</h1>
      {props.welcome && <Notice kind="ok">{t('emailDone')}</Notice>}
      <Notice kind="ok">{notice}</Notice>
      {/* On a phone the filters start folded, so the tickets come first. */}
      <details class="filters-box" open={kWide || Object.values(filters).some(Boolean)}>
      <summary>{t('filters')}</summary>
      <form class="filters" onSubmit={applyFilters} aria-label={t('filters')}>
        <div class="field">
          <label for="f-q">{t('search')}</label>
          <input
            id="f-q"
            type="search"
            placeholder={t('searchPlaceholder')}
            value={draft.q}
            onInput={(e) => setDraft({ ...draft, q: e.currentTarget.value })}
          />
        </div>
        <div class="field">
          <label for="f-status">{t('colStatus')}</label>
          <select
            id="f-status"
            value={draft.status}
            onChange={(e) => setDraft({ ...draft, status: e.currentTarget.value })}
          >
            <option value="">{t('allStatuses')}</option>
            {(['OPEN', 'IN_PROGRESS', 'WAITING_CUSTOMER', 'CLOSED'] as const).map((s) => (
              <option value={s}>{t(s)}</option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="f-scope">{t('colScope')}</label>
          <select
            id="f-scope"
            value={draft.scope}
            onChange={(e) => setDraft({ ...draft, scope: e.currentTarget.value })}
          >
            <option value="">{t('allScopes')}</option>
            {scopes.map((s) => (
              <option value={s.code}>{s.name}</option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="f-priority">{t('colPriority')}</label>
          <select
            id="f-priority"
            value={draft.priority}
            onChange={(e) => setDraft({ ...draft, priority: e.currentTarget.value })}
          >
            <option value="">{t('allPriorities')}</option>
            {(['HIGH', 'MEDIUM', 'LOW'] as const).map((p) => (
              <option value={p}>{t(p)}</option>
            ))}
          </select>
        </div>
        <div class="actions">
          <button type="submit">{t('apply')}</button>
          <button
            type="button"
            onClick={() => {
              const empty = { status: '', scope: '', priority: '', q: '' };
              setDraft(empty);
              setFilters(empty);
              setPageTokens(['']);
            }}
          >
            {t('reset')}
          </button>
        </div>
      </form>
      </details>
      <Notice kind="error">{error}</Notice>
      {tickets === null && !error ? (
        <p aria-busy="true">{t('loading')}</p>
      ) : tickets && tickets.length === 0 ? (
        <p class="empty">{t('empty')}</p>
      ) : (
        <div class="table-wrap">
          <table class="tickets responsive">
            <thead>
              <tr>
                {header('subject', 'colSubject')}
                {header('companyName', 'colCompany')}
                {header('number', 'colNumber')}
                {header(null, 'colClose')}
                {header('priority', 'colPriority')}
                {header('progressive', 'colProg')}
                {header('scopeName', 'colScope')}
                {header('topicName', 'colTopic')}
                {header('publishedBy', 'colPublishedBy')}
                {header('createdAt', 'colCreated')}
                {header('status', 'colStatus')}
              </tr>
            </thead>
            <tbody>
              {shown.map((ticket) => (
                <tr key={ticket.id} data-ticket={ticket.number}>
                  <td data-label={t('colSubject')}>
                    <a href={`#/tickets/${encodeURIComponent(ticket.id)}`}>{ticket.subject}</a>
                  </td>
                  <td data-label={t('colCompany')}>{ticket.companyName}</td>
                  <td data-label={t('colNumber')}>{ticket.number}</td>
                  <td data-label={t('colClose')}>
                    {ticket.status !== 'CLOSED' && (
                      <button
                        type="button"
                        class="close-x"
                        aria-label={`${t('closeX')} ${ticket.number}`}
                        title={t('closeX')}
                        onClick={() => setClosing(ticket)}
                      >
                        X
                      </button>
                    )}
                  </td>
                  <td data-label={t('colPriority')}>
                    <span class={`prio prio-${ticket.priority}`}>{t(ticket.priority)}</span>
                  </td>
                  <td data-label={t('colProg')}>{ticket.progressive}</td>
                  <td data-label={t('colScope')}>{ticket.scopeName}</td>
                  <td data-label={t('colTopic')}>{ticket.topicName}</td>
                  <td data-label={t('colPublishedBy')}>{ticket.publishedBy?.displayName}</td>
                  <td class="date" data-label={t('colCreated')}>{formatDate(ticket.createdAt)}</td>
                  <td data-label={t('colStatus')}>
                    <span class={`status status-${ticket.status}`}>{t(ticket.status)}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {(pageTokens.length > 1 || nextToken) && <nav class="pager" aria-label={t('page')}>
        <button
          type="button"
          disabled={pageTokens.length <= 1}
          onClick={() => setPageTokens(pageTokens.slice(0, -1))}
        >
          {t('prev')}
        </button>
        <span>
          {t('page')} {pageTokens.length}
        </span>
        <button
          type="button"
          disabled={!nextToken}
          onClick={() => setPageTokens([...pageTokens, nextToken])}
        >
          {t('next')}
        </button>
      </nav>}
      <ConfirmDialog
        open={closing !== null}
        title={t('closeConfirm', { n: closing?.number ?? '' })}
        text={t('closeConfirmText')}
        onConfirm={closeTicket}
        onCancel={() => setClosing(null)}
      />
    </section>
  );
}
