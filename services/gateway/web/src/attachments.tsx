// Choosing attachments for a message: up to 3 images and 1 file, checked in
// the browser as the server checks them (extension, magic bytes, size),
// previewed, then uploaded one by one with a progress bar each. A refusal,
// the browser's or the server's, is shown in Italian under its field.
import { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, Attachment, upload } from './api';
import { t } from './i18n';

export interface PickedFile {
  key: string;
  file: File;
  previewUrl?: string;
  progress: number; // 0..1
  uploaded?: Attachment;
  error?: string; // the server refused it: why, in the portal's language
}
export interface Picked {
  images: PickedFile[];
  file: PickedFile | null;
}
export const kNoAttachments: Picked = { images: [], file: null };

/** Thrown by uploadPicked when the server refused a file (its item says why). */
export class UploadRefused extends Error {}

const kMaxImageBytes = 10 * 1024 * 1024;
const kMaxFileBytes = 25 * 1024 * 1024;
const kImageExtensions = ['png', 'jpg', 'jpeg'];
const kFileExtensions = ['doc', 'docx', 'xls', 'xlsx', 'csv', 'zip', 'pdf', 'png', 'jpg', 'jpeg'];

function extension(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot < 0 ? '' : name.slice(dot + 1).toLowerCase();
}

async function head(file: File, n: number): Promise<Uint8Array> {
  return new Uint8Array(await file.slice(0, n).arrayBuffer());
}

function startsWith(bytes: Uint8Array, prefix: number[]): boolean {
  return prefix.every((b, i) => bytes[i] === b);
}

