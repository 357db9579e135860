// Texts in Italian (the default, the manual's wording) and English, and the
// date format Italians write (dd/mm/yyyy hh:mm, Europe/Rome).
import { useEffect, useState } from 'preact/hooks';

export type Lang = 'it' | 'en';

const it = {
  appTitle: 'Gestione Ticket',
  skip: 'Vai al contenuto',
  language: 'Lingua',
  switchTo: 'English',
  logout: 'Esci',
  signedInAs: 'Utente',
  // navigation (the manual's buttons)
  navCreate: '+ Crea Ticket',
  navList: 'Lista Ticket',
  navEmail: 'Indirizzo Email',
  navGuide: 'Scarica Istruzioni',
  navQueue: 'Coda ticket',
  mainNav: 'Menu principale',
  // login
  loginTitle: 'Accesso alla Gestione Ticket',
  username: 'Username',
  usernameHint: 'Per i clienti: la partita IVA dell’azienda',
  password: 'Password',
  login: 'Accedi',
  forgot: 'Password dimenticata?',
  badLogin: 'Username o password non corretti.',
  tooMany: 'Troppi tentativi. Riprova tra qualche minuto.',
  // password change
  pwTitle: 'Si prega di fornire una nuova password.',
  pwExpired: 'La Password è scaduta. Si prega di fornire una nuova password.',
  pwCurrent: 'Password Attuale',
  pwNew: 'Password Nuova',
  pwConfirm: 'Conferma Password',
  pwSave: 'SALVA',
  pwChanged: 'Password cambiata correttamente.',
  pwMismatch: 'Le due password non coincidono.',
  pwPolicy: 'Almeno 10 caratteri, diversa dallo username.',
  pwTooShort: 'La password deve avere almeno 10 caratteri.',
  pwSameAsUser: 'La password non può essere uguale allo username.',
  changePassword: 'Cambia password',
  // forgot / reset
  forgotTitle: 'Password dimenticata',
  forgotText:
    'Inserisci il tuo username: riceverai all’indirizzo email di notifica un link per impostare una nuova password.',
  forgotSend: 'Invia',
  forgotDone:
    'Se l’account esiste, abbiamo inviato un’email con il link per reimpostare la password. Il link vale per poco tempo e una sola volta.',
  backToLogin: 'Torna all’accesso',
  resetTitle: 'Imposta una nuova password',
  resetDone: 'Password reimpostata. Ora puoi accedere.',
  resetNoToken: 'Il link non è valido: richiedine uno nuovo.',
  // e-mail
  emailTitle: 'Indirizzo Email',
  emailMustChange: "Prima di creare un Ticket devi cambiare l'indirizzo email di default",
  emailUse: 'L’indirizzo email verrà usato per tutte le notifiche relative ai Ticket.',
  emailNew: 'Inserisci il nuovo indirizzo email:',
  emailLabel: 'Email',
  emailConfirm: 'Procedi col cambio email?',
  emailDone: 'Email cambiata correttamente.',
  emailCurrent: 'Indirizzo e-mail attuale:',
  emailInvalid: 'Inserisci un indirizzo email valido.',
  emailChange: 'Cambia email',
  // list
  listTitle: 'TICKET',
  empty: 'Al momento non hai nessun record salvato.',
  colSubject: 'Oggetto',
  colCompany: 'Aziende',
  colNumber: 'Numero',
  colClose: 'Chiudi',
  colPriority: 'Priorità',
  colProg: 'Prog',
  colScope: 'Ambito',
  colTopic: 'Argomento',
  colPublishedBy: 'Pubblicato Da',
  colCreated: 'Data di Creazione',
  colStatus: 'Stato',
  colAssignee: 'Assegnato a',
  colSla: 'SLA presa in carico',
  filters: 'Filtri',
  search: 'Cerca',
  searchPlaceholder: 'Cerca nell’oggetto e nelle note',
  allStatuses: 'Tutti gli stati',
  allScopes: 'Tutti gli ambiti',
  allPriorities: 'Tutte le priorità',
  apply: 'Applica',
  reset: 'Azzera',
  next: 'Pagina successiva',
  prev: 'Pagina precedente',
  page: 'Pagina',
  closeX: 'Chiudi il ticket',
  closeConfirm: 'Vuoi chiudere il Ticket {n}?',
  closeConfirmText: 'Chiudi il ticket solo se la risposta ha risolto il problema.',
  confirm: 'Conferma',
  cancel: 'Annulla',
  closed: 'Ticket chiuso.',
  sortBy: 'Ordina per {c}',
  loading: 'Caricamento…',
  // statuses and priorities
  OPEN: 'Aperto',
  IN_PROGRESS: 'In lavorazione',
  WAITING_CUSTOMER: 'Risposto',
  CLOSED: 'Chiuso',
  HIGH: 'Alta',
  MEDIUM: 'Media',
  LOW: 'Bassa',
  HIGH_hint: 'Alta – problema bloccante',
  MEDIUM_hint: 'Media – problema grave ma non bloccante',
  LOW_hint: 'Bassa – problema non grave e non bloccante',
  PORTAL: 'Portale',
  PHONE: 'Telefono',
  EMAIL: 'Email',
  MOBILE: 'Cellulare',
  SMS: 'SMS',
  OTHER: 'Altro',
  // create
  createTitle: 'Crea Ticket',
  subject: 'Oggetto',
  priority: 'Priorità',
  scope: 'Ambito',
  topic: 'Argomento',
  chooseScope: '— scegli l’ambito —',
  chooseTopic: '— scegli l’argomento —',
  noTopics: 'nessun argomento per questo ambito',
  note: 'Nota',
  noteHint: 'Descrivi in dettaglio il problema, la richiesta o il suggerimento.',
  images: 'Immagini (fino a 3: .png, .jpg)',
  file: 'File (1: .doc, .docx, .xls, .xlsx, .csv, .zip, .pdf, .png, .jpg)',
  addImages: 'Aggiungi immagini',
  addFile: 'Aggiungi file',
  remove: 'Rimuovi',
  save: 'Salva',
  saving: 'Salvataggio…',
  uploading: 'Caricamento di {f}',
  company: 'Azienda',
  chooseCompany: '— scegli l’azienda —',
  channel: 'Canale',
  urgent: 'Intervento on-site con massima urgenza (8 ore lavorative, diritto di chiamata)',
  created: 'Ticket {n} creato.',
  errSubject: 'L’oggetto è obbligatorio (massimo 200 caratteri).',
  errScope: 'Scegli l’ambito.',
  errTopic: 'Scegli l’argomento.',
  errNote: 'La nota è obbligatoria (massimo 64 KiB).',
  errCompany: 'Scegli l’azienda.',
  errTooManyImages: 'Al massimo 3 immagini per messaggio.',
  errImageType: '{f}: sono ammesse solo immagini .png, .jpg, .jpeg.',
  errImageContent: '{f}: il contenuto non è un’immagine PNG o JPEG.',
  errImageSize: '{f}: l’immagine supera i 10 MiB.',
  errFileType: '{f}: formato non ammesso.',
  errFileSize: '{f}: il file supera i 25 MiB.',
  errFileContent: '{f}: il contenuto non corrisponde all’estensione.',
  errUploadsUnavailable: 'Il caricamento degli allegati non è disponibile al momento.',
  uploadDone: 'caricato',
  uploadFailed: 'rifiutato',
  errUploadSize: '{f}: il server accetta al massimo {m} per questo tipo di allegato.',
  errUploadTrailing: '{f}: il file contiene altri dati dopo la sua fine e non è stato accettato.',
  errUploadMarkup: '{f}: il file contiene codice HTML o script e non è stato accettato.',
  errUploadRefused: '{f}: il server non ha accettato il file.',
  errAttachmentRefused: 'Un allegato non è stato accettato: rimuovilo o sostituiscilo, poi riprova.',
  // ticket page
  ticket: 'Ticket',
  backToList: '← Lista Ticket',
  notFound: 'Ticket non trovato.',
  replies: 'Risposte al Ticket',
  createMsg: 'Crea',
  newMessage: 'Nuovo messaggio',
  colAuthor: 'Creato da',
  colNote: 'Note',
  colFile: 'File',
  colDownloadImages: 'Scarica Immagini',
  colInserted: 'Data Inserimento',
  internalNote: 'Nota interna',
  internalHint: 'Nota interna (non visibile al cliente)',
  send: 'Invia',
  messageSent: 'Messaggio inviato.',
  channelLabel: 'Canale',
  assignee: 'Assegnato a',
  nobody: 'nessuno',
  takenAt: 'Presa in carico',
  slaDue: 'Scadenza presa in carico',
  onSiteDue: 'Scadenza intervento on-site',
  closedAt: 'Chiuso il',
  take: 'Prendi in carico',
  assign: 'Assegna',
  assignTo: 'Assegna a',
  reopen: 'Riapri',
  changePriority: 'Cambia priorità',
  closeTicket: 'Chiudi ticket',
  worklog: 'Registra attività',
  serviceType: 'Tipo di servizio',
  SAT: 'S.A.T. – assistenza telefonica',
  STA: 'S.T.A. – teleassistenza',
  SAD: 'S.A.D. – assistenza diretta',
  start: 'Inizio (ora italiana)',
  minutes: 'Durata (minuti)',
  onSite: 'Presso il cliente',
  description: 'Descrizione',
  worklogSaved: 'Attività registrata.',
  history: 'Cronologia',
  done: 'Fatto.',
  image: 'Immagine',
  download: 'Scarica',
  // queue
  queueTitle: 'Coda ticket',
  waiting: 'Da prendere in carico',
  unassigned: 'Non assegnati',
  mine: 'Assegnati a me',
  all: 'Tutti i non chiusi',
  allCompanies: 'Tutte le aziende',
  remaining: '{t} rimanenti',
  overdue: 'scaduto da {t}',
  met: 'preso in carico',
  slaWarning: 'in scadenza',
  slaBreached: 'scaduto',
  slaOk: 'nei tempi',
  wallClockNote: 'Tempo residuo calcolato sul calendario solare (il server non lo ha fornito).',
  newOnBehalf: '+ Ticket per conto del cliente',
  // guide
  guideTitle: 'Istruzioni',
  print: 'Stampa o salva come PDF',
  // errors
  errGeneric: 'Si è verificato un errore: {m}',
  errNetwork: 'Il servizio non risponde. Riprova tra poco.',
  sessionExpired: 'La sessione è scaduta: accedi di nuovo.',
};

