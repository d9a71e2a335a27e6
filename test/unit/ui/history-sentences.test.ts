/**
 * The task page's history in sentences (src/ui/src/parts/history-sentences.ts): every action the
 * service writes reads as a sentence naming the site and the person, in English and in Czech,
 * never as its internal code; repeated lines show once with a count.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  historyLines,
  historySentence,
  type HistoryContext,
  type HistoryItem,
  type Translate,
} from '../../../src/ui/src/parts/history-sentences.js';
import { cs } from '../../../src/ui/src/i18n/cs.js';
import { en, type MessageKey } from '../../../src/ui/src/i18n/en.js';

// The same filling of `{name}` as src/ui/src/i18n/i18n.ts (which needs a browser to load).
const translator =
  (catalog: Record<MessageKey, string>): Translate =>
  (key, values) =>
    values
      ? catalog[key].replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? ''))
      : catalog[key];
const tEn = translator(en);
const tCs = translator(cs);

// Times as the client in Prague reads them (14:32 there is 13:32 UTC in winter).
const hhmm = (iso: string): string =>
  new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/Prague',
    hour: '2-digit',
    minute: '2-digit',
  }).format(new Date(iso));
const ctx: HistoryContext = {
  client: { name: 'Pekárna U Jany' },
  sites: [
    { id: 's-wp', name: 'Bakery website', kind: 'wordpress' },
    { id: 's-ghost', name: 'Bakery blog', kind: 'ghost' },
    { id: 's-git', name: 'Menu page', kind: 'git' },
  ],
  dateTime: hhmm,
};

let seq = 0;
const entry = (action: string, changes: unknown, more: Partial<HistoryItem> = {}): HistoryItem => ({
  id: `h${++seq}`,
  action,
  actor: 'jana',
  at: '2026-03-02T13:00:00.000Z',
  changes,
  entity: 'task',
  ...more,
});
const pub = (action: string, changes: Record<string, unknown>, more: Partial<HistoryItem> = {}) =>
  entry(
    action,
    { siteId: 's-wp', ...changes },
    { entity: 'publication', actor: 'runner', ...more },
  );
const at1432 = '2026-03-02T13:32:00.000Z';

/** [what, entry, English, Czech] */
const cases: [string, HistoryItem, string, string][] = [
  // the task
  [
    'task created by the secretary',
    entry('created', { kind: 'call', source: 'manual', title: 'Call back' }),
    'jana created the task',
    'jana: úkol vytvořen',
  ],
  [
    'request sent by the client',
    entry('created', { kind: 'site-edit', source: 'client' }, { actor: 'client:c1' }),
    'Pekárna U Jany (client) sent this request',
    'Pekárna U Jany (klient): požadavek odeslán',
  ],
  [
    'task made from an e-mail',
    entry('created', { kind: 'mail', source: 'mail' }, { actor: 'mail:mb1' }),
    'sitedesk made this task from an e-mail',
    'sitedesk: úkol vytvořen z e-mailu',
  ],
  [
    'task made by a recurring update',
    entry('created', { kind: 'publish', source: 'schedule' }, { actor: 'schedule:sc1' }),
    'sitedesk made this task from a recurring update',
    'sitedesk: úkol vytvořen z pravidelné aktualizace',
  ],
  [
    'title and priority changed',
    entry('updated', {
      title: { from: 'Old', to: 'Spring menu' },
      priority: { from: 'normal', to: 'high' },
    }),
    'jana renamed the task to “Spring menu”; jana set the priority to High',
    'jana: úkol přejmenován na „Spring menu“; jana: priorita nastavena na „Vysoká“',
  ],
  [
    'due time set',
    entry('updated', { due_at: { from: null, to: at1432 } }),
    'jana set the due time to 14:32',
    'jana: termín nastaven na 14:32',
  ],
  [
    'assignee changed',
    entry('updated', { assignee: { from: null, to: 'petr' } }),
    'jana gave the task to petr',
    'jana: úkol přidělen uživateli petr',
  ],
  [
    'details changed',
    entry('updated', {
      details: { from: { request: 'a', siteId: 's-wp' }, to: { request: 'b', siteId: 's-git' } },
    }),
    'jana changed the details: what should change, the site',
    'jana: změněny údaje – co se má změnit, web',
  ],
  [
    'sites added to a publishing task',
    entry('updated', { siteIds: { from: ['s-wp'], to: ['s-wp', 's-ghost'] } }),
    'jana added sites to publish to: Bakery blog (Ghost)',
    'jana: přidáno ke zveřejnění – Bakery blog (Ghost)',
  ],
  [
    'reply to a mail',
    entry('updated', {
      details: {
        from: { subject: 'Hi' },
        to: { subject: 'Hi', replies: [{ messageId: 'm', to: ['a@example.com'], at: at1432 }] },
      },
    }),
    'jana replied by e-mail to a@example.com',
    'jana: odeslána e-mailová odpověď – a@example.com',
  ],
  [
    'urgent mail forwarded',
    entry(
      'updated',
      {
        details: {
          from: { urgent: { reasons: [], state: 'pending', to: 'boss@example.com' } },
          to: { urgent: { reasons: [], state: 'forwarded', to: 'boss@example.com' } },
        },
      },
      { actor: 'mail:mb1' },
    ),
    'sitedesk forwarded the urgent e-mail to boss@example.com',
    'sitedesk: naléhavý e-mail přeposlán na adresu boss@example.com',
  ],
  [
    'urgent forward sent again by hand',
    entry(
      'updated',
      {
        details: {
          from: { urgent: { reasons: [], state: 'retrying', to: 'boss@example.com' } },
          to: { urgent: { reasons: [], state: 'pending', to: 'boss@example.com' } },
        },
      },
      { actor: 'jana' },
    ),
    'jana had the urgent e-mail sent on to boss@example.com again',
    'jana: naléhavý e-mail znovu zařazen k přeposlání na adresu boss@example.com',
  ],
  [
    'urgent forward waiting for the mail server',
    entry(
      'updated',
      {
        details: {
          from: { urgent: { reasons: [], state: 'pending', to: 'boss@example.com' } },
          to: {
            urgent: {
              reasons: [],
              state: 'retrying',
              to: 'boss@example.com',
              detail: 'connect ECONNREFUSED 127.0.0.1:2525',
            },
          },
        },
      },
      { actor: 'mail:mb1' },
    ),
    // It said "sitedesk changed the details — other details" (issue 24).
    'The urgent e-mail has not been forwarded yet: the outgoing mail server does not answer; sitedesk tries again by itself',
    'Naléhavý e-mail se zatím nepodařilo přeposlat: server odchozí pošty neodpovídá; sitedesk to zkusí znovu sám',
  ],
  [
    'call message sent in the summary',
    entry(
      'updated',
      { details: { from: {}, to: { delivery: { state: 'sent', how: 'digest', at: at1432 } } } },
      { actor: 'calls' },
    ),
    'sitedesk sent the message to the client in the summary e-mail',
    'sitedesk: vzkaz odeslán klientovi v souhrnném e-mailu',
  ],
  [
    'call message not sent',
    entry(
      'updated',
      {
        details: {
          from: {},
          to: {
            delivery: {
              state: 'failed',
              how: 'digest',
              detail: '550 5.1.1 <owner@bakery.example>: Recipient address rejected',
            },
          },
        },
      },
      { actor: 'calls' },
    ),
    // The mail server's answer is said as its cause, not quoted (issue 24).
    'Sending the message to the client failed: the client’s mail server refused the address',
    'Vzkaz se klientovi nepodařilo odeslat: poštovní server klienta adresu odmítl',
  ],
  [
    'call message waiting for the mail server',
    entry(
      'updated',
      {
        details: {
          from: { delivery: { state: 'waiting' } },
          to: {
            delivery: {
              state: 'waiting',
              how: 'at-once',
              detail: 'connect ECONNREFUSED 127.0.0.1:2525',
            },
          },
        },
      },
      { actor: 'calls' },
    ),
    'The message has not reached the client yet: the outgoing mail server does not answer',
    'Vzkaz se ke klientovi zatím nedostal: server odchozí pošty neodpovídá',
  ],
  [
    'status moved with a note',
    entry('status:open->in_progress', {
      status: { from: 'open', to: 'in_progress' },
      note: 'calling back',
    }),
    'jana moved it from “Open” to “In progress”: “calling back”',
    'jana: stav změněn z „Otevřeno“ na „Rozpracováno“: „calling back“',
  ],
  [
    'client approved a version',
    entry(
      'status:waiting_client->approved',
      {
        status: { from: 'waiting_client', to: 'approved' },
        decision: 'approve',
        comment: 'Looks great',
        round: 2,
      },
      { actor: 'client:c1' },
    ),
    'Pekárna U Jany (client) approved version 2: “Looks great”',
    'Pekárna U Jany (klient): verze 2 schválena: „Looks great“',
  ],
  [
    'client asked for changes',
    entry(
      'status:waiting_client->in_progress',
      {
        status: { from: 'waiting_client', to: 'in_progress' },
        decision: 'reject',
        comment: 'Price is 45 Kč',
        round: 1,
      },
      { actor: 'client:c1' },
    ),
    'Pekárna U Jany (client) asked for changes to version 1: “Price is 45 Kč”',
    'Pekárna U Jany (klient): verze 1 vrácena s žádostí o změny: „Price is 45 Kč“',
  ],
  [
    'client decision in an older database (English note)',
    entry(
      'status:waiting_client->in_progress',
      {
        status: { from: 'waiting_client', to: 'in_progress' },
        note: 'rejected by the client: Wrong photo',
      },
      { actor: 'client:c1' },
    ),
    'Pekárna U Jany (client) asked for changes: “Wrong photo”',
    'Pekárna U Jany (klient): vráceno s žádostí o změny: „Wrong photo“',
  ],
  [
    'client approval without a comment in an older database',
    entry(
      'status:waiting_client->approved',
      { status: { from: 'waiting_client', to: 'approved' }, note: 'approved by the client' },
      { actor: 'client:c1' },
    ),
    'Pekárna U Jany (client) approved',
    'Pekárna U Jany (klient): schváleno',
  ],
  [
    'every site done (reason)',
    entry(
      'status:scheduled->done',
      { status: { from: 'scheduled', to: 'done' }, reason: 'publications-settled' },
      { actor: 'runner' },
    ),
    'All sites are done',
    'Všechny weby jsou hotové',
  ],
  [
    'a site failed when publishing settled',
    entry(
      'status:scheduled->failed',
      { status: { from: 'scheduled', to: 'failed' }, reason: 'publications-settled' },
      { actor: 'runner' },
    ),
    'Publishing has finished, but a site failed',
    'Zveřejňování skončilo, ale na některém webu se nepovedlo',
  ],
  [
    'request closed when live everywhere',
    entry(
      'status:approved->done',
      { status: { from: 'approved', to: 'done' }, reason: 'thread-live' },
      { actor: 'system' },
    ),
    'Closed: the text is live on every site',
    'Uzavřeno: text je zveřejněný na všech webech',
  ],
  [
    'text of a recurring update supplied',
    entry('status:waiting_client->approved', {
      status: { from: 'waiting_client', to: 'approved' },
      note: 'text supplied',
    }),
    'jana supplied the text: it is ready to publish',
    'jana: text dodán, je připravený ke zveřejnění',
  ],
  [
    'sent for approval',
    entry('approval-sent', {
      round: 2,
      note: 'New photo as you asked',
      siteIds: ['s-wp', 's-git'],
      publishWhenApproved: false,
    }),
    'jana sent version 2 to the client for approval; sites: Bakery website (WordPress), Menu page (static site (Git)): “New photo as you asked”',
    'jana: verze 2 odeslána klientovi ke schválení; weby: Bakery website (WordPress), Menu page (statický web (Git)): „New photo as you asked“',
  ],
  [
    'sent for approval, published when approved',
    entry('approval-sent', { round: 1, siteIds: [], publishWhenApproved: true }),
    'jana sent version 1 to the client for approval (it is published as soon as it is approved)',
    'jana: verze 1 odeslána klientovi ke schválení (po schválení se hned zveřejní)',
  ],
  [
    'text started for a request',
    entry('text-started', { contentItemId: 'ci1', title: 'Spring menu' }),
    'jana started the text “Spring menu” for this request',
    'jana: k tomuto požadavku rozepsán text „Spring menu“',
  ],
  // publications
  [
    'publishing asked for',
    pub('created', { state: 'pending' }, { actor: 'jana' }),
    'jana asked to publish to Bakery website (WordPress)',
    'jana: zadáno zveřejnění – Bakery website (WordPress)',
  ],
  [
    'attempt under way',
    pub('attempt', { state: 'publishing', attempts: 1 }),
    'Publishing to Bakery website (WordPress) started',
    'Zveřejňování začalo: Bakery website (WordPress)',
  ],
  [
    'published with its live page',
    pub('published', { state: 'published', url: 'https://bakery.example/spring' }),
    'Published to Bakery website (WordPress) — live at https://bakery.example/spring',
    'Zveřejněno: Bakery website (WordPress) – stránka je na adrese https://bakery.example/spring',
  ],
  [
    'scheduled on a site',
    pub('published', { state: 'scheduled', url: 'https://blog.example/p' }, {}),
    'Scheduled on Bakery website (WordPress): the site publishes it at the set time',
    'Naplánováno: Bakery website (WordPress) – web text zveřejní v nastavený čas',
  ],
  [
    'updated on a site',
    pub('updated', { siteId: 's-ghost', state: 'published', url: 'https://blog.example/p' }),
    'Updated on Bakery blog (Ghost) — live at https://blog.example/p',
    'Aktualizováno: Bakery blog (Ghost) – stránka je na adrese https://blog.example/p',
  ],
  [
    'failed, tried again later',
    pub('retry_scheduled', {
      state: 'pending',
      last_error: 'HTTP 503 from the site',
      next_attempt_at: at1432,
    }),
    'Bakery website (WordPress) failed: HTTP 503 from the site; sitedesk tries again at 14:32',
    'Bakery website (WordPress) – nepovedlo se: HTTP 503 from the site; další pokus: 14:32',
  ],
  [
    'failed for good',
    pub('failed', { siteId: 's-git', state: 'failed', last_error: 'push rejected' }),
    'Menu page (static site (Git)) failed: push rejected',
    'Menu page (statický web (Git)) – nepovedlo se: push rejected',
  ],
  [
    'failed with a stored cause: said in her words, no code in brackets',
    pub('failed', {
      state: 'failed',
      last_error: 'POST http://x/wp-json/wp/v2/posts → 401 rest_cannot_create [password_rejected]',
    }),
    `Bakery website (WordPress) failed: ${en['cause.password_rejected']} ${en.navClients}`,
    `Bakery website (WordPress) – nepovedlo se: ${cs['cause.password_rejected']} ${cs.navClients}`,
  ],
  [
    'cancelled by the secretary',
    pub('cancelled', { state: 'cancelled' }, { actor: 'jana' }),
    'jana cancelled publishing to Bakery website (WordPress)',
    'jana: zveřejnění zrušeno – Bakery website (WordPress)',
  ],
  [
    'tried again at once',
    pub('retry_now', { state: 'pending', attempts: 0 }, { actor: 'jana' }),
    'jana asked to try Bakery website (WordPress) again now',
    'jana: nový pokus hned teď – Bakery website (WordPress)',
  ],
  [
    'resumed after a restart',
    pub('resumed', { state: 'pending' }),
    'Publishing to Bakery website (WordPress) was interrupted (sitedesk stopped) and goes on',
    'Zveřejňování se přerušilo (sitedesk se zastavil) a pokračuje: Bakery website (WordPress)',
  ],
  [
    'scheduled post went live',
    pub('went_live', { state: 'published' }),
    'Bakery website (WordPress): the scheduled post went live',
    'Bakery website (WordPress): naplánovaný příspěvek je zveřejněný',
  ],
  [
    'promotion start reached',
    pub('start_reached', { state: 'pending' }),
    'Bakery website (WordPress): the promotion starts now, so sitedesk publishes it',
    'Bakery website (WordPress): akce právě začíná, sitedesk ji zveřejňuje',
  ],
  [
    'promotion ended',
    pub('ended', { state: 'unpublished' }),
    'Bakery website (WordPress): the promotion has ended and was taken down',
    'Bakery website (WordPress): akce skončila a byla stažena',
  ],
  [
    'taking down failed',
    pub('end_failed', { last_error: 'Taking down failed: HTTP 500', next_attempt_at: at1432 }),
    'Bakery website (WordPress): taking the ended promotion down failed: HTTP 500; sitedesk tries again at 14:32',
    'Bakery website (WordPress): skončenou akci se nepodařilo stáhnout: HTTP 500; další pokus: 14:32',
  ],
  [
    'live page checked',
    pub('verified', { verified_at: at1432, verify_attempts: 1 }),
    'Bakery website (WordPress): the live page was checked',
    'Bakery website (WordPress): živá stránka zkontrolována',
  ],
  [
    'live page not confirmed yet',
    pub('verify_failed', {
      verify_attempts: 1,
      next_verify_at: at1432,
      last_error: 'Published; live page not confirmed yet: the page answered 404',
    }),
    'Bakery website (WordPress): the live page is not confirmed yet (the page answered 404)',
    'Bakery website (WordPress): živá stránka zatím není potvrzená (the page answered 404)',
  ],
  [
    'live page given up on',
    pub('verify_failed', {
      verify_attempts: 8,
      next_verify_at: null,
      last_error:
        'Published, but the live page was not confirmed after 8 checks: the title is missing',
    }),
    'Bakery website (WordPress): the live page could not be confirmed after 8 checks (the title is missing)',
    'Bakery website (WordPress): živou stránku se nepodařilo potvrdit (kontrol: 8; the title is missing)',
  ],
  [
    'a site the list no longer has',
    pub('verified', { siteId: 's-gone' }),
    'a site no longer listed: the live page was checked',
    'web, který už není v seznamu: živá stránka zkontrolována',
  ],
  // texts, recurring updates, clients and sites
  [
    'text created',
    entry(
      'created',
      { title: 'Spring menu', slug: 'spring', kind: 'post' },
      { entity: 'content_item' },
    ),
    'jana created the text “Spring menu”',
    'jana: vytvořen text „Spring menu“',
  ],
  [
    'text of a recurring update supplied (the text)',
    entry('updated', { text: 'supplied', title: 'Menu 12 March' }, { entity: 'content_item' }),
    'jana supplied the text “Menu 12 March”',
    'jana: dodán text „Menu 12 March“',
  ],
  [
    'text edited',
    entry('updated', { title: { from: 'a', to: 'b' } }, { entity: 'content_item' }),
    'jana edited the text',
    'jana: text upraven',
  ],
  [
    'recurring update created',
    entry('created', { name: 'Weekly menu' }, { entity: 'schedule' }),
    'jana created the recurring update “Weekly menu”',
    'jana: vytvořena pravidelná aktualizace „Weekly menu“',
  ],
  [
    'recurring update changed',
    entry('updated', { name: { from: 'a', to: 'b' } }, { entity: 'schedule' }),
    'jana changed the recurring update',
    'jana: pravidelná aktualizace změněna',
  ],
  [
    'recurring update deleted',
    entry('deleted', {}, { entity: 'schedule' }),
    'jana deleted the recurring update',
    'jana: pravidelná aktualizace smazána',
  ],
  [
    'recurring update switched on',
    entry('enabled', {}, { entity: 'schedule' }),
    'jana switched the recurring update on',
    'jana: pravidelná aktualizace zapnuta',
  ],
  [
    'recurring update switched off with the client',
    entry('disabled', { reason: 'client archived' }, { entity: 'schedule' }),
    'The recurring update was switched off because the client was archived',
    'Pravidelná aktualizace byla vypnuta, protože klient byl archivován',
  ],
  [
    'recurring update fired',
    entry(
      'dispatched',
      { fired: [at1432, at1432], skipped: 0, nextRunAt: at1432 },
      { entity: 'schedule', actor: 'scheduler' },
    ),
    'Tasks made from the recurring update: 2',
    'Úkoly vytvořené z pravidelné aktualizace: 2',
  ],
  [
    'recurring update rescheduled',
    entry(
      'rescheduled',
      { nextRunAt: { from: null, to: at1432 }, zone: 'Europe/Prague' },
      { entity: 'schedule', actor: 'system' },
    ),
    'The next recurring update was moved to 14:32',
    'Další pravidelná aktualizace přesunuta na 14:32',
  ],
  [
    'text for a date supplied',
    entry('text_supplied', { date: '2026-03-12' }, { entity: 'schedule' }),
    'jana supplied the text for 2026-03-12',
    'jana: dodán text na 2026-03-12',
  ],
  [
    'client added',
    entry('created', { name: 'Pekárna U Jany' }, { entity: 'client' }),
    'jana added the client Pekárna U Jany',
    'jana: přidán klient Pekárna U Jany',
  ],
  [
    'client changed',
    entry('updated', {}, { entity: 'client' }),
    'jana changed the client’s details',
    'jana: změněny údaje klienta',
  ],
  [
    'client archived',
    entry('archived', { name: 'x' }, { entity: 'client' }),
    'jana archived the client',
    'jana: klient archivován',
  ],
  [
    'client removed for good (the one line left of it)',
    entry('removed', { exported: true, tasks: 3, texts: 1 }, { entity: 'client' }),
    'jana removed a client for good',
    'jana: klient natrvalo odstraněn',
  ],
  [
    'site added',
    entry(
      'created',
      { name: 'Bakery website', kind: 'wordpress' },
      { entity: 'site', entityId: 's-new' },
    ),
    'jana added the site Bakery website (WordPress)',
    'jana: přidán web Bakery website (WordPress)',
  ],
  [
    'site changed',
    entry('updated', {}, { entity: 'site', entityId: 's-ghost' }),
    'jana changed the settings of Bakery blog (Ghost)',
    'jana: změněno nastavení webu Bakery blog (Ghost)',
  ],
  [
    'site archived',
    entry('archived', { client: 'c1' }, { entity: 'site', entityId: 's-git' }),
    'jana archived the site Menu page (static site (Git))',
    'jana: archivován web Menu page (statický web (Git))',
  ],
  [
    'site removed',
    entry('deleted', { name: 'Old blog', kind: 'ghost' }, { entity: 'site', entityId: 's-x' }),
    'jana removed the site Old blog (Ghost)',
    'jana: odebrán web Old blog (Ghost)',
  ],
  [
    'an action this version does not know',
    entry('frobnicated', { raw: { a: 1 } }),
    'jana changed this',
    'jana: provedena změna',
  ],
];

