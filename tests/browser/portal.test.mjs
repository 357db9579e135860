// End-to-end test of the web portal in Debian's headless Chromium, driven by
// playwright-core, against the real local stack that run.sh started.
// One worker: the scenarios run in order and build on each other (the
// customer's first access, then its ticket, the consultant's reply, …).
//
// Environment: PORTAL_URL, ARTIFACTS, MAIL_DIR, GUIDE_DIR,
// HELPDESK_ADMIN_PASSWORD, HELPDESK_UPDATE_GUIDE=1 to refresh the guide's
// screenshots in the source tree.
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import http from 'node:http';
import { deflateSync } from 'node:zlib';
import { chromium } from 'playwright-core';

const BASE = process.env.PORTAL_URL;
const ARTIFACTS = process.env.ARTIFACTS;
const ADMIN_PASSWORD = process.env.HELPDESK_ADMIN_PASSWORD;
const VAT = '12345678903'; // the demo company (services/identity/seed.cc)
const NEW_PASSWORD = 'Portale-Assistenza-2026';
mkdirSync(ARTIFACTS, { recursive: true });

const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

// ---- small helpers ------------------------------------------------------------------
const results = [];
let current = '';
async function step(name, fn) {
  current = name;
  const t0 = Date.now();
  try {
    await fn();
    results.push({ name, ok: true, ms: Date.now() - t0 });
    console.log(`  ok   ${name} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  } catch (e) {
    results.push({ name, ok: false, ms: Date.now() - t0 });
    console.log(`  FAIL ${name}\n${e.stack ?? e}`);
    throw e;
  }
}
function skip(name, why) {
  results.push({ name, ok: true, skipped: why });
  console.log(`  skip ${name}: ${why}`);
}

const shots = [];
async function shot(page, name, { guide = false, fullPage = true } = {}) {
  const file = join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage });
  shots.push(file);
  if (guide && process.env.HELPDESK_UPDATE_GUIDE === '1') {
    // The guide's copies are JPEG: a fifth of the size, in the repository.
    mkdirSync(process.env.GUIDE_DIR, { recursive: true });
    await page.screenshot({ path: join(process.env.GUIDE_DIR, `${name}.jpg`), type: 'jpeg', quality: 80, fullPage });
  }
}

async function api(method, path, { token, body, headers = {} } = {}) {
  const response = await fetch(BASE + path, {
    method,
    headers: {
      ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
      ...headers,
    },
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
  const text = await response.text();
  let json = {};
  try { json = text ? JSON.parse(text) : {}; } catch { json = { raw: text }; }
  return { status: response.status, json, headers: response.headers };
}

// GET with the request target exactly as given.
function rawGet(target) {
  const url = new URL(BASE);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: url.hostname, port: url.port, path: target, method: 'GET' }, (res) => {
      let body = '';
      res.setEncoding('latin1');
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

// A valid Italian VAT number: 10 digits and the check digit.
function vatNumber() {
  const d = Array.from({ length: 10 }, () => Math.floor(Math.random() * 10));
  d[0] = 1 + Math.floor(Math.random() * 9);
  let sum = 0;
  d.forEach((x, i) => { if (i % 2 === 0) sum += x; else { const y = 2 * x; sum += y > 9 ? y - 9 : y; } });
  return d.join('') + String((10 - (sum % 10)) % 10);
}

// A real PNG (decodable), w×h, one colour.
function png(w, h, [r, g, b]) {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf) => { let c = 0xffffffff; for (const x of buf) c = crcTable[(c ^ x) & 0xff] ^ (c >>> 8); return (c ^ 0xffffffff) >>> 0; };
  const chunk = (type, data) => {
    const len = Buffer.alloc(4); len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type), data]);
    const c = Buffer.alloc(4); c.writeUInt32BE(crc(td));
    return Buffer.concat([len, td, c]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0); ihdr.writeUInt32BE(h, 4); ihdr[8] = 8; ihdr[9] = 2;
  const raw = Buffer.alloc((w * 3 + 1) * h);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) raw.set([r, g, b], y * (w * 3 + 1) + 1 + x * 3);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0)),
  ]);
}

function pdf() {
  const body = '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n';
  return Buffer.from(body, 'latin1');
}

// A PDF of about `bytes` bytes: one stream of letters (no markup, nothing
// after %%EOF), different on every run so the upload is never deduplicated.
function bigPdf(bytes) {
  const head = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]/Contents 4 0 R>>endobj\n4 0 obj<</Length ' + bytes + '>>stream\n', 'latin1');
  const filler = Buffer.alloc(bytes);
  let x = (Date.now() ^ 0x5bd1e995) >>> 0;
  for (let i = 0; i < bytes; i++) {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    filler[i] = 0x41 + (x >>> 27); // A..`
  }
  const tail = Buffer.from('\nendstream\nendobj\ntrailer<</Root 1 0 R>>\n%%EOF\n', 'latin1');
  return Buffer.concat([head, filler, tail]);
}

// WCAG 2 contrast ratio of two computed CSS colours "rgb(r, g, b)".
function contrast(a, b) {
  const lum = (css) => {
    const [r, g, bl] = css.match(/\d+(\.\d+)?/g).slice(0, 3).map(Number).map((c) => {
      const s = c / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

// ---- the run ---------------------------------------------------------------------------
const t0 = Date.now();
let browser;
try {
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS, timeout: 60_000 });
  const probe = await browser.newPage();
  await probe.setContent('<button>ok</button>');
  assert.equal(await probe.textContent('button'), 'ok');
  await probe.close();
} catch (e) {
  console.error(
    'browser test: headless Chromium did not start with this playwright-core.\n' +
      '  /usr/bin/chromium must be Debian\'s chromium, and tests/browser/package.json must pin a\n' +
      '  playwright-core version that drives it (1.64.1 drives Chromium 156).\n' + (e.stack ?? e));
  process.exit(1);
}
console.log(`browser test: Chromium ${browser.version()} at ${BASE}`);

const cspViolations = [];
function watch(page, who) {
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) cspViolations.push(`${who}: ${m.text()}`);
  });
  page.on('pageerror', (e) => console.log(`  [${who} page error] ${e.message}`));
}

