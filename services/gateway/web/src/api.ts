// The portal's client of the gateway's /v1 API (SPEC §7).
//
// Sessions work two ways, so the portal runs against either gateway:
// - cookies (the portal contract): login, refresh and password change carry
//   `X-Helpdesk-Client: portal`; the gateway answers with HttpOnly cookies
//   and a readable `hd_csrf` cookie, whose value goes back in `X-CSRF-Token`
//   on every request that is not a GET;
// - bearer tokens, when the login answer still carries `accessToken`: they
//   are kept in memory only (never in storage) and sent as Authorization.

export type Role = 'CUSTOMER' | 'CONSULTANT' | 'ADMINISTRATOR';
export interface Person {
  id: string;
  displayName: string;
  role: Role;
}
export interface Me {
  account: Person;
  username: string;
  companyId: string;
  companyName: string;
  notificationEmail: string;
  language: string;
  mustChangePassword: boolean;
  notificationEmailSet?: boolean;
}
export type Priority = 'HIGH' | 'MEDIUM' | 'LOW';
export type Status = 'OPEN' | 'IN_PROGRESS' | 'WAITING_CUSTOMER' | 'CLOSED';
export type Channel = 'PORTAL' | 'PHONE' | 'EMAIL' | 'MOBILE' | 'SMS' | 'OTHER';
export type SlaState = 'OK' | 'WARNING' | 'BREACHED' | 'MET';
export interface Ticket {
  id: string;
  number: string;
  progressive: number;
  subject: string;
  companyId: string;
  companyName: string;
  priority: Priority;
  scope: string;
  scopeName: string;
  topic: string;
  topicName: string;
  status: Status;
  channel: Channel;
  urgentOnSite: boolean;
  publishedBy?: Person;
  assignee?: Person;
  createdAt?: string;
  takenAt?: string;
  slaDueAt?: string;
  onSiteDueAt?: string;
  closedAt?: string;
  slaState?: SlaState;
  slaRemainingMinutes?: number;
}
export interface Attachment {
  id: string;
  filename: string;
  contentType: string;
  size: number | string;
  sha256: string;
  kind: 'IMAGE' | 'FILE';
}
export interface Message {
  id: string;
  author?: Person;
  internal: boolean;
  note: string;
  images: Attachment[];
  file?: Attachment;
  createdAt?: string;
}
export interface Topic {
  code: string;
  name: string;
}
export interface Scope {
  code: string;
  name: string;
  topics: Topic[];
}
export interface Company {
  id: string;
  name: string;
  vatNumber: string;
  notificationEmail: string;
  active: boolean;
}
export interface Account {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  companyId: string;
  active: boolean;
}
export interface HistoryEvent {
  at: string;
  actor?: Person;
  what: string;
  from: string;
  to: string;
}

/** An error answer of the API: HTTP status, gRPC code and message. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

let accessToken = '';
let refreshToken = '';
let onSessionLost: () => void = () => {};

export function setSessionLostHandler(handler: () => void): void {
  onSessionLost = handler;
}

function readCookie(name: string): string {
  for (const part of document.cookie.split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return decodeURIComponent(v.join('='));
  }
  return '';
}

const kPortalAuthPaths = ['/v1/auth/login', '/v1/auth/refresh', '/v1/auth/password:change'];

/** The headers every call carries: session, CSRF and client marker. */
export function authHeaders(method: string, path: string): Record<string, string> {
  const headers: Record<string, string> = {};
  if (accessToken) headers['Authorization'] = `Bearer ${accessToken}`;
  if (method !== 'GET' && method !== 'HEAD') {
    const csrf = readCookie('hd_csrf');
    if (csrf) headers['X-CSRF-Token'] = csrf;
  }
  if (kPortalAuthPaths.includes(path)) headers['X-Helpdesk-Client'] = 'portal';
  return headers;
}

/** Keeps tokens from a token answer when the gateway still sends them. */
function keepTokens(body: unknown): void {
  const b = body as { accessToken?: string; refreshToken?: string };
  if (b && typeof b.accessToken === 'string' && b.accessToken) {
    accessToken = b.accessToken;
    refreshToken = b.refreshToken ?? '';
  }
}

async function errorFrom(response: Response): Promise<ApiError> {
  let code = 0;
  let message = response.statusText || `HTTP ${response.status}`;
  try {
    const body = await response.json();
    if (typeof body.code === 'number') code = body.code;
    if (typeof body.message === 'string') message = body.message;
  } catch {
    // not JSON: keep the status text
  }
  return new ApiError(response.status, code, message);
}

let refreshing: Promise<boolean> | null = null;

/** One refresh at a time; true when the session was renewed. */
function refreshSession(): Promise<boolean> {
  refreshing ??= (async () => {
    try {
      const path = '/v1/auth/refresh';
      const response = await fetch(path, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'Content-Type': 'application/json', ...authHeaders('POST', path) },
        body: JSON.stringify(refreshToken ? { refreshToken } : {}),
      });
      if (!response.ok) return false;
      keepTokens(await response.json());
      return true;
    } catch {
      return false;
    } finally {
      refreshing = null;
    }
  })();
  return refreshing;
}

const kNoRefresh = ['/v1/auth/login', '/v1/auth/refresh', '/v1/auth/logout'];