describe('history sentences', () => {
  it.each(cases)('%s', (_, e, english, czech) => {
    expect(historySentence(e, ctx, tEn)).toBe(english);
    expect(historySentence(e, ctx, tCs)).toBe(czech);
  });

  it('reads the old English note “publications settled” as the reason publications-settled', () => {
    const old = entry(
      'status:scheduled->done',
      { status: { from: 'scheduled', to: 'done' }, note: 'publications settled' },
      { actor: 'runner' },
    );
    const now = entry(
      'status:scheduled->done',
      { status: { from: 'scheduled', to: 'done' }, reason: 'publications-settled' },
      { actor: 'runner' },
    );
    for (const t of [tEn, tCs])
      expect(historySentence(old, ctx, t)).toBe(historySentence(now, ctx, t));
    expect(historySentence(old, ctx, tEn)).not.toContain('publications settled');
  });

  it('names a client actor without the client at hand, and sitedesk’s own workers', () => {
    const e = entry('created', { source: 'client' }, { actor: 'client:c9' });
    expect(historySentence(e, { dateTime: hhmm }, tEn)).toBe('the client sent this request');
    expect(historySentence(e, { dateTime: hhmm }, tCs)).toBe('klient: požadavek odeslán');
    for (const actor of ['system', 'runner', 'scheduler', 'schedule:sc1', 'mail:m1', 'telephony'])
      expect(historySentence(entry('created', {}, { actor }), ctx, tEn)).toBe(
        'sitedesk created the task',
      );
  });

  it('tells a publication entry from its changes when the API does not say the entity', () => {
    const e = pub('verified', {}, { entity: undefined });
    expect(historySentence(e, ctx, tEn)).toBe(
      'Bakery website (WordPress): the live page was checked',
    );
    const status = entry('status:open->done', {}, { entity: undefined });
    expect(historySentence(status, ctx, tEn)).toBe('jana moved it from “Open” to “Done”');
  });
});

