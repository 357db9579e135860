// A ticket: its fields, the actions the account may take, and the replies
// panel ("Crea", then Creato da / Note / img1–img3 / Scarica Immagini /
// Data Inserimento), newest first as in the manual.
import { useEffect, useState } from 'preact/hooks';
import {
  Account, api, ApiError, Attachment, download, fetchBlob, HistoryEvent, Me, Message, Priority,
  Ticket,
} from '../api';
import { AttachmentPicker, kNoAttachments, Picked, uploadPicked, UploadRefused } from '../attachments';
import { formatDate, t } from '../i18n';
import { isStaff } from '../state';
import { ConfirmDialog, errorText, Notice } from '../ui';
import { SlaBadge } from './queue';
import { WorkLogForm } from './worklog';

/** An image behind the session, shown through an object URL. */
function AuthImage(props: { attachment: Attachment; alt: string }) {
  const [url, setUrl] = useState('');
  useEffect(() => {
    let objectUrl = '';
    let live = true;
    fetchBlob(`/v1/attachments/${encodeURIComponent(props.attachment.id)}?inline=true`).then(
      (blob) => {
        if (!live) return;
        objectUrl = URL.createObjectURL(blob);
        setUrl(objectUrl);
      },
      () => {},
    );
    return () => {
      live = false;
      if (objectUrl) URL.revokeObjectURL(objectUrl);
    };
  }, [props.attachment.id]);
  return (
    <button
      type="button"
      class="thumb"
      title={`${t('download')} ${props.attachment.filename}`}
      onClick={() => download(`/v1/attachments/${encodeURIComponent(props.attachment.id)}`, props.attachment.filename)}
    >
      {url ? <img src={url} alt={props.alt} /> : <span>{props.attachment.filename}</span>}
    </button>
  );
}

function MessageRow(props: { ticketId: string; message: Message }) {
  const m = props.message;
  const images = [0, 1, 2].map((i) => m.images[i]);
  return (
    <tr class={m.internal ? 'internal' : ''} data-message={m.id}>
      <td data-label={t('colAuthor')}>
        {m.author?.displayName}
        {m.internal && <span class="badge internal-badge">{t('internalNote')}</span>}
      </td>
      <td data-label={t('colNote')} class="note">
        {m.note}
      </td>
      {images.map((a, i) => (
        <td data-label={`img${i + 1}`} class={a ? '' : 'empty-cell'}>
          {a && <AuthImage attachment={a} alt={`img${i + 1}: ${a.filename}`} />}
        </td>
      ))}
      <td data-label={t('colFile')} class={m.file ? '' : 'empty-cell'}>
        {m.file && (
          <button
            type="button"
            class="link"
            onClick={() => download(`/v1/attachments/${encodeURIComponent(m.file!.id)}`, m.file!.filename)}
          >
            {m.file.filename}
          </button>
        )}
      </td>
      <td data-label={t('colDownloadImages')} class={m.images.length ? '' : 'empty-cell'}>
        {m.images.length > 0 && (
          <button
            type="button"
            class="link"
            onClick={() =>
              download(
                `/v1/tickets/${encodeURIComponent(props.ticketId)}/messages/${encodeURIComponent(m.id)}/images.zip`,
                'immagini.zip',
              )
            }
          >
            {m.images.map((a) => a.filename).join(' ')}
          </button>
        )}
      </td>
      <td class="date" data-label={t('colInserted')}>{formatDate(m.createdAt)}</td>
    </tr>
  );
}