/** Calls the API and returns the parsed JSON body, or throws ApiError. */
export async function call<T>(
  method: string,
  path: string,
  body?: unknown,
  extraHeaders: Record<string, string> = {},
): Promise<T> {
  const send = () =>
    fetch(path, {
      method,
      credentials: 'same-origin',
      headers: {
        Accept: 'application/json',
        ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
        ...authHeaders(method, path.split('?')[0]),
        ...extraHeaders,
      },
      body: body !== undefined ? JSON.stringify(body) : undefined,
    });
  let response = await send();
  if (response.status === 401 && !kNoRefresh.includes(path)) {
    if (await refreshSession()) response = await send();
    if (response.status === 401) {
      onSessionLost();
    }
  }
  if (!response.ok) throw await errorFrom(response);
  const text = await response.text();
  const parsed = text ? JSON.parse(text) : {};
  if (kPortalAuthPaths.includes(path)) keepTokens(parsed);
  return parsed as T;
}

export function query(params: Record<string, string | number | boolean | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === '' || v === false) continue;
    q.set(k, String(v));
  }
  const s = q.toString();
  return s ? `?${s}` : '';
}

export interface LoginAnswer {
  expiresIn: number;
  mustChangePassword: boolean;
}

export const api = {
  login: (username: string, password: string) =>
    call<LoginAnswer>('POST', '/v1/auth/login', { username, password }),
  logout: async () => {
    try {
      await call('POST', '/v1/auth/logout', {});
    } finally {
      accessToken = '';
      refreshToken = '';
    }
  },
  changePassword: (currentPassword: string, newPassword: string) =>
    call<LoginAnswer>('POST', '/v1/auth/password:change', { currentPassword, newPassword }),
  forgotPassword: (username: string) => call('POST', '/v1/auth/password:forgot', { username }),
  resetPassword: (token: string, newPassword: string) =>
    call('POST', '/v1/auth/password:reset', { token, newPassword }),
  me: () => call<Me>('GET', '/v1/me'),
  setNotificationEmail: (email: string) =>
    call<Me>('PUT', '/v1/me/notification-email', { email }),
  scopes: () => call<{ scopes: Scope[] }>('GET', '/v1/scopes'),
  listTickets: (params: Record<string, string | number | boolean | undefined>) =>
    call<{ tickets: Ticket[]; nextPageToken: string }>('GET', `/v1/tickets${query(params)}`),
  getTicket: (id: string) => call<Ticket>('GET', `/v1/tickets/${encodeURIComponent(id)}`),
  createTicket: (body: Record<string, unknown>, idempotencyKey: string) =>
    call<Ticket>('POST', '/v1/tickets', body, { 'Idempotency-Key': idempotencyKey }),
  messages: (id: string) =>
    call<{ messages: Message[] }>('GET', `/v1/tickets/${encodeURIComponent(id)}/messages`),
  addMessage: (id: string, body: Record<string, unknown>) =>
    call<Message>('POST', `/v1/tickets/${encodeURIComponent(id)}/messages`, body),
  history: (id: string) =>
    call<{ events: HistoryEvent[] }>('GET', `/v1/tickets/${encodeURIComponent(id)}/history`),
  action: (id: string, verb: 'close' | 'take' | 'reopen') =>
    call<Ticket>('POST', `/v1/tickets/${encodeURIComponent(id)}:${verb}`, {}),
  assign: (id: string, assigneeId: string) =>
    call<Ticket>('POST', `/v1/tickets/${encodeURIComponent(id)}:assign`, { assigneeId }),
  setPriority: (id: string, priority: Priority) =>
    call<Ticket>('PATCH', `/v1/tickets/${encodeURIComponent(id)}`, { priority }),
  addWorkLog: (id: string, body: Record<string, unknown>) =>
    call('POST', `/v1/tickets/${encodeURIComponent(id)}/worklog`, body),
  companies: () => call<{ companies: Company[] }>('GET', '/v1/companies?pageSize=200'),
  staffAccounts: () => call<{ accounts: Account[] }>('GET', '/v1/accounts?pageSize=200'),
};

/** Uploads one file (multipart field `file`), reporting progress 0..1. */
export function upload(file: File, onProgress: (fraction: number) => void): Promise<Attachment> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/v1/attachments');
    xhr.withCredentials = true;
    for (const [k, v] of Object.entries(authHeaders('POST', '/v1/attachments'))) {
      xhr.setRequestHeader(k, v);
    }
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(e.loaded / e.total);
    };
    xhr.onload = () => {
      let body: { code?: number; message?: string } = {};
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        // keep {}
      }
      if (xhr.status === 200) {
        onProgress(1);
        resolve(body as unknown as Attachment);
      } else {
        reject(new ApiError(xhr.status, body.code ?? 0, body.message ?? `HTTP ${xhr.status}`));
      }
    };
    xhr.onerror = () => reject(new ApiError(0, 14, 'network error'));
    const form = new FormData();
    form.append('file', file, file.name);
    xhr.send(form);
  });
}

/** Fetches a protected file as a Blob (works with cookies and bearer tokens). */
export async function fetchBlob(path: string): Promise<Blob> {
  const response = await fetch(path, {
    credentials: 'same-origin',
    headers: authHeaders('GET', path),
  });
  if (!response.ok) throw await errorFrom(response);
  return response.blob();
}

/** Saves a protected file under `filename` through a temporary object URL. */
export async function download(path: string, filename: string): Promise<void> {
  const blob = await fetchBlob(path);
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export function hasBearerSession(): boolean {
  return accessToken !== '';
}