describe('history lines', () => {
  it('shows identical lines of one person in a row once, with a count', () => {
    const checks = [1, 2, 3].map((n) => pub('verified', {}, { at: `2026-03-02T13:0${n}:00.000Z` }));
    const lines = historyLines(checks, ctx, tEn);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      text: 'Bakery website (WordPress): the live page was checked (3×)',
      count: 3,
      at: '2026-03-02T13:03:00.000Z',
    });
    expect(historyLines(checks, ctx, tCs)[0]?.text).toBe(
      'Bakery website (WordPress): živá stránka zkontrolována (3×)',
    );
  });

  it('keeps lines apart when the person or the sentence differs', () => {
    const lines = historyLines(
      [
        pub('verified', {}),
        pub('verified', { siteId: 's-ghost' }),
        pub('verified', { siteId: 's-ghost' }, { actor: 'jana' }),
      ],
      ctx,
      tEn,
    );
    expect(lines.map((l) => l.count)).toEqual([1, 1, 1]);
  });

  it('puts the sites asked for at once on one line and leaves out attempts with an outcome', () => {
    const at = '2026-03-02T13:00:00.000Z';
    const lines = historyLines(
      [
        pub('created', { state: 'pending' }, { actor: 'jana', at, entityId: 'p1' }),
        pub(
          'created',
          { siteId: 's-ghost', state: 'pending' },
          { actor: 'jana', at, entityId: 'p2' },
        ),
        pub('attempt', { attempts: 1 }, { entityId: 'p1' }),
        pub('attempt', { siteId: 's-ghost', attempts: 1 }, { entityId: 'p2' }),
        pub('published', { url: 'https://bakery.example/a' }, { entityId: 'p1' }),
      ],
      ctx,
      tEn,
    );
    expect(lines.map((l) => l.text)).toEqual([
      'jana asked to publish to Bakery website (WordPress), Bakery blog (Ghost)',
      'Publishing to Bakery blog (Ghost) started',
      'Published to Bakery website (WordPress) — live at https://bakery.example/a',
    ]);
  });
});