function NewMessageForm(props: { ticket: Ticket; staff: boolean; onSent: () => void }) {
  const [note, setNote] = useState('');
  const [internal, setInternal] = useState(false);
  const [attachments, setAttachments] = useState<Picked>(kNoAttachments);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  async function submit(e: Event) {
    e.preventDefault();
    if (!note.trim()) return setError(t('errNote'));
    setError('');
    setBusy(true);
    try {
      const { imageIds, fileId } = await uploadPicked(attachments, setAttachments);
      await api.addMessage(props.ticket.id, { note, imageIds, fileId, internal });
      setNote('');
      setAttachments(kNoAttachments);
      props.onSent();
    } catch (err) {
      // A refused attachment says why under its field; here, what to do.
      setError(err instanceof UploadRefused ? t('errAttachmentRefused') : errorText(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form class={`new-message ${internal ? 'internal' : ''}`} onSubmit={submit} novalidate>
      <h3>{t('newMessage')}</h3>
      <div class="field">
        <label for="m-note">{t('note')}</label>
        <textarea id="m-note" rows={5} value={note} onInput={(e) => setNote(e.currentTarget.value)} />
      </div>
      <AttachmentPicker
        idPrefix="m"
        value={attachments}
        onChange={setAttachments}
        disabled={busy}
      />
      {props.staff && (
        <div class="field checkbox">
          <input
            id="m-internal"
            type="checkbox"
            checked={internal}
            onChange={(e) => setInternal(e.currentTarget.checked)}
          />
          <label for="m-internal">{t('internalHint')}</label>
        </div>
      )}
      <Notice kind="error">{error}</Notice>
      <div class="actions">
        <button type="submit" class="primary" disabled={busy}>
          {busy ? t('saving') : t('send')}
        </button>
      </div>
    </form>
  );
}

function StaffActions(props: { ticket: Ticket; me: Me; onChange: (t: Ticket) => void; onError: (m: string) => void }) {
  const { ticket } = props;
  const [accounts, setAccounts] = useState<Account[]>([]);
  const [assignee, setAssignee] = useState('');
  useEffect(() => {
    api.staffAccounts().then(
      (r) => setAccounts(r.accounts.filter((a) => a.role !== 'CUSTOMER' && a.active !== false)),
      () => setAccounts([]),
    );
  }, []);
  const run = async (action: () => Promise<Ticket>) => {
    try {
      props.onChange(await action());
    } catch (e) {
      props.onError(errorText(e));
    }
  };
  return (
    <div class="staff-actions" role="group" aria-label={t('filters')}>
      {ticket.status === 'OPEN' && (
        <button type="button" class="primary" onClick={() => run(() => api.action(ticket.id, 'take'))}>
          {t('take')}
        </button>
      )}
      {ticket.status === 'CLOSED' ? (
        <button type="button" onClick={() => run(() => api.action(ticket.id, 'reopen'))}>
          {t('reopen')}
        </button>
      ) : (
        <>
          {accounts.length > 0 && (
            <span class="inline-field">
              <label for="assign-to">{t('assignTo')}</label>
              <select id="assign-to" value={assignee} onChange={(e) => setAssignee(e.currentTarget.value)}>
                <option value="">—</option>
                {accounts.map((a) => (
                  <option value={a.id}>{a.displayName || a.username}</option>
                ))}
              </select>
              <button
                type="button"
                disabled={!assignee}
                onClick={() => run(() => api.assign(ticket.id, assignee))}
              >
                {t('assign')}
              </button>
            </span>
          )}
          <span class="inline-field">
            <label for="set-priority">{t('changePriority')}</label>
            <select
              id="set-priority"
              value={ticket.priority}
              onChange={(e) => run(() => api.setPriority(ticket.id, e.currentTarget.value as Priority))}
            >
              {(['HIGH', 'MEDIUM', 'LOW'] as const).map((p) => (
                <option value={p}>{t(p)}</option>
              ))}
            </select>
          </span>
        </>
      )}
    </div>
  );
}

export function TicketPage(props: { id: string; me: Me; created?: boolean }) {
  const staff = isStaff(props.me);
  const [ticket, setTicket] = useState<Ticket | null>(null);
  const [messages, setMessages] = useState<Message[]>([]);
  const [history, setHistory] = useState<HistoryEvent[]>([]);
  const [missing, setMissing] = useState(false);
  const [error, setError] = useState('');
  const [notice, setNotice] = useState(props.created ? 'created' : '');
  const [composing, setComposing] = useState(false);
  const [closing, setClosing] = useState(false);
  const [reload, setReload] = useState(0);

  useEffect(() => {
    let live = true;
    setMissing(false);
    Promise.all([api.getTicket(props.id), api.messages(props.id)])
      .then(([tk, ms]) => {
        if (!live) return;
        setTicket(tk);
        setMessages(ms.messages);
        api.history(props.id).then((h) => live && setHistory(h.events), () => {});
      })
      .catch((e) => {
        if (!live) return;
        if (e instanceof ApiError && (e.status === 404 || e.status === 403)) setMissing(true);
        else setError(errorText(e));
      });
    return () => {
      live = false;
    };
  }, [props.id, reload]);

  if (missing) {
    return (
      <section class="card">
        <h1>{t('notFound')}</h1>
        <a href="#/tickets">{t('backToList')}</a>
      </section>
    );
  }
  if (!ticket) {
    return (
      <section class="card">
        <Notice kind="error">{error}</Notice>
        {!error && <p aria-busy="true">{t('loading')}</p>}
      </section>
    );
  }

  async function close() {
    setClosing(false);
    try {
      setTicket(await api.action(ticket!.id, 'close'));
      setNotice('closed');
    } catch (e) {
      setError(errorText(e));
    }
  }

  const newestFirst = [...messages].reverse();
  return (
    <section aria-labelledby="ticket-title">
      <p>
        <a href={staff ? '#/queue' : '#/tickets'}>{staff ? `← ${t('navQueue')}` : t('backToList')}</a>
      </p>
      {notice === 'created' && <Notice kind="ok">{t('created', { n: ticket.number })}</Notice>}
      {notice === 'closed' && <Notice kind="ok">{t('closed')}</Notice>}
      {notice === 'done' && <Notice kind="ok">{t('done')}</Notice>}
      <Notice kind="error">{error}</Notice>
      <div class="card">
        <h1 id="ticket-title">
          <span class="ticket-number">{ticket.number}</span> {ticket.subject}
        </h1>
        <dl class="ticket-fields">
          <div><dt>{t('colStatus')}</dt><dd><span class={`status status-${ticket.status}`}>{t(ticket.status)}</span></dd></div>
          <div><dt>{t('colCompany')}</dt><dd>{ticket.companyName}</dd></div>
          <div><dt>{t('colPriority')}</dt><dd><span class={`prio prio-${ticket.priority}`}>{t(ticket.priority)}</span></dd></div>
          <div><dt>{t('colProg')}</dt><dd>{ticket.progressive}</dd></div>
          <div><dt>{t('colScope')}</dt><dd>{ticket.scopeName}</dd></div>
          <div><dt>{t('colTopic')}</dt><dd>{ticket.topicName}</dd></div>
          <div><dt>{t('colPublishedBy')}</dt><dd>{ticket.publishedBy?.displayName}</dd></div>
          <div><dt>{t('channelLabel')}</dt><dd>{t(ticket.channel)}</dd></div>
          <div><dt>{t('colCreated')}</dt><dd>{formatDate(ticket.createdAt)}</dd></div>
          <div><dt>{t('assignee')}</dt><dd>{ticket.assignee?.displayName ?? t('nobody')}</dd></div>
          {ticket.takenAt && formatDate(ticket.takenAt) && (
            <div><dt>{t('takenAt')}</dt><dd>{formatDate(ticket.takenAt)}</dd></div>
          )}
          {staff && formatDate(ticket.slaDueAt) && (
            <div><dt>{t('slaDue')}</dt><dd>{formatDate(ticket.slaDueAt)} <SlaBadge ticket={ticket} /></dd></div>
          )}
          {ticket.urgentOnSite && formatDate(ticket.onSiteDueAt) && (
            <div><dt>{t('onSiteDue')}</dt><dd>{formatDate(ticket.onSiteDueAt)}</dd></div>
          )}
          {formatDate(ticket.closedAt) && (
            <div><dt>{t('closedAt')}</dt><dd>{formatDate(ticket.closedAt)}</dd></div>
          )}
        </dl>
        <div class="actions">
          {ticket.status !== 'CLOSED' && (
            <button type="button" onClick={() => setClosing(true)}>
              {t('closeTicket')}
            </button>
          )}
        </div>
        {staff && (
          <StaffActions
            ticket={ticket}
            me={props.me}
            onChange={(tk) => {
              setTicket(tk);
              setNotice('done');
            }}
            onError={setError}
          />
        )}
      </div>

      <div class="card replies" aria-labelledby="replies-title">
        <div class="replies-head">
          <button
            type="button"
            class="primary"
            aria-expanded={composing}
            aria-controls="new-message"
            onClick={() => setComposing(!composing)}
          >
            {t('createMsg')}
          </button>
          <h2 id="replies-title">{t('replies')}</h2>
        </div>
        {composing && (
          <div id="new-message">
            <NewMessageForm
              ticket={ticket}
              staff={staff}
              onSent={() => {
                setComposing(false);
                setNotice('');
                setReload((n) => n + 1);
              }}
            />
          </div>
        )}
        <div class="table-wrap">
          <table class="thread responsive">
            <thead>
              <tr>
                <th scope="col">{t('colAuthor')}</th>
                <th scope="col">{t('colNote')}</th>
                <th scope="col">img1</th>
                <th scope="col">img2</th>
                <th scope="col">img3</th>
                <th scope="col">{t('colFile')}</th>
                <th scope="col">{t('colDownloadImages')}</th>
                <th scope="col">{t('colInserted')}</th>
              </tr>
            </thead>
            <tbody>
              {newestFirst.map((m) => (
                <MessageRow key={m.id} ticketId={ticket.id} message={m} />
              ))}
            </tbody>
          </table>
        </div>
      </div>

      {staff && ticket.status !== 'CLOSED' && (
        <WorkLogForm ticketId={ticket.id} />
      )}

      {history.length > 0 && (
        <details class="card history">
          <summary>{t('history')}</summary>
          <ul>
            {history.map((h) => (
              <li>
                {formatDate(h.at)} — {h.actor?.displayName}: {h.what}
                {(h.from || h.to) && ` (${h.from} → ${h.to})`}
              </li>
            ))}
          </ul>
        </details>
      )}

      <ConfirmDialog
        open={closing}
        title={t('closeConfirm', { n: ticket.number })}
        text={t('closeConfirmText')}
        onConfirm={close}
        onCancel={() => setClosing(false)}
      />
    </section>
  );
}
