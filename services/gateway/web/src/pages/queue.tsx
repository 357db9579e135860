// The consultants' queue: open tickets ordered by take-in-charge due, with
// the remaining business time and a colour for warning and breach; filters
// for unassigned, mine, company and priority.
import { useEffect, useState } from 'preact/hooks';
import { api, ApiError, Company, Me, SlaState, Ticket } from '../api';
import { formatDate, formatMinutes, t } from '../i18n';
import { errorText, Notice } from '../ui';

interface Sla {
  state: SlaState;
  minutes: number | null;
  wallClock: boolean;
}

/** The server's SLA view of a ticket, or a wall-clock estimate without it. */
export function slaOf(ticket: Ticket, now = Date.now()): Sla | null {
  if (ticket.slaState) {
    const m = ticket.slaRemainingMinutes;
    return { state: ticket.slaState, minutes: typeof m === 'number' ? m : null, wallClock: false };
  }
  if (!ticket.slaDueAt) return null;
  if (ticket.takenAt && new Date(ticket.takenAt).getTime() > 0) {
    return { state: 'MET', minutes: null, wallClock: true };
  }
  const due = new Date(ticket.slaDueAt).getTime();
  const created = ticket.createdAt ? new Date(ticket.createdAt).getTime() : due;
  const minutes = Math.round((due - now) / 60_000);
  let state: SlaState = 'OK';
  if (now >= due) state = 'BREACHED';
  else if (due > created && (now - created) / (due - created) >= 0.75) state = 'WARNING';
  return { state, minutes, wallClock: true };
}

export function SlaBadge(props: { ticket: Ticket }) {
  const sla = slaOf(props.ticket);
  if (!sla) return null;
  let text = '';
  if (sla.state === 'MET') text = t('met');
  else if (sla.minutes !== null && sla.minutes < 0) text = t('overdue', { t: formatMinutes(-sla.minutes) });
  else if (sla.minutes !== null) text = t('remaining', { t: formatMinutes(sla.minutes) });
  const label = { OK: t('slaOk'), WARNING: t('slaWarning'), BREACHED: t('slaBreached'), MET: t('met') }[sla.state];
  return (
    <span class={`sla sla-${sla.state}`} data-sla={sla.state} title={sla.wallClock ? t('wallClockNote') : undefined}>
      <span class="sla-state">{label}</span>
      {text && sla.state !== 'MET' && <span class="sla-time"> · {text}{sla.wallClock ? ' *' : ''}</span>}
    </span>
  );
}

type View = 'waiting' | 'unassigned' | 'mine' | 'all';
const kViews: View[] = ['waiting', 'unassigned', 'mine', 'all'];