export type Key = keyof typeof it;

const en: Record<Key, string> = {
  appTitle: 'Ticket Management',
  skip: 'Skip to content',
  language: 'Language',
  switchTo: 'Italiano',
  logout: 'Sign out',
  signedInAs: 'User',
  navCreate: '+ Create Ticket',
  navList: 'Ticket List',
  navEmail: 'Email Address',
  navGuide: 'Download Instructions',
  navQueue: 'Ticket queue',
  mainNav: 'Main menu',
  loginTitle: 'Sign in to Ticket Management',
  username: 'Username',
  usernameHint: 'Customers: the company’s VAT number',
  password: 'Password',
  login: 'Sign in',
  forgot: 'Forgot your password?',
  badLogin: 'Wrong username or password.',
  tooMany: 'Too many attempts. Try again in a few minutes.',
  pwTitle: 'Please provide a new password.',
  pwExpired: 'Your password has expired. Please provide a new password.',
  pwCurrent: 'Current Password',
  pwNew: 'New Password',
  pwConfirm: 'Confirm Password',
  pwSave: 'SAVE',
  pwChanged: 'Password changed.',
  pwMismatch: 'The two passwords do not match.',
  pwPolicy: 'At least 10 characters, different from the username.',
  pwTooShort: 'The password must be at least 10 characters long.',
  pwSameAsUser: 'The password cannot be the same as the username.',
  changePassword: 'Change password',
  forgotTitle: 'Forgotten password',
  forgotText:
    'Enter your username: a link to set a new password will be sent to your notification e-mail address.',
  forgotSend: 'Send',
  forgotDone:
    'If the account exists, we sent an e-mail with a link to reset the password. The link is short-lived and works once.',
  backToLogin: 'Back to sign in',
  resetTitle: 'Set a new password',
  resetDone: 'Password reset. You can sign in now.',
  resetNoToken: 'The link is not valid: ask for a new one.',
  emailTitle: 'Email Address',
  emailMustChange: 'Before creating a Ticket you must change the default e-mail address',
  emailUse: 'The e-mail address will be used for every notification about your Tickets.',
  emailNew: 'Enter the new e-mail address:',
  emailLabel: 'Email',
  emailConfirm: 'Change the e-mail address?',
  emailDone: 'E-mail changed.',
  emailCurrent: 'Current e-mail address:',
  emailInvalid: 'Enter a valid e-mail address.',
  emailChange: 'Change e-mail',
  listTitle: 'TICKETS',
  empty: 'You have no saved records yet.',
  colSubject: 'Subject',
  colCompany: 'Company',
  colNumber: 'Number',
  colClose: 'Close',
  colPriority: 'Priority',
  colProg: 'Prog',
  colScope: 'Scope',
  colTopic: 'Topic',
  colPublishedBy: 'Published By',
  colCreated: 'Created',
  colStatus: 'Status',
  colAssignee: 'Assignee',
  colSla: 'Take-in-charge SLA',
  filters: 'Filters',
  search: 'Search',
  searchPlaceholder: 'Search subjects and notes',
  allStatuses: 'All statuses',
  allScopes: 'All scopes',
  allPriorities: 'All priorities',
  apply: 'Apply',
  reset: 'Clear',
  next: 'Next page',
  prev: 'Previous page',
  page: 'Page',
  closeX: 'Close the ticket',
  closeConfirm: 'Close Ticket {n}?',
  closeConfirmText: 'Close the ticket only if the answer solved the problem.',
  confirm: 'Confirm',
  cancel: 'Cancel',
  closed: 'Ticket closed.',
  sortBy: 'Sort by {c}',
  loading: 'Loading…',
  OPEN: 'Open',
  IN_PROGRESS: 'In progress',
  WAITING_CUSTOMER: 'Answered',
  CLOSED: 'Closed',
  HIGH: 'High',
  MEDIUM: 'Medium',
  LOW: 'Low',
  HIGH_hint: 'High – blocking problem',
  MEDIUM_hint: 'Medium – serious, not blocking',
  LOW_hint: 'Low – not serious, not blocking',
  PORTAL: 'Portal',
  PHONE: 'Phone',
  EMAIL: 'E-mail',
  MOBILE: 'Mobile',
  SMS: 'SMS',
  OTHER: 'Other',
  createTitle: 'Create Ticket',
  subject: 'Subject',
  priority: 'Priority',
  scope: 'Scope',
  topic: 'Topic',
  chooseScope: '— choose the scope —',
  chooseTopic: '— choose the topic —',
  noTopics: 'no topics for this scope',
  note: 'Note',
  noteHint: 'Describe the problem, request or suggestion in detail.',
  images: 'Images (up to 3: .png, .jpg)',
  file: 'File (1: .doc, .docx, .xls, .xlsx, .csv, .zip, .pdf, .png, .jpg)',
  addImages: 'Add images',
  addFile: 'Add a file',
  remove: 'Remove',
  save: 'Save',
  saving: 'Saving…',
  uploading: 'Uploading {f}',
  company: 'Company',
  chooseCompany: '— choose the company —',
  channel: 'Channel',
  urgent: 'Urgent on-site intervention (8 business hours, urgent-call fee)',
  created: 'Ticket {n} created.',
  errSubject: 'The subject is required (200 characters at most).',
  errScope: 'Choose the scope.',
  errTopic: 'Choose the topic.',
  errNote: 'The note is required (64 KiB at most).',
  errCompany: 'Choose the company.',
  errTooManyImages: 'At most 3 images per message.',
  errImageType: '{f}: only .png, .jpg, .jpeg images are allowed.',
  errImageContent: '{f}: the content is not a PNG or JPEG image.',
  errImageSize: '{f}: the image is larger than 10 MiB.',
  errFileType: '{f}: this format is not allowed.',
  errFileSize: '{f}: the file is larger than 25 MiB.',
  errFileContent: '{f}: the content does not match the extension.',
  errUploadsUnavailable: 'Attachments cannot be uploaded at the moment.',
  uploadDone: 'uploaded',
  uploadFailed: 'refused',
  errUploadSize: '{f}: the server accepts at most {m} for this kind of attachment.',
  errUploadTrailing: '{f}: the file holds more data after its end and was not accepted.',
  errUploadMarkup: '{f}: the file holds HTML or script code and was not accepted.',
  errUploadRefused: '{f}: the server did not accept the file.',
  errAttachmentRefused: 'An attachment was not accepted: remove or replace it, then try again.',
  ticket: 'Ticket',
  backToList: '← Ticket List',
  notFound: 'Ticket not found.',
  replies: 'Replies',
  createMsg: 'Create',
  newMessage: 'New message',
  colAuthor: 'Created by',
  colNote: 'Notes',
  colFile: 'File',
  colDownloadImages: 'Download Images',
  colInserted: 'Date',
  internalNote: 'Internal note',
  internalHint: 'Internal note (not shown to the customer)',
  send: 'Send',
  messageSent: 'Message sent.',
  channelLabel: 'Channel',
  assignee: 'Assignee',
  nobody: 'nobody',
  takenAt: 'Taken in charge',
  slaDue: 'Take-in-charge due',
  onSiteDue: 'On-site due',
  closedAt: 'Closed on',
  take: 'Take in charge',
  assign: 'Assign',
  assignTo: 'Assign to',
  reopen: 'Reopen',
  changePriority: 'Change priority',
  closeTicket: 'Close ticket',
  worklog: 'Log work',
  serviceType: 'Service type',
  SAT: 'S.A.T. – phone help desk',
  STA: 'S.T.A. – remote assistance',
  SAD: 'S.A.D. – direct assistance',
  start: 'Start (Italian time)',
  minutes: 'Duration (minutes)',
  onSite: 'On site',
  description: 'Description',
  worklogSaved: 'Work logged.',
  history: 'History',
  done: 'Done.',
  image: 'Image',
  download: 'Download',
  queueTitle: 'Ticket queue',
  waiting: 'To take in charge',
  unassigned: 'Unassigned',
  mine: 'Mine',
  all: 'All not closed',
  allCompanies: 'All companies',
  remaining: '{t} left',
  overdue: 'overdue by {t}',
  met: 'taken in charge',
  slaWarning: 'due soon',
  slaBreached: 'breached',
  slaOk: 'on time',
  wallClockNote: 'Remaining time by the wall clock (the server did not provide it).',
  newOnBehalf: '+ Ticket on a customer’s behalf',
  guideTitle: 'Instructions',
  print: 'Print or save as PDF',
  errGeneric: 'Something went wrong: {m}',
  errNetwork: 'The service does not answer. Try again shortly.',
  sessionExpired: 'Your session expired: please sign in again.',
};

