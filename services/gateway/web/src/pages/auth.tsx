// Sign-in, the forced password change, forgotten password and reset.
import { useState } from 'preact/hooks';
import { api, ApiError } from '../api';
import { t } from '../i18n';
import { loadSession, navigate, setSession } from '../state';
import { errorText, Notice } from '../ui';

export function LoginPage(props: { notice?: string }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  async function submit(e: Event) {
    e.preventDefault();
    setError('');
    setBusy(true);
    try {
      const answer = await api.login(username.trim(), password);
      if (answer.mustChangePassword) {
        setSession({ kind: 'mustChangePassword', username: username.trim() });
      } else {
        // The page for the current route follows; "/" and "/login" go home.
        await loadSession();
      }
    } catch (err) {
      if (err instanceof ApiError && (err.status === 401 || err.status === 400)) {
        setError(t('badLogin'));
      } else setError(errorText(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section class="card narrow" aria-labelledby="login-title">
      <h1 id="login-title">{t('loginTitle')}</h1>
      {props.notice === 'sessionExpired' && <Notice kind="info">{t('sessionExpired')}</Notice>}
      <form onSubmit={submit} novalidate>
        <div class="field">
          <label for="username">{t('username')}</label>
          <input
            id="username"
            name="username"
            autocomplete="username"
            required
            value={username}
            aria-describedby="username-hint"
            onInput={(e) => setUsername(e.currentTarget.value)}
          />
          <small id="username-hint">{t('usernameHint')}</small>
        </div>
        <div class="field">
          <label for="password">{t('password')}</label>
          <input
            id="password"
            name="password"
            type="password"
            autocomplete="current-password"
            required
            value={password}
            onInput={(e) => setPassword(e.currentTarget.value)}
          />
        </div>
        <Notice kind="error">{error}</Notice>
        <div class="actions">
          <button type="submit" class="primary" disabled={busy}>
            {t('login')}
          </button>
          <a href="#/forgot">{t('forgot')}</a>
        </div>
      </form>
    </section>
  );
}

/** Client-side mirror of the server's policy; the server has the last word. */
function checkNewPassword(username: string, next: string, confirm: string): string {
  if (next.length < 10) return t('pwTooShort');
  if (username && next === username) return t('pwSameAsUser');
  if (next !== confirm) return t('pwMismatch');
  return '';
}

export function ChangePasswordPage(props: { username: string; forced: boolean }) {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [error, setError] = useState('');
  const [done, setDone] = useState('');
  const [busy, setBusy] = useState(false);

  async function submit(e: Event) {
    e.preventDefault();
    setError('');
    const problem = checkNewPassword(props.username, next, confirm);
    if (problem) return setError(problem);
    setBusy(true);
    try {
      await api.changePassword(current, next);
      setDone(t('pwChanged'));
      await loadSession();
      if (props.forced) navigate('/');
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section class="card narrow" aria-labelledby="pw-title">
      <h1 id="pw-title">{props.forced ? t('pwTitle') : t('changePassword')}</h1>
      {props.forced && <Notice kind="error">{t('pwExpired')}</Notice>}
      <form onSubmit={submit} onInput={() => setError('')} novalidate>
        <div class="field">
          <label for="pw-current">{t('pwCurrent')}</label>
          <input
            id="pw-current"
            type="password"
            autocomplete="current-password"
            required
            value={current}
            onInput={(e) => setCurrent(e.currentTarget.value)}
          />
        </div>
        <div class="field">
          <label for="pw-new">{t('pwNew')}</label>
          <input
            id="pw-new"
            type="password"
            autocomplete="new-password"
            required
            minLength={10}
            aria-describedby="pw-policy"
            value={next}
            onInput={(e) => setNext(e.currentTarget.value)}
          />
          <small id="pw-policy">{t('pwPolicy')}</small>
        </div>
        <div class="field">
          <label for="pw-confirm">{t('pwConfirm')}</label>
          <input
            id="pw-confirm"
            type="password"
            autocomplete="new-password"
            required
            value={confirm}
            onInput={(e) => setConfirm(e.currentTarget.value)}
          />
        </div>
        <Notice kind="error">{error}</Notice>
        <Notice kind="ok">{done}</Notice>
        <div class="actions">
          <button type="submit" class="primary" disabled={busy}>
            {t('pwSave')}
          </button>
        </div>
      </form>
    </section>
  );
}

export function ForgotPage() {
  const [username, setUsername] = useState('');
  const [sent, setSent] = useState(false);
  const [error, setError] = useState('');

  async function submit(e: Event) {
    e.preventDefault();
    setError('');
    try {
      await api.forgotPassword(username.trim());
      setSent(true);
    } catch (err) {
      setError(errorText(err));
    }
  }

  return (
    <section class="card narrow" aria-labelledby="forgot-title">
      <h1 id="forgot-title">{t('forgotTitle')}</h1>
      {sent ? (
        <Notice kind="ok">{t('forgotDone')}</Notice>
      ) : (
        <form onSubmit={submit} novalidate>
          <p>{t('forgotText')}</p>
          <div class="field">
            <label for="forgot-username">{t('username')}</label>
            <input
              id="forgot-username"
              autocomplete="username"
              required
              value={username}
              onInput={(e) => setUsername(e.currentTarget.value)}
            />
          </div>
          <Notice kind="error">{error}</Notice>
          <div class="actions">
            <button type="submit" class="primary">
              {t('forgotSend')}
            </button>
          </div>
        </form>
      )}
      <p>
        <a href="#/login">{t('backToLogin')}</a>
      </p>
    </section>
  );
}

export function ResetPage(props: { token: string }) {
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [error, setError] = useState('');
  const [done, setDone] = useState(false);

  async function submit(e: Event) {
    e.preventDefault();
    setError('');
    const problem = checkNewPassword('', next, confirm);
    if (problem) return setError(problem);
    try {
      await api.resetPassword(props.token, next);
      setDone(true);
    } catch (err) {
      setError(errorText(err));
    }
  }

  return (
    <section class="card narrow" aria-labelledby="reset-title">
      <h1 id="reset-title">{t('resetTitle')}</h1>
      {!props.token ? (
        <Notice kind="error">{t('resetNoToken')}</Notice>
      ) : done ? (
        <Notice kind="ok">{t('resetDone')}</Notice>
      ) : (
        <form onSubmit={submit} novalidate>
          <div class="field">
            <label for="reset-new">{t('pwNew')}</label>
            <input
              id="reset-new"
              type="password"
              autocomplete="new-password"
              required
              aria-describedby="reset-policy"
              value={next}
              onInput={(e) => setNext(e.currentTarget.value)}
            />
            <small id="reset-policy">{t('pwPolicy')}</small>
          </div>
          <div class="field">
            <label for="reset-confirm">{t('pwConfirm')}</label>
            <input
              id="reset-confirm"
              type="password"
              autocomplete="new-password"
              required
              value={confirm}
              onInput={(e) => setConfirm(e.currentTarget.value)}
            />
          </div>
          <Notice kind="error">{error}</Notice>
          <div class="actions">
            <button type="submit" class="primary">
              {t('pwSave')}
            </button>
          </div>
        </form>
      )}
      <p>
        <a href="#/login">{t('backToLogin')}</a>
      </p>
    </section>
  );
}
