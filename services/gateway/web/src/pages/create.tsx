// "Crea Ticket": subject, priority, scope with its dependent topics, note,
// up to 3 images and 1 file. Staff also choose the company and the channel
// (a ticket opened on a customer's behalf).
import { useEffect, useState } from 'preact/hooks';
import { api, Company, Me, Priority } from '../api';
import { AttachmentPicker, kNoAttachments, Picked, uploadPicked, UploadRefused } from '../attachments';
import { t } from '../i18n';
import { isStaff, navigate } from '../state';
import { errorText, newIdempotencyKey, Notice } from '../ui';
import { emailIsSet } from './email';
import { useScopes } from './list';

const kMaxNoteBytes = 64 * 1024;

export function CreateTicketPage(props: { me: Me }) {
  const staff = isStaff(props.me);
  const scopes = useScopes();
  const [companies, setCompanies] = useState<Company[]>([]);
  const [subject, setSubject] = useState('');
  const [priority, setPriority] = useState<Priority>('MEDIUM');
  const [scope, setScope] = useState('');
  const [topic, setTopic] = useState('');
  const [note, setNote] = useState('');
  const [companyId, setCompanyId] = useState('');
  const [channel, setChannel] = useState('PHONE');
  const [urgent, setUrgent] = useState(false);
  const [attachments, setAttachments] = useState<Picked>(kNoAttachments);
  const [errors, setErrors] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const [idempotencyKey] = useState(newIdempotencyKey);

  useEffect(() => {
    if (staff) api.companies().then((r) => setCompanies(r.companies), () => setCompanies([]));
  }, [staff]);

  if (!staff && !emailIsSet(props.me)) {
    return (
      <section class="card narrow">
        <h1>{t('createTitle')}</h1>
        <Notice kind="info">{t('emailMustChange')}</Notice>
        <a class="button primary" href="#/email">
          {t('navEmail')}
        </a>
      </section>
    );
  }

  const topics = scopes.find((s) => s.code === scope)?.topics ?? [];

  function validate(): string[] {
    const problems: string[] = [];
    const s = subject.trim();
    if (s.length < 1 || [...s].length > 200) problems.push(t('errSubject'));
    if (staff && !companyId) problems.push(t('errCompany'));
    if (!scope) problems.push(t('errScope'));
    if (topics.length > 0 && !topic) problems.push(t('errTopic'));
    if (!note.trim() || new TextEncoder().encode(note).length > kMaxNoteBytes) {
      problems.push(t('errNote'));
    }
    return problems;
  }

  async function submit(e: Event) {
    e.preventDefault();
    const problems = validate();
    setErrors(problems);
    if (problems.length) return;
    setBusy(true);
    try {
      const { imageIds, fileId } = await uploadPicked(attachments, setAttachments);
      const body: Record<string, unknown> = {
        subject: subject.trim(),
        priority,
        scope,
        topic,
        note,
        imageIds,
        fileId,
      };
      if (staff) Object.assign(body, { companyId, channel, urgentOnSite: urgent });
      else if (urgent) body.urgentOnSite = true;
      const ticket = await api.createTicket(body, idempotencyKey);
      navigate(`/tickets/${encodeURIComponent(ticket.id)}?created=1`);
    } catch (err) {
      // A refused attachment says why under its field; here, what to do.
      setErrors([err instanceof UploadRefused ? t('errAttachmentRefused') : errorText(err)]);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section class="card" aria-labelledby="create-title">
      <h1 id="create-title">{t('createTitle')}</h1>
      <form onSubmit={submit} onInput={() => errors.length && setErrors([])} novalidate>
        {staff && (
          <div class="row">
            <div class="field">
              <label for="c-company">{t('company')}</label>
              <select
                id="c-company"
                required
                value={companyId}
                onChange={(e) => setCompanyId(e.currentTarget.value)}
              >
                <option value="">{t('chooseCompany')}</option>
                {companies.map((c) => (
                  <option value={c.id}>
                    {c.name} ({c.vatNumber})
                  </option>
                ))}
              </select>
            </div>
            <div class="field">
              <label for="c-channel">{t('channel')}</label>
              <select
                id="c-channel"
                value={channel}
                onChange={(e) => setChannel(e.currentTarget.value)}
              >
                {(['PHONE', 'EMAIL', 'MOBILE', 'SMS', 'OTHER', 'PORTAL'] as const).map((c) => (
                  <option value={c}>{t(c)}</option>
                ))}
              </select>
            </div>
          </div>
        )}
        <div class="field">
          <label for="c-subject">{t('subject')}</label>
          <input
            id="c-subject"
            required
            maxLength={200}
            value={subject}
            onInput={(e) => setSubject(e.currentTarget.value)}
          />
        </div>
        <div class="row">
          <div class="field">
            <label for="c-priority">{t('priority')}</label>
            <select
              id="c-priority"
              value={priority}
              onChange={(e) => setPriority(e.currentTarget.value as Priority)}
            >
              {(['HIGH', 'MEDIUM', 'LOW'] as const).map((p) => (
                <option value={p}>{t(`${p}_hint`)}</option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for="c-scope">{t('scope')}</label>
            <select
              id="c-scope"
              required
              value={scope}
              onChange={(e) => {
                setScope(e.currentTarget.value);
                setTopic('');
              }}
            >
              <option value="">{t('chooseScope')}</option>
              {scopes.map((s) => (
                <option value={s.code}>{s.name}</option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for="c-topic">{t('topic')}</label>
            <select
              id="c-topic"
              value={topic}
              disabled={topics.length === 0}
              onChange={(e) => setTopic(e.currentTarget.value)}
            >
              <option value="">{scope && topics.length === 0 ? t('noTopics') : t('chooseTopic')}</option>
              {topics.map((tp) => (
                <option value={tp.code}>{tp.name}</option>
              ))}
            </select>
          </div>
        </div>
        <div class="field">
          <label for="c-note">{t('note')}</label>
          <textarea
            id="c-note"
            rows={8}
            required
            aria-describedby="c-note-hint"
            value={note}
            onInput={(e) => setNote(e.currentTarget.value)}
          />
          <small id="c-note-hint">{t('noteHint')}</small>
        </div>
        <AttachmentPicker
          idPrefix="c"
          value={attachments}
          onChange={setAttachments}
          disabled={busy}
        />
        <div class="field checkbox">
          <input
            id="c-urgent"
            type="checkbox"
            checked={urgent}
            onChange={(e) => setUrgent(e.currentTarget.checked)}
          />
          <label for="c-urgent">{t('urgent')}</label>
        </div>
        {errors.length > 0 && (
          <div class="notice notice-error" role="alert">
            <ul>
              {errors.map((m) => (
                <li>{m}</li>
              ))}
            </ul>
          </div>
        )}
        <div class="actions">
          <button type="submit" class="primary" disabled={busy}>
            {busy ? t('saving') : t('save')}
          </button>
          <a href="#/tickets">{t('cancel')}</a>
        </div>
      </form>
    </section>
  );
}