/** Whether the first bytes match what the extension promises. */
async function contentMatches(file: File, ext: string): Promise<boolean> {
  const b = await head(file, 8);
  switch (ext) {
    case 'png':
      return startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    case 'jpg':
    case 'jpeg':
      return startsWith(b, [0xff, 0xd8, 0xff]);
    case 'pdf':
      return startsWith(b, [0x25, 0x50, 0x44, 0x46, 0x2d]);
    case 'zip':
    case 'docx':
    case 'xlsx':
      return startsWith(b, [0x50, 0x4b, 0x03, 0x04]) || startsWith(b, [0x50, 0x4b, 0x05, 0x06]);
    case 'doc':
    case 'xls':
      return startsWith(b, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    case 'csv':
      return !(await head(file, 4096)).includes(0);
    default:
      return false;
  }
}

/** The error for an image, or "" when it may be sent. */
export async function checkImage(file: File): Promise<string> {
  const ext = extension(file.name);
  if (!kImageExtensions.includes(ext)) return t('errImageType', { f: file.name });
  if (file.size > kMaxImageBytes) return t('errImageSize', { f: file.name });
  if (!(await contentMatches(file, ext))) return t('errImageContent', { f: file.name });
  return '';
}

/** The error for the file, or "" when it may be sent. */
export async function checkFile(file: File): Promise<string> {
  const ext = extension(file.name);
  if (!kFileExtensions.includes(ext)) return t('errFileType', { f: file.name });
  if (file.size > kMaxFileBytes) return t('errFileSize', { f: file.name });
  if (!(await contentMatches(file, ext))) return t('errFileContent', { f: file.name });
  return '';
}

let keyCounter = 0;
function picked(file: File, preview: boolean): PickedFile {
  keyCounter += 1;
  return {
    key: `a${keyCounter}`,
    file,
    progress: 0,
    previewUrl: preview ? URL.createObjectURL(file) : undefined,
  };
}

/** An error under a field, announced, and named by the field's input. */
function FieldError(props: { id: string; children: ComponentChildren }) {
  if (!props.children) return null;
  return (
    <p id={props.id} class="notice notice-error field-error" role="alert" aria-live="assertive">
      {props.children}
    </p>
  );
}

export function AttachmentPicker(props: {
  idPrefix: string;
  value: Picked;
  onChange: (next: Picked) => void;
  disabled?: boolean;
}) {
  const { value, onChange, idPrefix } = props;
  // The browser's own checks, per field; the server's refusals live on the items.
  const [imageProblem, setImageProblem] = useState('');
  const [fileProblem, setFileProblem] = useState('');
  const imageError = imageProblem || value.images.find((p) => p.error)?.error || '';
  const fileError = fileProblem || value.file?.error || '';
  const imageErrorId = `${idPrefix}-images-error`;
  const fileErrorId = `${idPrefix}-file-error`;
  const latest = useRef(value);
  latest.current = value;
  // Object URLs live as long as the picker.
  useEffect(
    () => () => {
      for (const p of latest.current.images) if (p.previewUrl) URL.revokeObjectURL(p.previewUrl);
    },
    [],
  );

  async function addImages(input: HTMLInputElement) {
    const files = Array.from(input.files ?? []);
    input.value = '';
    const errors: string[] = [];
    const accepted: PickedFile[] = [];
    for (const f of files) {
      if (latest.current.images.length + accepted.length >= 3) {
        errors.push(t('errTooManyImages'));
        break;
      }
      const problem = await checkImage(f);
      if (problem) errors.push(problem);
      else accepted.push(picked(f, true));
    }
    setImageProblem(errors.join(' '));
    onChange({ ...latest.current, images: [...latest.current.images, ...accepted] });
  }

  async function setFile(input: HTMLInputElement) {
    const f = input.files?.[0];
    input.value = '';
    if (!f) return;
    const problem = await checkFile(f);
    setFileProblem(problem);
    if (!problem) onChange({ ...latest.current, file: picked(f, false) });
  }

  function removeImage(key: string) {
    const gone = value.images.find((p) => p.key === key);
    if (gone?.previewUrl) URL.revokeObjectURL(gone.previewUrl);
    onChange({ ...value, images: value.images.filter((p) => p.key !== key) });
  }

  return (
    <div class="attachments">
      <div class="field">
        <label for={`${idPrefix}-images`}>{t('images')}</label>
        <div class="file-picker">
          {/* The native control's own words follow the browser's language:
              it stays for keyboards and screen readers, our label shows. */}
          <input
            id={`${idPrefix}-images`}
            class="file-input"
            type="file"
            accept=".png,.jpg,.jpeg,image/png,image/jpeg"
            multiple
            aria-invalid={imageError ? 'true' : undefined}
            aria-describedby={imageError ? imageErrorId : undefined}
            disabled={props.disabled || value.images.length >= 3}
            onChange={(e) => addImages(e.currentTarget)}
          />
          <label for={`${idPrefix}-images`} class="button" aria-hidden="true">
            {t('addImages')}
          </label>
          <span class="count">{value.images.length}/3</span>
        </div>
        <ul class="previews">
          {value.images.map((p, i) => (
            <li key={p.key} class={p.error ? 'failed' : undefined}>
              <img src={p.previewUrl} alt={`img${i + 1}: ${p.file.name}`} />
              <span class="filename">{p.file.name}</span>
              <Progress item={p} />
              <button
                type="button"
                disabled={props.disabled}
                aria-label={`${t('remove')} ${p.file.name}`}
                onClick={() => removeImage(p.key)}
              >
                {t('remove')}
              </button>
            </li>
          ))}
        </ul>
        <FieldError id={imageErrorId}>{imageError}</FieldError>
      </div>
      <div class="field">
        <label for={`${idPrefix}-file`}>{t('file')}</label>
        <div class="file-picker">
          <input
            id={`${idPrefix}-file`}
            class="file-input"
            type="file"
            accept=".doc,.docx,.xls,.xlsx,.csv,.zip,.pdf,.png,.jpg,.jpeg"
            aria-invalid={fileError ? 'true' : undefined}
            aria-describedby={fileError ? fileErrorId : undefined}
            disabled={props.disabled}
            onChange={(e) => setFile(e.currentTarget)}
          />
          <label for={`${idPrefix}-file`} class="button" aria-hidden="true">
            {t('addFile')}
          </label>
          <span class="count">{value.file ? 1 : 0}/1</span>
        </div>
        {value.file && (
          <ul class="previews">
            <li class={value.file.error ? 'failed' : undefined}>
              <span class="filename">{value.file.file.name}</span>
              <Progress item={value.file} />
              <button
                type="button"
                disabled={props.disabled}
                aria-label={`${t('remove')} ${value.file.file.name}`}
                onClick={() => onChange({ ...value, file: null })}
              >
                {t('remove')}
              </button>
            </li>
          </ul>
        )}
        <FieldError id={fileErrorId}>{fileError}</FieldError>
      </div>
    </div>
  );
}

// The upload's bar: shown from the first byte sent, with its percentage in
// words too, green when the server kept the file, red when it refused it.
function Progress(props: { item: PickedFile }) {
  const { item } = props;
  if (item.progress === 0 && !item.uploaded && !item.error) return null;
  const percent = Math.round(item.progress * 100);
  const state = item.error ? 'failed' : item.uploaded ? 'done' : 'uploading';
  const words = state === 'failed' ? t('uploadFailed') : state === 'done' ? `100% ${t('uploadDone')}` : `${percent}%`;
  return (
    <span class={`upload upload-${state}`} data-state={state}>
      <progress
        max={100}
        value={percent}
        aria-label={t('uploading', { f: item.file.name })}
        aria-valuetext={words}
      />
      <span class="upload-words" aria-hidden="true">
        {words}
      </span>
    </span>
  );
}

// The server's refusal (English, naming the `file` field) in the portal's language.
function refusalText(item: PickedFile, e: ApiError): string {
  const f = item.file.name;
  const limit = /larger than the limit of (\d+ \S+)/.exec(e.message);
  if (e.status === 413 || limit) return t('errUploadSize', { f, m: limit?.[1] ?? '' });
  if (/continues after/.test(e.message)) return t('errUploadTrailing', { f });
  if (/markup/.test(e.message)) return t('errUploadMarkup', { f });
  if (/^file: content is /.test(e.message)) {
    return kImageExtensions.includes(extension(f)) && item.previewUrl
      ? t('errImageContent', { f })
      : t('errFileContent', { f });
  }
  return t('errUploadRefused', { f });
}

/** Uploads what is not uploaded yet; reports progress through onChange. */
export async function uploadPicked(
  value: Picked,
  onChange: (next: Picked) => void,
): Promise<{ imageIds: string[]; fileId: string }> {
  let state = value;
  const update = (key: string, patch: Partial<PickedFile>) => {
    state = {
      images: state.images.map((p) => (p.key === key ? { ...p, ...patch } : p)),
      file: state.file && state.file.key === key ? { ...state.file, ...patch } : state.file,
    };
    onChange(state);
  };
  const all = [...value.images, ...(value.file ? [value.file] : [])];
  for (const item of all) {
    if (item.uploaded) continue;
    update(item.key, { error: undefined, progress: 0 });
    let attachment: Attachment;
    try {
      attachment = await upload(item.file, (f) => update(item.key, { progress: Math.max(f, 0.01) }));
    } catch (e) {
      // 400/413: this file will never be accepted; anything else may pass on a retry.
      if (e instanceof ApiError && (e.status === 400 || e.status === 413)) {
        const message = refusalText(item, e);
        update(item.key, { error: message });
        throw new UploadRefused(message);
      }
      update(item.key, { progress: 0 });
      throw e;
    }
    update(item.key, { uploaded: attachment, progress: 1 });
  }
  const find = (key: string) => all.find((p) => p.key === key);
  return {
    imageIds: state.images.map((p) => p.uploaded?.id ?? find(p.key)?.uploaded?.id ?? ''),
    fileId: state.file?.uploaded?.id ?? '',
  };
}
