// A consultant's work log entry on a ticket (SPEC §5): service type, start,
// duration, on-site flag, description.
import { useState } from 'preact/hooks';
import { api } from '../api';
import { romeInputValue, romeWallTimeToDate, t } from '../i18n';
import { errorText, Notice } from '../ui';

export function WorkLogForm(props: { ticketId: string }) {
  const [serviceType, setServiceType] = useState('SAT');
  // Times are Rome's, wherever the browser is; by default the last hour.
  const [start, setStart] = useState(() => romeInputValue(Date.now() - 60 * 60_000));
  const [minutes, setMinutes] = useState('15');
  const [onSite, setOnSite] = useState(false);
  const [description, setDescription] = useState('');
  const [error, setError] = useState('');
  const [done, setDone] = useState('');

  async function submit(e: Event) {
    e.preventDefault();
    setError('');
    setDone('');
    const startDate = romeWallTimeToDate(start);
    const duration = Number(minutes);
    if (!startDate || !Number.isInteger(duration) || duration <= 0) {
      return setError(t('errGeneric', { m: `${t('start')} / ${t('minutes')}` }));
    }
    try {
      await api.addWorkLog(props.ticketId, {
        serviceType,
        start: startDate.toISOString(),
        durationMinutes: duration,
        onSite,
        description,
      });
      setDone(t('worklogSaved'));
      setDescription('');
    } catch (err) {
      setError(errorText(err));
    }
  }

  return (
    <details class="card worklog">
      <summary>{t('worklog')}</summary>
      <form onSubmit={submit} novalidate>
        <div class="row">
          <div class="field">
            <label for="w-type">{t('serviceType')}</label>
            <select id="w-type" value={serviceType} onChange={(e) => setServiceType(e.currentTarget.value)}>
              {(['SAT', 'STA', 'SAD'] as const).map((s) => (
                <option value={s}>{t(s)}</option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for="w-start">{t('start')}</label>
            <input id="w-start" type="datetime-local" value={start} onInput={(e) => setStart(e.currentTarget.value)} />
          </div>
          <div class="field">
            <label for="w-minutes">{t('minutes')}</label>
            <input
              id="w-minutes"
              type="number"
              min={1}
              inputMode="numeric"
              value={minutes}
              onInput={(e) => setMinutes(e.currentTarget.value)}
            />
          </div>
        </div>
        <div class="field checkbox">
          <input id="w-onsite" type="checkbox" checked={onSite} onChange={(e) => setOnSite(e.currentTarget.checked)} />
          <label for="w-onsite">{t('onSite')}</label>
        </div>
        <div class="field">
          <label for="w-desc">{t('description')}</label>
          <textarea id="w-desc" rows={3} value={description} onInput={(e) => setDescription(e.currentTarget.value)} />
        </div>
        <Notice kind="error">{error}</Notice>
        <Notice kind="ok">{done}</Notice>
        <div class="actions">
          <button type="submit" class="primary">{t('save')}</button>
        </div>
      </form>
    </details>
  );
}