describe('history lines of the thread', () => {
  it('says “sent for approval” once, without the status move it made', () => {
    const at = '2026-03-02T14:00:00.000Z';
    const lines = historyLines(
      [
        entry(
          'status:in_progress->waiting_client',
          { status: { from: 'in_progress', to: 'waiting_client' } },
          { at },
        ),
        entry('approval-sent', { round: 1, siteIds: ['s-wp'], publishWhenApproved: false }, { at }),
      ],
      ctx,
      tEn,
    );
    expect(lines.map((l) => l.text)).toEqual([
      'jana sent version 1 to the client for approval; sites: Bakery website (WordPress)',
    ]);
  });
});

// --- every action the service writes has a sentence -------------------------------------------

const statuses = [
  'open',
  'in_progress',
  'waiting_client',
  'approved',
  'scheduled',
  'done',
  'failed',
  'cancelled',
];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory()
      ? d.name === 'ui'
        ? []
        : sourceFiles(join(dir, d.name))
      : d.name.endsWith('.ts')
        ? [join(dir, d.name)]
        : [],
  );
}

/** The arguments of each call of `name(` in `source`, as text (parentheses balanced). */
function callArguments(source: string, name: string): string[] {
  const out: string[] = [];
  const re = new RegExp(`\\b${name}\\(`, 'g');
  for (let m = re.exec(source); m; m = re.exec(source)) {
    let depth = 1;
    let i = m.index + m[0].length;
    for (; i < source.length && depth > 0; i++) {
      const ch = source[i];
      if (ch === '(' || ch === '{' || ch === '[') depth++;
      else if (ch === ')' || ch === '}' || ch === ']') depth--;
    }
    out.push(source.slice(m.index + m[0].length, i - 1));
  }
  return out;
}

