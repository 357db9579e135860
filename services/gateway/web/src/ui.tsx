// Small shared pieces: notices, the confirmation dialog, error texts.
// Every user-supplied text is rendered as a JSX text child, which Preact
// writes with textContent: never as HTML.
import { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { ApiError } from './api';
import { t } from './i18n';

export function Notice(props: { kind: 'error' | 'ok' | 'info'; children: ComponentChildren }) {
  if (!props.children) return null;
  return (
    <p
      class={`notice notice-${props.kind}`}
      role={props.kind === 'error' ? 'alert' : 'status'}
      aria-live={props.kind === 'error' ? 'assertive' : 'polite'}
    >
      {props.children}
    </p>
  );
}

/** The text to show for a failed call. */
export function errorText(e: unknown): string {
  if (e instanceof ApiError) {
    if (e.status === 0 || e.status === 503 || e.status === 504) return t('errNetwork');
    if (e.status === 429) return t('tooMany');
    return t('errGeneric', { m: e.message });
  }
  if (e instanceof TypeError) return t('errNetwork');
  return t('errGeneric', { m: String(e) });
}

/** A modal confirmation built on <dialog>: focus moves in, Escape cancels. */
export function ConfirmDialog(props: {
  open: boolean;
  title: string;
  text?: string;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (props.open && !d.open) d.showModal();
    if (!props.open && d.open) d.close();
  }, [props.open]);
  return (
    <dialog
      ref={ref}
      class="confirm"
      aria-labelledby="confirm-title"
      onCancel={(e) => {
        e.preventDefault();
        props.onCancel();
      }}
    >
      <h2 id="confirm-title">{props.title}</h2>
      {props.text && <p>{props.text}</p>}
      <div class="actions">
        <button type="button" class="primary" onClick={props.onConfirm}>
          {t('confirm')}
        </button>
        <button type="button" onClick={props.onCancel} autofocus>
          {t('cancel')}
        </button>
      </div>
    </dialog>
  );
}

/** A random key so that a retried creation returns the first ticket. */
export function newIdempotencyKey(): string {
  return crypto.randomUUID();
}