export function QueuePage(props: { me: Me }) {
  // "waiting" and "unassigned" are the take-in-charge queue (OPEN tickets,
  // soonest due first); "mine" and "all" are the tickets not closed yet.
  const [view, setView] = useState<View>('waiting');
  const [companyId, setCompanyId] = useState('');
  const [priority, setPriority] = useState('');
  const [companies, setCompanies] = useState<Company[]>([]);
  const [tickets, setTickets] = useState<Ticket[] | null>(null);
  const [error, setError] = useState('');

  useEffect(() => {
    api.companies().then((r) => setCompanies(r.companies), () => setCompanies([]));
  }, []);

  useEffect(() => {
    let live = true;
    const queue = view === 'waiting' || view === 'unassigned';
    const params: Record<string, string | number | boolean | undefined> = {
      pageSize: 100,
      orderBy: queue ? 'slaDue' : undefined,
      companyId,
      priority,
      unassigned: view === 'unassigned',
      assigneeId: view === 'mine' ? props.me.account.id : undefined,
    };
    setError('');
    (async () => {
      let list: Ticket[];
      try {
        list = (await api.listTickets(params)).tickets;
      } catch (e) {
        // A ticket service without `orderBy` yet: sort here.
        if (!(e instanceof ApiError && e.status === 400 && /orderBy/i.test(e.message))) throw e;
        delete params.orderBy;
        list = (await api.listTickets(params)).tickets;
      }
      if (queue) {
        list = list.filter((tk) => tk.status === 'OPEN');
        const due = (tk: Ticket) => (tk.slaDueAt ? new Date(tk.slaDueAt).getTime() : Infinity);
        list.sort((a, b) => due(a) - due(b));
      } else {
        list = list.filter((tk) => tk.status !== 'CLOSED');
      }
      if (live) setTickets(list);
    })().catch((e) => live && setError(errorText(e)));
    return () => {
      live = false;
    };
  }, [view, companyId, priority]);

  return (
    <section aria-labelledby="queue-title">
      <div class="toolbar">
        <a class="button primary" href="#/tickets/new">
          {t('newOnBehalf')}
        </a>
      </div>
      <h1 id="queue-title">{t('queueTitle')}</h1>
      <div class="filters" role="group" aria-label={t('filters')}>
        <fieldset class="segmented">
          <legend class="visually-hidden">{t('filters')}</legend>
          {kViews.map((v) => (
            <label class={view === v ? 'active' : ''}>
              <input type="radio" name="queue-view" value={v} checked={view === v} onChange={() => setView(v)} />
              {t(v)}
            </label>
          ))}
        </fieldset>
        <div class="field">
          <label for="q-company">{t('company')}</label>
          <select id="q-company" value={companyId} onChange={(e) => setCompanyId(e.currentTarget.value)}>
            <option value="">{t('allCompanies')}</option>
            {companies.map((c) => (
              <option value={c.id}>{c.name}</option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="q-priority">{t('priority')}</label>
          <select id="q-priority" value={priority} onChange={(e) => setPriority(e.currentTarget.value)}>
            <option value="">{t('allPriorities')}</option>
            {(['HIGH', 'MEDIUM', 'LOW'] as const).map((p) => (
              <option value={p}>{t(p)}</option>
            ))}
          </select>
        </div>
      </div>
      <Notice kind="error">{error}</Notice>
      {tickets === null && !error ? (
        <p aria-busy="true">{t('loading')}</p>
      ) : tickets && tickets.length === 0 ? (
        <p class="empty">{t('empty')}</p>
      ) : (
        <div class="table-wrap">
          <table class="tickets responsive queue">
            <thead>
              <tr>
                <th scope="col">{t('colSla')}</th>
                <th scope="col">{t('colNumber')}</th>
                <th scope="col">{t('colSubject')}</th>
                <th scope="col">{t('colCompany')}</th>
                <th scope="col">{t('colPriority')}</th>
                <th scope="col">{t('colStatus')}</th>
                <th scope="col">{t('colAssignee')}</th>
                <th scope="col">{t('colCreated')}</th>
              </tr>
            </thead>
            <tbody>
              {(tickets ?? []).map((tk) => {
                const sla = slaOf(tk);
                return (
                  <tr key={tk.id} class={sla ? `row-sla-${sla.state}` : ''} data-sla={sla?.state} data-ticket={tk.number}>
                    <td data-label={t('colSla')}>
                      <SlaBadge ticket={tk} />
                      <div class="due">{formatDate(tk.slaDueAt)}</div>
                    </td>
                    <td data-label={t('colNumber')}>{tk.number}</td>
                    <td data-label={t('colSubject')}>
                      <a href={`#/tickets/${encodeURIComponent(tk.id)}`}>{tk.subject}</a>
                    </td>
                    <td data-label={t('colCompany')}>{tk.companyName}</td>
                    <td data-label={t('colPriority')}>
                      <span class={`prio prio-${tk.priority}`}>{t(tk.priority)}</span>
                    </td>
                    <td data-label={t('colStatus')}>
                      <span class={`status status-${tk.status}`}>{t(tk.status)}</span>
                    </td>
                    <td data-label={t('colAssignee')}>{tk.assignee?.displayName ?? '—'}</td>
                    <td class="date" data-label={t('colCreated')}>{formatDate(tk.createdAt)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