/** The last top-level argument of an argument list. */
function lastArgument(args: string): string {
  let depth = 0;
  let start = 0;
  for (let i = 0; i < args.length; i++) {
    const ch = args[i];
    if (ch === '(' || ch === '{' || ch === '[') depth++;
    else if (ch === ')' || ch === '}' || ch === ']') depth--;
    else if (ch === ',' && depth === 0 && args.slice(i + 1).trim() !== '') start = i + 1;
  }
  return args.slice(start);
}

const literals = (expression: string): string[] =>
  [...expression.matchAll(/'([^']+)'/g)].map((m) => m[1] as string);

/**
 * Every (entity, action) the service writes to the history: `action:` of each appendHistory
 * call (a `status:${from}->${to}` template stands for every status pair; a variable is looked up
 * through its declared type), and the action argument of the runner's changePublication calls.
 */
function writtenActions(): { entity: string; action: string; file: string }[] {
  const found: { entity: string; action: string; file: string }[] = [];
  for (const file of sourceFiles('src')) {
    const source = readFileSync(file, 'utf8');
    for (const args of callArguments(source, 'appendHistory')) {
      const entity = /entity:\s*'(\w+)'/.exec(args)?.[1];
      const expression = /\baction:\s*([^,\n]+)/.exec(args)?.[1]?.trim();
      if (!entity || !expression) continue;
      let actions = literals(expression);
      if (expression.startsWith('`status:'))
        actions = statuses.flatMap((from) => statuses.map((to) => `status:${from}->${to}`));
      else if (/^\w+$/.test(expression)) {
        const type = new RegExp(`(?:const|let)\\s+${expression}\\s*:\\s*(\\w+)`).exec(source)?.[1];
        const union = type && new RegExp(`type\\s+${type}\\s*=\\s*([^;]+);`).exec(source)?.[1];
        actions = union ? literals(union) : [];
      }
      for (const action of actions) found.push({ entity, action, file });
    }
    if (!file.includes(join('publishing', 'runner'))) continue;
    for (const name of ['changePublication', 'record'])
      for (const args of callArguments(source, name))
        for (const action of literals(lastArgument(args)))
          found.push({ entity: 'publication', action, file });
  }
  return found;
}