// The browser runs in New York: the portal must still show Rome's time.
async function newContext(viewport = { width: 1280, height: 860 }) {
  return browser.newContext({ viewport, locale: 'it-IT', timezoneId: 'America/New_York', acceptDownloads: true });
}

let customer, staff, admin, ticketId, ticketNumber, attachmentsWork = false;
const SUBJECT = 'La stampa della fattura si blocca';
const NOTE = 'Dopo il salvataggio della fattura compare l\'errore «Registro IVA non trovato».\nAllego le schermate e la fattura.';
const XSS_NOTE = 'Dopo il salvataggio compare un errore.\n<script>window.__pwned = 1</script><img src=x onerror="window.__pwned=2"><b>grassetto?</b>';

try {
  // Admin token for set-up through the API (not what is under test).
  const login = await api('POST', '/v1/auth/login', { body: { username: 'admin', password: ADMIN_PASSWORD } });
  assert.equal(login.status, 200, `admin login: ${JSON.stringify(login.json)}`);
  admin = login.json.accessToken;

  await step('the gateway serves the portal with a strict CSP and caching headers', async () => {
    const index = await fetch(BASE + '/');
    assert.equal(index.status, 200);
    const csp = index.headers.get('content-security-policy') ?? '';
    assert.match(csp, /default-src 'self'/);
    assert.doesNotMatch(csp, /unsafe-inline/);
    assert.equal(index.headers.get('cache-control'), 'no-cache');
    const html = await index.text();
    assert.doesNotMatch(html, /<script(?![^>]*\bsrc=)[^>]*>/, 'no inline script in index.html');
    const asset = html.match(/src="(\/assets\/[^"]+\.js)"/)[1];
    const js = await fetch(BASE + asset);
    assert.equal(js.status, 200);
    assert.match(js.headers.get('cache-control'), /immutable/);
    const route = await fetch(BASE + '/tickets/whatever');
    assert.equal(route.status, 200, 'SPA fallback');
    const head = await fetch(BASE + '/', { method: 'HEAD' });
    assert.match(head.headers.get('content-security-policy') ?? '', /default-src 'self'/);
    // Raw request targets: fetch() would normalise the dots away.
    for (const bad of ['/../etc/passwd', '/assets/../../etc/passwd', '/%2e%2e/%2e%2e/etc/passwd',
                       '/assets/..%2f..%2f..%2fetc/passwd', '/%5c..%5cetc/passwd', '/.env']) {
      const r = await rawGet(bad);
      assert.equal(r.status, 404, bad);
      assert.doesNotMatch(r.body, /root:/, bad);
    }
  });

  // Can attachments be uploaded on this stack?
  {
    const form = new FormData();
    form.append('file', new Blob([png(4, 4, [0, 128, 255])], { type: 'image/png' }), 'probe.png');
    const r = await fetch(BASE + '/v1/attachments', { method: 'POST', headers: { Authorization: `Bearer ${admin}` }, body: form });
    attachmentsWork = r.status === 200;
    console.log(`browser test: POST /v1/attachments answers ${r.status}${attachmentsWork ? '' : ' — attachment steps are skipped'}`);
  }

  // ---- the manual's first access ----
  const customerContext = await newContext();
  customer = await customerContext.newPage();
  watch(customer, 'customer');

  await step('first access: login with the VAT number twice', async () => {
    await customer.goto(BASE + '/');
    await customer.getByRole('heading', { name: 'Accesso alla Gestione Ticket' }).waitFor();
    await customer.getByLabel('Username').fill(VAT);
    await customer.getByLabel('Password', { exact: true }).fill(VAT);
    await shot(customer, 'login', { guide: true });
    await customer.getByRole('button', { name: 'Accedi' }).click();
  });

  await step('first access: the expired password must be changed', async () => {
    await customer.getByRole('heading', { name: 'Si prega di fornire una nuova password.' }).waitFor();
    await customer.getByText('La Password è scaduta. Si prega di fornire una nuova password.').waitFor();
    // The client checks mirror the server's: too short, then different confirmation.
    await customer.getByLabel('Password Attuale').fill(VAT);
    await customer.getByLabel('Password Nuova').fill('corta');
    await customer.getByLabel('Conferma Password').fill('corta');
    await customer.getByRole('button', { name: 'SALVA' }).click();
    await customer.getByText('La password deve avere almeno 10 caratteri.').waitFor();
    await customer.getByLabel('Password Nuova').fill(NEW_PASSWORD);
    await customer.getByLabel('Conferma Password').fill(NEW_PASSWORD);
    await shot(customer, 'password', { guide: true });
    await customer.getByRole('button', { name: 'SALVA' }).click();
  });

  await step('first access: the notification e-mail before the first ticket', async () => {
    await customer.getByText("Prima di creare un Ticket devi cambiare l'indirizzo email di default").waitFor();
    await customer.getByLabel('Inserisci il nuovo indirizzo email:').fill('mario.rossi@example.com');
    await shot(customer, 'email', { guide: true });
    await customer.getByRole('button', { name: 'Cambia email' }).click();
    const dialog = customer.getByRole('dialog', { name: 'Procedi col cambio email?' });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Conferma' }).click();
  });

  await step('first access: the empty ticket summary', async () => {
    await customer.getByText('Email cambiata correttamente.').waitFor();
    await customer.getByText('Al momento non hai nessun record salvato.').waitFor();
    for (const item of ['+ Crea Ticket', 'Lista Ticket', 'Indirizzo Email', 'Scarica Istruzioni']) {
      await customer.getByRole('navigation').getByRole('link', { name: item }).waitFor();
    }
    await shot(customer, 'list-empty', { guide: true });
    // The session is in HttpOnly cookies: no token is readable by scripts.
    const cookies = await customerContext.cookies();
    const session = cookies.find((c) => c.name === 'hd_session');
    assert.ok(session, `cookies: ${cookies.map((c) => c.name)}`);
    assert.equal(session.httpOnly, true);
    assert.equal(session.sameSite, 'Strict');
    assert.equal(cookies.find((c) => c.name === 'hd_csrf')?.httpOnly, false);
    assert.doesNotMatch(await customer.evaluate(() => document.cookie), /hd_session|hd_refresh/);
    await customer.getByRole('navigation').getByRole('link', { name: 'Indirizzo Email' }).click();
    await customer.getByText('mario.rossi@example.com').waitFor();
  });

  // ---- a ticket with 2 images and a PDF ----
  await step(`create a ticket${attachmentsWork ? ' with 2 images and a PDF' : ' (attachments unavailable)'}`, async () => {
    await customer.getByRole('navigation').getByRole('link', { name: '+ Crea Ticket' }).click();
    await customer.getByRole('heading', { name: 'Crea Ticket' }).waitFor();
    // Client-side checks before anything is sent.
    await customer.getByRole('button', { name: 'Salva' }).click();
    await customer.getByText("L’oggetto è obbligatorio (massimo 200 caratteri).").waitFor();
    await customer.getByLabel('Oggetto').fill(SUBJECT);
    await customer.getByLabel('Priorità').selectOption('HIGH');
    await customer.getByLabel('Ambito').selectOption('HYPERGEST');
    await customer.getByLabel('Argomento').selectOption({ label: 'Iva' });
    await customer.getByLabel('Nota').fill(NOTE);
    // A file whose content is not what its name says is refused in the browser.
    await customer.getByLabel(/^Immagini/).setInputFiles([{ name: 'finta.png', mimeType: 'image/png', buffer: Buffer.from('not a png at all') }]);
    await customer.getByText('finta.png: il contenuto non è un’immagine PNG o JPEG.').waitFor();
    if (attachmentsWork) {
      await customer.getByLabel(/^Immagini/).setInputFiles([
        { name: 'schermata-errore.png', mimeType: 'image/png', buffer: png(320, 200, [200, 40, 40]) },
        { name: 'impostazioni.png', mimeType: 'image/png', buffer: png(320, 200, [40, 90, 200]) },
      ]);
      await customer.getByLabel(/^File/).setInputFiles([{ name: 'fattura-0042.pdf', mimeType: 'application/pdf', buffer: pdf() }]);
      await assert.equal(await customer.locator('.previews img').count(), 2);
    }
    await shot(customer, 'create', { guide: true });
    await customer.getByRole('button', { name: 'Salva' }).click();
    const created = customer.getByText(/Ticket #\d{6,} creato\./);
    await created.waitFor({ timeout: 30_000 });
    ticketNumber = (await created.textContent()).match(/#\d+/)[0];
    ticketId = decodeURIComponent(new URL(customer.url()).hash.split('/')[2].split('?')[0]);
    if (attachmentsWork) {
      const row = customer.locator('table.thread tbody tr').first();
      await row.getByRole('button', { name: 'fattura-0042.pdf' }).waitFor();
      await row.locator('img[alt^="img1"]').waitFor();
      await row.locator('img[alt^="img2"]').waitFor();
      // The images really load through the session.
      await customer.waitForFunction(() =>
        [...document.querySelectorAll('table.thread img')].every((i) => i.complete && i.naturalWidth > 0));
      const download = customer.waitForEvent('download');
      await row.getByRole('button', { name: 'fattura-0042.pdf' }).click();
      const file = await download;
      assert.equal(file.suggestedFilename(), 'fattura-0042.pdf');
      const bytes = readFileSync(await file.path());
      assert.equal(bytes.subarray(0, 5).toString(), '%PDF-');
      // "Scarica Immagini": the message's images as one zip.
      const zipDownload = customer.waitForEvent('download');
      await row.locator('td[data-label="Scarica Immagini"] button').click();
      const zip = readFileSync(await (await zipDownload).path());
      assert.equal(zip.subarray(0, 2).toString(), 'PK');
      assert.ok(zip.includes('schermata-errore.png') && zip.includes('impostazioni.png'));
    }
  });

  // ---- the consultant ----
  const staffContext = await newContext();
  staff = await staffContext.newPage();
  watch(staff, 'consultant');

  await step('consultant: queue ordered by SLA, take in charge and reply', async () => {
    await staff.goto(BASE + '/');
    await staff.getByLabel('Username').fill('admin');
    await staff.getByLabel('Password', { exact: true }).fill(ADMIN_PASSWORD);
    await staff.getByRole('button', { name: 'Accedi' }).click();
    await staff.getByRole('heading', { name: 'Coda ticket' }).waitFor();
    const row = staff.locator(`tr[data-ticket="${ticketNumber}"]`);
    await row.waitFor();
    await row.locator('.sla').waitFor();
    await shot(staff, 'queue', { guide: true });
    await row.getByRole('link', { name: SUBJECT }).click();
    await staff.getByRole('button', { name: 'Prendi in carico' }).click();
    await staff.locator('.ticket-fields').getByText('In lavorazione').waitFor();
    // An internal note, then the reply to the customer.
    await staff.getByRole('button', { name: 'Crea', exact: true }).click();
    await staff.getByLabel('Nota', { exact: true }).fill('Nota interna: verificare la configurazione IVA del cliente.');
    await staff.getByLabel('Nota interna (non visibile al cliente)').check();
    await staff.getByRole('button', { name: 'Invia' }).click();
    await staff.locator('tr.internal').getByText('Nota interna: verificare').waitFor();
    await staff.getByRole('button', { name: 'Crea', exact: true }).click();
    await staff.getByLabel('Nota', { exact: true }).fill('Risolto: abbiamo corretto il registro IVA. Riprovate la stampa.');
    if (attachmentsWork) {
      await staff.getByLabel(/^Immagini/).setInputFiles([{ name: 'soluzione.png', mimeType: 'image/png', buffer: png(200, 120, [40, 160, 60]) }]);
    }
    await staff.getByRole('button', { name: 'Invia' }).click();
    await staff.locator('table.thread tbody tr').first().getByText('Risolto: abbiamo corretto').waitFor();
    await shot(staff, 'ticket-consultant');
  });

  await step('consultant: assign, change priority, log work, open a ticket on a customer\'s behalf', async () => {
    const consultant = await api('POST', '/v1/accounts', {
      token: admin,
      body: { username: 'm.bianchi', displayName: 'Marco Bianchi', role: 'CONSULTANT', email: 'm.bianchi@example.com', password: 'Consulente-2026-xyz' },
    });
    assert.equal(consultant.status, 200, JSON.stringify(consultant.json));
    await staff.reload(); // the assignee list is read when the page opens
    await staff.getByLabel('Assegna a').selectOption({ label: 'Marco Bianchi' });
    await staff.getByRole('button', { name: 'Assegna', exact: true }).click();
    await staff.locator('.ticket-fields').getByText('Marco Bianchi').waitFor();
    await staff.getByLabel('Cambia priorità').selectOption('MEDIUM');
    await staff.locator('.ticket-fields .prio-MEDIUM').waitFor();
    await staff.getByText('Registra attività').click();
    await staff.getByLabel('Tipo di servizio').selectOption('STA');
    await staff.getByLabel('Durata (minuti)').fill('25');
    await staff.getByLabel('Descrizione').fill('Collegamento remoto, corretto il registro IVA');
    await staff.locator('.worklog').getByRole('button', { name: 'Salva' }).click();
    await staff.getByText('Attività registrata.').waitFor();
    // A request by phone, entered by the consultant.
    await staff.getByRole('navigation').getByRole('link', { name: 'Coda ticket' }).click();
    await staff.getByRole('link', { name: '+ Ticket per conto del cliente' }).click();
    await staff.getByLabel('Azienda').selectOption({ label: `Demo S.r.l. (${VAT})` });
    await staff.getByLabel('Canale').selectOption('PHONE');
    await staff.getByLabel('Oggetto').fill('Telefonata: backup notturno non eseguito');
    await staff.getByLabel('Ambito').selectOption('SISTEMI');
    await staff.getByLabel('Argomento').selectOption({ label: 'Software' });
    await staff.getByLabel('Nota').fill('Il cliente segnala per telefono che il backup di stanotte non è partito.');
    await staff.getByRole('button', { name: 'Salva' }).click();
    await staff.getByText(/Ticket #\d{6,} creato\./).waitFor();
    await staff.locator('.ticket-fields').getByText('Telefono').waitFor();
    await staff.locator('.ticket-fields').getByText('Amministratore').first().waitFor();
    await staff.getByRole('button', { name: 'Prendi in carico' }).click();
    await staff.locator('.ticket-fields').getByText('In lavorazione').waitFor();
    const phoneNumber = (await staff.locator('.ticket-number').textContent()).trim();
    // The queue's views: taken tickets leave the take-in-charge queue.
    await staff.goto(BASE + '/#/queue');
    await staff.locator('table.queue, p.empty').first().waitFor();
    assert.equal(await staff.locator(`tr[data-ticket="${ticketNumber}"]`).count(), 0);
    await staff.getByText('Assegnati a me').click();
    await staff.locator(`tr[data-ticket="${phoneNumber}"]`).waitFor();
    assert.equal(await staff.locator(`tr[data-ticket="${ticketNumber}"]`).count(), 0); // Marco's
    await staff.getByText('Tutti i non chiusi').click();
    await staff.locator(`tr[data-ticket="${ticketNumber}"]`).waitFor();
    await staff.locator(`tr[data-ticket="${phoneNumber}"]`).waitFor();
  });

  // ---- the customer reads and closes ----
  await step('customer sees the reply (newest first), not the internal note', async () => {
    await customer.goto(`${BASE}/#/tickets/${encodeURIComponent(ticketId)}`);
    await customer.reload(); // the cookie session survives a reload
    const first = customer.locator('table.thread tbody tr').first();
    await first.getByText('Risolto: abbiamo corretto').waitFor();
    assert.equal(await customer.getByText('Nota interna: verificare').count(), 0);
    await customer.locator('.ticket-fields').getByText('Risposto').waitFor();
    // Dates as Italians write them, in Rome's time although the browser is in New York.
    const inserted = await first.locator('td').last().textContent();
    assert.match(inserted, /^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/);
    const romeNow = new Intl.DateTimeFormat('it-IT', { timeZone: 'Europe/Rome', hour: '2-digit', hourCycle: 'h23' }).format(new Date());
    const shownHour = inserted.slice(11, 13);
    assert.ok(Math.abs(Number(shownHour) - Number(romeNow)) <= 1 || Math.abs(Number(shownHour) - Number(romeNow)) === 23,
      `shown ${inserted}, Rome hour ${romeNow}`);
    await shot(customer, 'ticket', { guide: true });
  });

  await step('a note with <script> renders as text', async () => {
    await customer.getByRole('button', { name: 'Crea', exact: true }).click();
    await customer.getByLabel('Nota', { exact: true }).fill(XSS_NOTE);
    await customer.getByRole('button', { name: 'Invia' }).click();
    const note = customer.locator('table.thread tbody tr').first().locator('td.note');
    await note.getByText('grassetto?', { exact: false }).waitFor();
    const text = await note.textContent();
    assert.ok(text.includes('<script>window.__pwned = 1</script>'), text);
    assert.ok(text.includes('<b>grassetto?</b>'), text);
    assert.equal(await note.locator('script, img, b').count(), 0);
    assert.equal(await customer.evaluate(() => window.__pwned), undefined);
  });

  // ---- uploads: refusals next to the field, then a progress bar that advances ----
  const REFUSED_PNG = 'schermata-con-allegato.png';
  const BIG_PDF = 'manuale-completo.pdf';
  const HUGE_PDF = 'archivio-scansioni.pdf';
  if (!attachmentsWork) {
    skip('uploads refused by the browser and by the server, in Italian next to the field', 'POST /v1/attachments is unavailable');
    skip('upload progress: the bar appears, advances and ends at 100%', 'POST /v1/attachments is unavailable');
  } else {
    await step('uploads refused by the browser and by the server, in Italian next to the field', async () => {
      await customer.getByRole('button', { name: 'Crea', exact: true }).click();
      await customer.getByLabel('Nota', { exact: true }).fill('Allego il manuale completo del registro IVA.');
      // Too big: refused in the browser before anything is sent (the server's 25 MiB for files).
      await customer.getByLabel(/^File/).setInputFiles([{ name: HUGE_PDF, mimeType: 'application/pdf', buffer: bigPdf(26 * 1024 * 1024) }]);
      const fileError = customer.locator('#m-file-error');
      await fileError.getByText(`${HUGE_PDF}: il file supera i 25 MiB.`).waitFor();
      assert.equal(await fileError.getAttribute('role'), 'alert');
      assert.equal(await customer.locator('#m-file').getAttribute('aria-describedby'), 'm-file-error');
      assert.equal(await customer.locator('#m-file').getAttribute('aria-invalid'), 'true');
      assert.equal(await customer.locator('#new-message progress').count(), 0, 'nothing is uploaded');
      assert.equal(await customer.getByText(HUGE_PDF, { exact: true }).count(), 0, 'the file is not kept');
      // A PNG with a zip appended passes the browser's magic-byte check; the
      // server reads to the end and refuses it (400, in English): the portal
      // says why in Italian under the images' field, and the bar turns red.
      const polyglot = Buffer.concat([png(64, 48, [120, 20, 160]), Buffer.from('PK\x03\x04 appended archive', 'latin1')]);
      await customer.getByLabel(/^Immagini/).setInputFiles([{ name: REFUSED_PNG, mimeType: 'image/png', buffer: polyglot }]);
      await customer.locator('#new-message .previews img').waitFor();
      await customer.getByRole('button', { name: 'Invia' }).click();
      const imageError = customer.locator('#m-images-error');
      await imageError.getByText(`${REFUSED_PNG}: il file contiene altri dati dopo la sua fine e non è stato accettato.`).waitFor();
      assert.equal(await customer.locator('#m-images').getAttribute('aria-describedby'), 'm-images-error');
      await customer.getByText('Un allegato non è stato accettato: rimuovilo o sostituiscilo, poi riprova.').waitFor();
      const failed = customer.locator('#new-message .previews li.failed');
      await failed.locator('.upload[data-state="failed"]').getByText('rifiutato').waitFor();
      assert.equal(await failed.locator('progress').getAttribute('aria-valuetext'), 'rifiutato');
      const bar = await failed.locator('progress').evaluate((p) => getComputedStyle(p).accentColor);
      assert.equal(bar, 'rgb(155, 28, 28)', 'the refused upload\'s bar is red');
      // The message was not sent.
      assert.equal(await customer.locator('table.thread tbody tr').first().getByText('Allego il manuale').count(), 0);
      await shot(customer, 'upload-refused');
    });

    await step('upload progress: the bar appears, advances and ends at 100%', async () => {
      await customer.getByRole('button', { name: `Rimuovi ${REFUSED_PNG}` }).click();
      await customer.locator('#m-images-error').waitFor({ state: 'detached' });
      await customer.getByLabel(/^File/).setInputFiles([{ name: BIG_PDF, mimeType: 'application/pdf', buffer: bigPdf(3 * 1024 * 1024) }]);
      await customer.locator('#new-message .previews').getByText(BIG_PDF).waitFor();
      // Every value the bars take, as the page renders them.
      await customer.evaluate(() => {
        window.__progress = [];
        const record = () => {
          for (const p of document.querySelectorAll('#new-message progress')) {
            const last = window.__progress[window.__progress.length - 1];
            const seen = { value: p.value, state: p.closest('.upload')?.dataset.state, words: p.getAttribute('aria-valuetext') };
            if (!last || last.value !== seen.value || last.state !== seen.state) window.__progress.push(seen);
          }
        };
        window.__progressObserver = new MutationObserver(record);
        window.__progressObserver.observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['value', 'data-state', 'aria-valuetext'] });
      });
      // 3 MiB at 512 KiB/s: the browser's upload is throttled, so the
      // server's answer comes after many progress events, however fast the machine.
      const cdp = await customer.context().newCDPSession(customer);
      await cdp.send('Network.enable');
      await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 20, downloadThroughput: -1, uploadThroughput: 512 * 1024 });
      try {
        await customer.getByRole('button', { name: 'Invia' }).click();
        // Half-way: a screenshot of the bar moving.
        await customer.waitForFunction(() => {
          const p = document.querySelector('#new-message progress');
          return p && p.value >= 30 && p.value <= 80;
        }, null, { timeout: 60_000 });
        await shot(customer, 'upload-progress', { fullPage: false });
        await customer.locator('table.thread tbody tr').first().getByRole('button', { name: BIG_PDF }).waitFor({ timeout: 90_000 });
      } finally {
        await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
        await cdp.detach();
      }
      const seen = await customer.evaluate(() => { window.__progressObserver.disconnect(); return window.__progress; });
      const values = seen.map((x) => x.value);
      assert.ok(seen.length > 0 && seen[0].state === 'uploading', `the bar appears while uploading: ${JSON.stringify(seen.slice(0, 3))}`);
      for (let i = 1; i < values.length; i++) assert.ok(values[i] >= values[i - 1], `the bar never goes back: ${values}`);
      const between = new Set(values.filter((v) => v > 0 && v < 100));
      assert.ok(between.size >= 3, `the bar advances through several values: ${values}`);
      const last = seen[seen.length - 1];
      assert.deepEqual(last, { value: 100, state: 'done', words: '100% caricato' }, JSON.stringify(seen.slice(-3)));
      // The server kept it whole.
      const row = customer.locator('table.thread tbody tr').first();
      await row.getByText('Allego il manuale completo').waitFor();
      const download = customer.waitForEvent('download');
      await row.getByRole('button', { name: BIG_PDF }).click();
      const stored = readFileSync(await (await download).path());
      assert.equal(stored.length, bigPdf(3 * 1024 * 1024).length);
      console.log(`       progress values seen: ${values.join(' ')}`);
    });
  }

  await step('customer closes the ticket with "X" and a confirmation', async () => {
    await customer.getByRole('navigation').getByRole('link', { name: 'Lista Ticket' }).click();
    const row = customer.locator(`tr[data-ticket="${ticketNumber}"]`);
    await row.waitFor();
    for (const col of ['Oggetto', 'Aziende', 'Numero', 'Chiudi', 'Priorità', 'Prog', 'Ambito', 'Argomento', 'Pubblicato Da', 'Data di Creazione']) {
      await customer.getByRole('columnheader', { name: col, exact: true }).waitFor();
    }
    await row.getByRole('button', { name: `Chiudi il ticket ${ticketNumber}` }).click();
    const dialog = customer.getByRole('dialog', { name: `Vuoi chiudere il Ticket ${ticketNumber}?` });
    await dialog.waitFor();
    await shot(customer, 'close', { guide: true });
    // Cancel first: nothing happens.
    await dialog.getByRole('button', { name: 'Annulla' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await row.getByText('In lavorazione').waitFor(); // the customer's message reopened the work
    await row.getByRole('button', { name: `Chiudi il ticket ${ticketNumber}` }).click();
    await dialog.getByRole('button', { name: 'Conferma' }).click();
    await customer.getByText('Ticket chiuso.').waitFor();
    await row.getByText('Chiuso').waitFor();
    assert.equal(await row.getByRole('button', { name: /Chiudi il ticket/ }).count(), 0);
    const after = await api('GET', `/v1/tickets/${encodeURIComponent(ticketId)}`, { token: admin });
    assert.equal(after.json.status, 'CLOSED');
  });

  await step("another company's ticket by URL is not shown", async () => {
    const other = await api('POST', '/v1/companies', {
      token: admin,
      body: { name: 'Altra Azienda S.p.A.', vatNumber: vatNumber(), notificationEmail: 'altra@example.com' },
    });
    assert.equal(other.status, 200, JSON.stringify(other.json));
    const secret = await api('POST', '/v1/tickets', {
      token: admin,
      body: { subject: 'Riservato ad Altra Azienda', priority: 'LOW', scope: 'SISTEMI', topic: 'SISTEMI.HARDWARE',
              note: 'non per Demo', companyId: other.json.id, channel: 'PHONE' },
    });
    assert.equal(secret.status, 200, JSON.stringify(secret.json));
    await customer.goto(`${BASE}/#/tickets/${encodeURIComponent(secret.json.id)}`);
    await customer.getByRole('heading', { name: 'Ticket non trovato.' }).waitFor();
    assert.equal(await customer.getByText('Riservato ad Altra Azienda').count(), 0);
    assert.equal(await customer.getByText('non per Demo').count(), 0);
    await customer.getByRole('navigation').getByRole('link', { name: 'Lista Ticket' }).click();
    await customer.locator(`tr[data-ticket="${ticketNumber}"]`).waitFor();
    assert.equal(await customer.getByText('Riservato ad Altra Azienda').count(), 0);
    // The menu entry of the page on screen reloads it.
    await staff.getByRole('navigation').getByRole('link', { name: 'Coda ticket' }).click();
    await staff.locator(`tr[data-ticket="${secret.json.number}"]`).waitFor();
  });

  await step('consultant reopens the closed ticket', async () => {
    await staff.goto(`${BASE}/#/tickets/${encodeURIComponent(ticketId)}`);
    await staff.locator('.ticket-fields').getByText('Chiuso', { exact: true }).waitFor();
    await staff.getByRole('button', { name: 'Riapri' }).click();
    await staff.locator('.ticket-fields').getByText('Chiuso', { exact: true }).waitFor({ state: 'detached' });
    await staff.getByRole('button', { name: 'Chiudi ticket' }).click();
    await staff.getByRole('dialog').getByRole('button', { name: 'Conferma' }).click();
    await staff.locator('.ticket-fields').getByText('Chiuso', { exact: true }).waitFor();
  });

  await step('filters and search on the ticket list', async () => {
    await customer.getByLabel('Cerca').fill('fattura');
    await customer.getByRole('button', { name: 'Applica' }).click();
    await customer.locator(`tr[data-ticket="${ticketNumber}"]`).waitFor();
    await customer.getByLabel('Stato').selectOption('OPEN');
    await customer.getByRole('button', { name: 'Applica' }).click();
    await customer.getByText('Al momento non hai nessun record salvato.').waitFor();
    await customer.getByRole('button', { name: 'Azzera' }).click();
    await customer.locator(`tr[data-ticket="${ticketNumber}"]`).waitFor();
  });

  await step('sorting and pagination of the ticket list', async () => {
    const demo = (await api('GET', '/v1/companies?pageSize=50', { token: admin })).json.companies.find((c) => c.vatNumber === VAT);
    for (let i = 1; i <= 21; i++) {
      const r = await api('POST', '/v1/tickets', {
        token: admin,
        body: { subject: `Richiesta telefonica ${String(i).padStart(2, '0')}`, priority: 'LOW', scope: 'WEB',
                topic: 'WEB.ALTRO', note: 'per telefono', companyId: demo.id, channel: 'PHONE' },
      });
      assert.equal(r.status, 200, JSON.stringify(r.json));
    }
    await customer.getByRole('navigation').getByRole('link', { name: 'Lista Ticket' }).click();
    await customer.getByText('Richiesta telefonica 21').waitFor();
    assert.equal(await customer.locator('table.tickets tbody tr').count(), 20);
    await customer.getByRole('button', { name: 'Pagina successiva' }).click();
    await customer.locator(`tr[data-ticket="${ticketNumber}"]`).waitFor();
    await customer.getByRole('button', { name: 'Pagina precedente' }).click();
    await customer.getByText('Richiesta telefonica 21').waitFor();
    // Sorting the page by Prog, ascending then descending.
    await customer.getByRole('button', { name: 'Prog', exact: true }).click();
    await customer.locator('th[aria-sort="ascending"]').getByText('Prog').waitFor();
    const progs = await customer.locator('table.tickets tbody td[data-label="Prog"]').allTextContents();
    assert.deepEqual(progs.map(Number), [...progs.map(Number)].sort((a, b) => a - b));
    await customer.getByRole('button', { name: 'Prog', exact: true }).click();
    await customer.locator('th[aria-sort="descending"]').getByText('Prog').waitFor();
    // The consultant's tickets show the consultant as "Pubblicato Da".
    const row = customer.locator('tr', { hasText: 'Richiesta telefonica 21' });
    assert.notEqual((await row.locator('td[data-label="Pubblicato Da"]').textContent()).trim(), 'Demo S.r.l.');
  });

  await step('English switch', async () => {
    await customer.getByRole('button', { name: /Lingua/ }).click();
    await customer.getByRole('navigation').getByRole('link', { name: 'Ticket List' }).waitFor();
    await customer.getByRole('columnheader', { name: 'Subject' }).waitFor();
    await customer.getByRole('button', { name: /Language/ }).click();
    await customer.getByRole('navigation').getByRole('link', { name: 'Lista Ticket' }).waitFor();
  });

  await step('a 360 px phone: no horizontal scrolling, tables as cards', async () => {
    await customer.setViewportSize({ width: 360, height: 740 });
    for (const hash of ['#/tickets', `#/tickets/${encodeURIComponent(ticketId)}`, '#/tickets/new']) {
      await customer.goto(`${BASE}/${hash}`);
      await customer.locator('main h1').first().waitFor();
      await customer.waitForTimeout(150); // layout settles after data arrives
      const width = await customer.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(width <= 360, `${hash}: page is ${width} px wide`);
    }
    await customer.goto(`${BASE}/#/tickets`);
    await customer.locator('table.tickets tbody tr').first().waitFor();
    await shot(customer, 'phone-list', { fullPage: false });
    await customer.setViewportSize({ width: 1280, height: 860 });
  });

  await step('keyboard: the login form works without a mouse', async () => {
    const context = await newContext();
    const page = await context.newPage();
    watch(page, 'keyboard');
    await page.goto(BASE + '/');
    await page.getByLabel('Username').waitFor();
    await page.keyboard.press('Tab'); // skip link
    await page.keyboard.press('Tab'); // brand
    await page.keyboard.press('Tab'); // language
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'username');
    await page.keyboard.type(VAT);
    await page.keyboard.press('Tab');
    await page.keyboard.type(NEW_PASSWORD);
    await page.keyboard.press('Enter');
    await page.getByRole('navigation').getByRole('link', { name: 'Lista Ticket' }).waitFor();
    await context.close();
  });

  await step('forgotten password: reset from the e-mailed link', async () => {
    const context = await newContext();
    const page = await context.newPage();
    watch(page, 'reset');
    await page.goto(BASE + '/');
    await page.getByRole('link', { name: 'Password dimenticata?' }).click();
    await page.getByLabel('Username').fill(VAT);
    await page.getByRole('button', { name: 'Invia' }).click();
    await page.getByText(/Se l’account esiste/).waitFor();
    // The local SMTP sink keeps the mail; find the link in it.
    let link = '';
    for (let i = 0; i < 100 && !link; i++) {
      // The sink writes each mail's decoded parts as NNNN.json.
      for (const f of readdirSync(process.env.MAIL_DIR).filter((n) => n.endsWith('.json'))) {
        const mail = JSON.parse(readFileSync(join(process.env.MAIL_DIR, f), 'utf8'));
        const m = (mail.text ?? '').match(/https?:\/\/\S*reset-password\?token=[A-Za-z0-9_%.~-]+/);
        if (m) link = m[0];
      }
      if (!link) await new Promise((r) => setTimeout(r, 200));
    }
    assert.ok(link, 'the reset e-mail arrived with a link');
    await page.goto(link.replace(/^https?:\/\/[^/]+/, BASE));
    await page.getByRole('heading', { name: 'Imposta una nuova password' }).waitFor();
    await page.getByLabel('Password Nuova').fill(NEW_PASSWORD + '-bis');
    await page.getByLabel('Conferma Password').fill(NEW_PASSWORD + '-bis');
    await page.getByRole('button', { name: 'SALVA' }).click();
    await page.getByText('Password reimpostata. Ora puoi accedere.').waitFor();
    const relogin = await api('POST', '/v1/auth/login', { body: { username: VAT, password: NEW_PASSWORD + '-bis' } });
    assert.equal(relogin.status, 200);
    await context.close();
  });

  await step('the user guide ("Scarica Istruzioni") in Italian and English', async () => {
    await customer.getByRole('navigation').getByRole('link', { name: 'Scarica Istruzioni' }).click();
    await customer.getByRole('heading', { name: /Istruzioni/ }).first().waitFor();
    await customer.getByRole('heading', { name: '1. Primo accesso' }).waitFor();
    await customer.waitForFunction(() => [...document.querySelectorAll('.guide img')].every((i) => i.complete));
    await shot(customer, 'guide');
    await customer.getByRole('button', { name: /Lingua/ }).click();
    await customer.getByRole('heading', { name: '1. First access' }).waitFor();
    await customer.getByRole('button', { name: /Language/ }).click();
  });

  // ---- SLA colours: one ticket on time, one due soon, one breached ----
  // Set up through the real stack, no SQL: two business calendars open round
  // the clock (so business time is wall time, whatever the day and hour the
  // test runs), each the calendar of a new company. "sla-browser-ok" keeps
  // the default targets (high 2 h, warning at 75%); "sla-browser-tight" has
  // a high target of 1 s (breached at once) and a warning at 0.01% of the
  // target (a medium ticket, 8 h, warns after 2.9 s and is due in ~8 h).
  await step('consultant queue: on time, due soon and breached, with colours and remaining time', async () => {
    const always = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '00:00', end: '24:00' }));
    const calendars = {
      'sla-browser-ok': { timeZone: 'Europe/Rome', nationalHolidays: false, windows: always },
      'sla-browser-tight': {
        timeZone: 'Europe/Rome', nationalHolidays: false, windows: always,
        policy: { high: '1s', medium: '28800s', low: '57600s', urgentOnSite: '28800s', warningFraction: 0.0001 },
      },
    };
    const companyOf = {};
    for (const [name, body] of Object.entries(calendars)) {
      const saved = await api('PUT', `/v1/calendars/${name}`, { token: admin, body: { name, ...body } });
      assert.equal(saved.status, 200, JSON.stringify(saved.json));
      const company = await api('POST', '/v1/companies', {
        token: admin,
        body: { name: `Cliente ${name}`, vatNumber: vatNumber(), notificationEmail: `${name}@example.com`, contract: { calendar: name } },
      });
      assert.equal(company.status, 200, JSON.stringify(company.json));
      companyOf[name] = company.json.id;
    }
    // The ticket service learns calendars and companies' choices from events:
    // a ticket opened before that is timed on the default calendar. Such a
    // ticket is closed (it leaves the queue) and opened again.
    async function openOn(calendar, subject, priority, expectedTargetMs) {
      for (let attempt = 0; attempt < 60; attempt++) {
        const r = await api('POST', '/v1/tickets', {
          token: admin,
          body: { subject, priority, scope: 'SISTEMI', topic: 'SISTEMI.HARDWARE', note: 'Prova dei colori SLA.',
                  companyId: companyOf[calendar], channel: 'PHONE' },
        });
        assert.equal(r.status, 200, JSON.stringify(r.json));
        const target = Date.parse(r.json.slaDueAt) - Date.parse(r.json.createdAt);
        if (Math.abs(target - expectedTargetMs) < 1000) return r.json;
        const closed = await api('POST', `/v1/tickets/${encodeURIComponent(r.json.id)}:close`, { token: admin });
        assert.equal(closed.status, 200, JSON.stringify(closed.json));
        await new Promise((done) => setTimeout(done, 250));
      }
      throw new Error(`the ticket service never timed a ticket on the calendar ${calendar}`);
    }
    const onTime = await openOn('sla-browser-ok', 'SLA: stampante di rete (nei tempi)', 'HIGH', 2 * 3600_000);
    const dueSoon = await openOn('sla-browser-tight', 'SLA: backup da verificare (in scadenza)', 'MEDIUM', 8 * 3600_000);
    const breached = await openOn('sla-browser-tight', 'SLA: server fermo (scaduto)', 'HIGH', 1000);
    // Wait for the states on the server (the warning comes 2.9 s after creation).
    for (const [ticket, state] of [[onTime, 'OK'], [dueSoon, 'WARNING'], [breached, 'BREACHED']]) {
      let now;
      for (let i = 0; i < 100; i++) {
        now = (await api('GET', `/v1/tickets/${encodeURIComponent(ticket.id)}`, { token: admin })).json;
        if (now.slaState === state) break;
        await new Promise((done) => setTimeout(done, 200));
      }
      assert.equal(now.slaState, state, `${ticket.number}: ${JSON.stringify(now)}`);
    }

    await staff.goto(BASE + '/#/queue');
    await staff.reload();
    await staff.getByRole('heading', { name: 'Coda ticket' }).waitFor();
    const expected = [
      { ticket: onTime, state: 'OK', label: 'nei tempi', time: /^ · 1 h 5\d min rimanenti$/, bg: 'rgb(230, 244, 234)', ink: 'rgb(20, 83, 45)', edge: null },
      { ticket: dueSoon, state: 'WARNING', label: 'in scadenza', time: /^ · 7 h 5\d min rimanenti$/, bg: 'rgb(255, 244, 214)', ink: 'rgb(107, 71, 0)', edge: 'rgb(180, 83, 9)' },
      { ticket: breached, state: 'BREACHED', label: 'scaduto', time: /^ · scaduto da \d+ min$/, bg: 'rgb(253, 232, 232)', ink: 'rgb(127, 29, 29)', edge: 'rgb(155, 28, 28)' },
    ];
    for (const e of expected) {
      const row = staff.locator(`tr[data-ticket="${e.ticket.number}"]`);
      await row.waitFor();
      assert.equal(await row.getAttribute('data-sla'), e.state);
      assert.match(await row.getAttribute('class'), new RegExp(`\\brow-sla-${e.state}\\b`));
      const badge = row.locator('.sla');
      assert.equal(await badge.getAttribute('data-sla'), e.state);
      assert.equal((await badge.locator('.sla-state').textContent()).trim(), e.label);
      assert.match(await badge.locator('.sla-time').textContent(), e.time);
      const style = await badge.evaluate((el) => {
        const s = getComputedStyle(el);
        const cell = getComputedStyle(el.closest('td'));
        return { bg: s.backgroundColor, ink: s.color, edge: cell.borderLeftWidth === '4px' ? cell.borderLeftColor : null };
      });
      assert.deepEqual(style, { bg: e.bg, ink: e.ink, edge: e.edge }, `${e.state} colours`);
      const ratio = contrast(style.ink, style.bg);
      assert.ok(ratio >= 4.5, `${e.state}: contrast ${ratio.toFixed(2)}:1 is below WCAG AA`);
      if (e.edge) assert.ok(contrast(e.edge, 'rgb(255, 255, 255)') >= 3, `${e.state}: the row's edge is visible on white`);
    }
    // Soonest due first: the breached ticket heads the queue.
    assert.equal(await staff.locator('table.queue tbody tr').first().getAttribute('data-ticket'), breached.number);
    await shot(staff, 'queue-sla');
    // The same in English.
    await staff.getByRole('button', { name: /Lingua/ }).click();
    await staff.locator(`tr[data-ticket="${breached.number}"] .sla-state`).getByText('breached').waitFor();
    await staff.locator(`tr[data-ticket="${dueSoon.number}"] .sla-time`).getByText(/7 h 5\d min left/).waitFor();
    await staff.getByRole('button', { name: /Language/ }).click();
    await staff.locator(`tr[data-ticket="${breached.number}"] .sla-state`).getByText('scaduto').waitFor();
  });

  await step('no Content-Security-Policy violations in any page', async () => {
    assert.deepEqual(cspViolations, []);
  });
} catch (e) {
  for (const [who, page] of [['customer', customer], ['consultant', staff]]) {
    if (page && !page.isClosed()) {
      await page.screenshot({ path: join(ARTIFACTS, `FAILED-${who}.png`), fullPage: true }).catch(() => {});
    }
  }
  console.log(`browser test: FAILED at "${current}"; screenshots in ${ARTIFACTS}`);
  await browser.close();
  process.exit(1);
}
await browser.close();
const skipped = results.filter((r) => r.skipped);
console.log(`browser test: ${results.length} steps passed${skipped.length ? ` (${skipped.length} skipped)` : ''} in ${((Date.now() - t0) / 1000).toFixed(1)} s; ${shots.length} screenshots in ${ARTIFACTS}`);
// Idle keep-alive connections of fetch() would hold the process open for a while.
process.exit(0);
