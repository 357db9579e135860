// "Scarica Istruzioni": the user guide to this portal, in Italian and
// English, with screenshots that the browser tests take (public/guide/).
// Printing the page (or "save as PDF") gives the downloadable version.
import { lang, t } from '../i18n';

interface Step {
  title: string;
  text: string[];
  shot?: string;
}

const it: Step[] = [
  {
    title: 'A cosa serve',
    text: [
      'La Gestione Ticket raccoglie ogni richiesta di assistenza, segnalazione di anomalia o richiesta di miglioria sui prodotti e servizi coperti dal vostro contratto, così che richieste, risposte e livelli di servizio restino tracciati.',
      'I Consulenti prendono in carico i Ticket entro 2 ore lavorative per priorità Alta (problema bloccante), 4 ore per Media (grave ma non bloccante) e 16 ore per Bassa. Orario di lavoro: dal lunedì al venerdì, 09:00–13:00 e 14:30–18:30.',
    ],
  },
  {
    title: '1. Primo accesso',
    text: [
      'Aprite il portale e inserite la partita IVA della vostra azienda sia come Username sia come Password, poi premete «Accedi».',
    ],
    shot: 'login',
  },
  {
    title: '2. Nuova password',
    text: [
      'Al primo accesso la password è scaduta: inserite la password attuale (la partita IVA), la nuova password (almeno 10 caratteri, diversa dallo username) e la conferma, poi premete «SALVA».',
      'Se in futuro dimenticate la password, usate «Password dimenticata?» nella pagina di accesso: riceverete via email un link valido per poco tempo e una sola volta.',
    ],
    shot: 'password',
  },
  {
    title: '3. Indirizzo email per le notifiche',
    text: [
      'Prima di creare il primo Ticket dovete sostituire l’indirizzo email di default con il vostro: lo useremo per tutte le notifiche sui Ticket. Potete cambiarlo quando volete dalla voce «Indirizzo Email».',
    ],
    shot: 'email',
  },
  {
    title: '4. Lista Ticket',
    text: [
      'Dopo il cambio email vi trovate nel riepilogo dei Ticket, inizialmente vuoto («Al momento non hai nessun record salvato.»), a meno che un Consulente non ne abbia già inseriti per vostro conto.',
      'Potete filtrare per stato, ambito e priorità, cercare nel testo, ordinare cliccando sull’intestazione di una colonna e sfogliare le pagine.',
    ],
    shot: 'list-empty',
  },
  {
    title: '5. Creare un Ticket',
    text: [
      'Premete «+ Crea Ticket» e compilate Oggetto (obbligatorio), Priorità, Ambito (il prodotto) e, dove previsto, Argomento. Descrivete il problema nella Nota.',
      'Potete allegare fino a 3 immagini (.png, .jpg) e 1 file (.doc, .docx, .xls, .xlsx, .csv, .zip, .pdf, .png, .jpg): vedrete l’anteprima delle immagini e l’avanzamento del caricamento. Azienda e numero progressivo sono impostati automaticamente.',
    ],
    shot: 'create',
  },
  {
    title: '6. Risposte e conversazione',
    text: [
      'Quando un Consulente risponde ricevete un’email. Cliccate sull’oggetto del Ticket per aprirlo: il pannello delle risposte mostra i messaggi dal più recente, con autore, note, immagini (img1–img3), file, «Scarica Immagini» e data di inserimento.',
      'Se la risposta non risolve il problema, premete «Crea» in alto a sinistra del pannello delle risposte e scrivete un nuovo messaggio, con eventuali allegati.',
    ],
    shot: 'ticket',
  },
  {
    title: '7. Chiudere il Ticket',
    text: [
      'Se la risposta è risolutiva, cliccate sulla «X» nella colonna «Chiudi» della riga del Ticket e confermate.',
    ],
    shot: 'close',
  },
  {
    title: 'Per i Consulenti',
    text: [
      'La «Coda ticket» elenca i Ticket aperti per scadenza della presa in carico, con il tempo lavorativo residuo in giallo quando è vicino alla scadenza e in rosso quando è scaduto. Dal Ticket si prende in carico, si assegna, si cambia priorità, si risponde o si aggiunge una nota interna (mai visibile al cliente), si riapre e si registra l’attività svolta.',
    ],
    shot: 'queue',
  },
];