describe('every history action written in src/', () => {
  const written = writtenActions();

  it('finds the actions (the reading of the source still works)', () => {
    const names = new Set(written.map((w) => `${w.entity}:${w.action}`));
    for (const known of [
      'task:created',
      'task:updated',
      'task:status:open->in_progress',
      'publication:created',
      'publication:cancelled',
      'publication:retry_scheduled',
      'publication:verify_failed',
      'publication:end_failed',
      'publication:start_reached',
      'content_item:updated',
      'schedule:text_supplied',
      'site:deleted',
      'client:archived',
    ])
      expect(names).toContain(known);
  });

  it.each(['en', 'cs'] as const)('reads each as a sentence, never as its code (%s)', (lang) => {
    const t = lang === 'en' ? tEn : tCs;
    for (const { entity, action, file } of written) {
      const [, from, to] = /^status:(\w+)->(\w+)$/.exec(action) ?? [];
      const changes = from ? { status: { from, to } } : { siteId: 's-wp', title: 'Spring menu' };
      const e = entry(action, changes, { entity, entityId: 's-wp' });
      const sentence = historySentence(e, ctx, t);
      const where = `${entity} ${action} (${file})`;
      expect(sentence, where).not.toBe(historySentence(entry('?', {}), ctx, t));
      expect(sentence, where).not.toBe(action);
      if (/[^a-z]/.test(action)) expect(sentence, where).not.toContain(action);
      expect(sentence, where).not.toMatch(/\{\w+\}|undefined|\[object|^\s*$/);
    }
  });
});
