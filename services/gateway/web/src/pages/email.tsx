// "Indirizzo Email": the notification address, required before the first
// ticket (manual: "Prima di creare un Ticket devi cambiare l'indirizzo email
// di default"), changeable at any time.
import { useState } from 'preact/hooks';
import { api, Me } from '../api';
import { t } from '../i18n';
import { navigate, updateMe } from '../state';
import { ConfirmDialog, errorText, Notice } from '../ui';

const kEmail = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function emailIsSet(me: Me): boolean {
  return me.notificationEmailSet !== false;
}

export function EmailPage(props: { me: Me }) {
  const mustChange = !emailIsSet(props.me);
  const [email, setEmail] = useState('');
  const [asking, setAsking] = useState(false);
  const [error, setError] = useState('');
  const [done, setDone] = useState(false);

  function submit(e: Event) {
    e.preventDefault();
    setError('');
    setDone(false);
    if (!kEmail.test(email.trim())) return setError(t('emailInvalid'));
    setAsking(true);
  }

  async function change() {
    setAsking(false);
    try {
      const me = await api.setNotificationEmail(email.trim());
      updateMe(me);
      setDone(true);
      setEmail('');
      if (mustChange) navigate('/tickets?welcome=1');
    } catch (err) {
      setError(errorText(err));
    }
  }

  return (
    <section class="card narrow" aria-labelledby="email-title">
      <h1 id="email-title">{t('emailTitle')}</h1>
      {mustChange && <Notice kind="info">{t('emailMustChange')}</Notice>}
      <p>{t('emailUse')}</p>
      {done && <Notice kind="ok">{t('emailDone')}</Notice>}
      <p class="current-email">
        {t('emailCurrent')} <strong>{props.me.notificationEmail}</strong>
      </p>
      <form onSubmit={submit} novalidate>
        <div class="field">
          <label for="email">{t('emailNew')}</label>
          <input
            id="email"
            type="email"
            autocomplete="email"
            required
            placeholder="email"
            value={email}
            onInput={(e) => setEmail(e.currentTarget.value)}
          />
        </div>
        <Notice kind="error">{error}</Notice>
        <div class="actions">
          <button type="submit" class="primary">
            {t('emailChange')}
          </button>
        </div>
      </form>
      <ConfirmDialog
        open={asking}
        title={t('emailConfirm')}
        text={email.trim()}
        onConfirm={change}
        onCancel={() => setAsking(false)}
      />
    </section>
  );
}