const en: Step[] = [
  {
    title: 'What it is for',
    text: [
      'Ticket Management collects every request for assistance, bug report or improvement request about the products and services your contract covers, so that requests, answers and service levels are traceable.',
      'Consultants take tickets in charge within 2 business hours for High priority (blocking problem), 4 hours for Medium (serious, not blocking) and 16 hours for Low. Business hours: Monday to Friday, 09:00–13:00 and 14:30–18:30 (Italian time).',
    ],
  },
  {
    title: '1. First access',
    text: ['Open the portal and enter your company’s VAT number both as Username and as Password, then press “Sign in”.'],
    shot: 'login',
  },
  {
    title: '2. New password',
    text: [
      'On first access the password has expired: enter the current password (the VAT number), a new password (at least 10 characters, different from the username) and its confirmation, then press “SAVE”.',
      'If you ever forget your password, use “Forgot your password?” on the sign-in page: you will get an e-mail with a short-lived, single-use link.',
    ],
    shot: 'password',
  },
  {
    title: '3. Notification e-mail address',
    text: [
      'Before creating your first ticket you must replace the default e-mail address with your own: every ticket notification goes there. You can change it at any time from “Email Address”.',
    ],
    shot: 'email',
  },
  {
    title: '4. Ticket list',
    text: [
      'After the e-mail change you land on the ticket summary, empty at first unless a consultant already opened tickets on your behalf.',
      'Filter by status, scope and priority, search the text, sort by clicking a column heading and move between pages.',
    ],
    shot: 'list-empty',
  },
  {
    title: '5. Creating a ticket',
    text: [
      'Press “+ Create Ticket” and fill in Subject (required), Priority, Scope (the product) and, where there are any, Topic. Describe the problem in the Note.',
      'You can attach up to 3 images (.png, .jpg) and 1 file (.doc, .docx, .xls, .xlsx, .csv, .zip, .pdf, .png, .jpg), with image previews and upload progress. Company and progressive number are set automatically.',
    ],
    shot: 'create',
  },
  {
    title: '6. Replies and conversation',
    text: [
      'When a consultant answers you get an e-mail. Click the ticket’s subject to open it: the replies panel lists the messages newest first, with author, notes, images (img1–img3), file, “Download Images” and date.',
      'If the answer does not solve the problem, press “Create” at the top left of the replies panel and write a new message, with attachments if needed.',
    ],
    shot: 'ticket',
  },
  {
    title: '7. Closing the ticket',
    text: ['If the answer solves the problem, click the “X” in the “Close” column of the ticket’s row and confirm.'],
    shot: 'close',
  },
  {
    title: 'For consultants',
    text: [
      'The “Ticket queue” lists open tickets by take-in-charge due, with the remaining business time in amber when it is close and in red when it is overdue. From a ticket you take it in charge, assign it, change its priority, reply or add an internal note (never shown to the customer), reopen it and log the work done.',
    ],
    shot: 'queue',
  },
];

export function GuidePage() {
  const steps = lang() === 'en' ? en : it;
  return (
    <article class="card guide" aria-labelledby="guide-title">
      <div class="guide-head">
        <h1 id="guide-title">
          {t('guideTitle')} — {t('appTitle')}
        </h1>
        <button type="button" class="no-print" onClick={() => window.print()}>
          {t('print')}
        </button>
      </div>
      {steps.map((s) => (
        <section>
          <h2>{s.title}</h2>
          {s.text.map((p) => (
            <p>{p}</p>
          ))}
          {s.shot && (
            <figure>
              <img
                src={`/guide/${s.shot}.jpg`}
                alt={s.title}
                loading="lazy"
                onError={(e) => ((e.currentTarget.parentElement as HTMLElement).hidden = true)}
              />
            </figure>
          )}
        </section>
      ))}
    </article>
  );
}