const dictionaries: Record<Lang, Record<Key, string>> = { it, en };

function initialLang(): Lang {
  try {
    return localStorage.getItem('hd_lang') === 'en' ? 'en' : 'it';
  } catch {
    return 'it';
  }
}

let current: Lang = initialLang();
const listeners = new Set<() => void>();

export function lang(): Lang {
  return current;
}

export function setLang(next: Lang): void {
  current = next;
  try {
    localStorage.setItem('hd_lang', next);
  } catch {
    // private mode: the choice lasts for this page only
  }
  document.documentElement.lang = next;
  listeners.forEach((l) => l());
}

/** Re-renders the calling component when the language changes. */
export function useLang(): Lang {
  const [, force] = useState(0);
  useEffect(() => {
    const l = () => force((n) => n + 1);
    listeners.add(l);
    return () => {
      listeners.delete(l);
    };
  }, []);
  return current;
}

/** The text for `key`, with {name} placeholders filled in. */
export function t(key: Key, values: Record<string, string | number> = {}): string {
  const text = dictionaries[current][key] ?? it[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? ''));
}

const dateParts = new Intl.DateTimeFormat('it-IT', {
  timeZone: 'Europe/Rome',
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** "26/11/2026 20:05" in Europe/Rome, whatever the browser's zone; "" if absent. */
export function formatDate(iso: string | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime()) || d.getTime() <= 0) return '';
  const p: Record<string, string> = {};
  for (const part of dateParts.formatToParts(d)) p[part.type] = part.value;
  return `${p.day}/${p.month}/${p.year} ${p.hour}:${p.minute}`;
}

function romeParts(ms: number): Record<string, number> {
  const p: Record<string, number> = {};
  for (const part of dateParts.formatToParts(new Date(ms))) p[part.type] = Number(part.value);
  return p;
}

/** "2026-11-26T20:05" (for a datetime-local input): Rome's wall time of `ms`. */
export function romeInputValue(ms: number): string {
  const p = romeParts(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${p.year}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}`;
}

/** The instant at which Rome's clocks show `value` ("2026-11-26T20:05"), or null. */
export function romeWallTimeToDate(value: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value);
  if (!m) return null;
  const wall = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5]);
  // Rome is UTC+1 or UTC+2: correct a first guess by the offset found there.
  let guess = wall - 3600_000;
  for (let i = 0; i < 2; i++) {
    const p = romeParts(guess);
    const shown = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute);
    guess += wall - shown;
  }
  return new Date(guess);
}

/** "1 h 20 min" / "45 min". */
export function formatMinutes(minutes: number): string {
  const m = Math.max(0, Math.round(minutes));
  const h = Math.floor(m / 60);
  const rest = m % 60;
  if (h === 0) return `${rest} min`;
  return rest === 0 ? `${h} h` : `${h} h ${rest} min`;
}

document.documentElement.lang = current;
