/**
 * Mail and calls in the web app (issue 24), real Chromium against the real app with a real
 * dovecot and a real SMTP server: she sets up the client's mailbox on the Clients screen (the
 * test says in words that it works), a mail arrives and is on Today as new mail, its task tells
 * it in sentences, she replies from the task and the reply reaches the SMTP server threaded,
 * with the original quoted in the client's time; calls to return and messages to pass on are
 * on Today per client. In English, in Czech and on a 390 px phone.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signWebhook } from '../../src/connectors/calls/index.js';
import { WEBHOOK_SECRET_ACCOUNT } from '../../src/tasks/mail/index.js';
import type { ImapServer } from '../env/mail/dovecot.js';
import { startSmtpServer, type SmtpTestServer } from '../env/mail/smtp.js';
import { launch, type TestBrowser } from './helpers/browser.js';
import { startMailUiServer, type MailUiServer } from './helpers/mail-server.js';
import type { UiServer } from './helpers/ui-server.js';

const PASSWORD = 'a long enough password';
const WEBHOOK_SECRET = 'whsec-e2e-0123456789abcdef';
// The bakery's own number: the phone system names it as the line that was called.
const BAKERY_LINE = '+420 541 000 111';
let mail: MailUiServer;
let imap: ImapServer;
let smtp: SmtpTestServer;
let server: UiServer;
let browser: TestBrowser;

beforeAll(async () => {
  mail = await startMailUiServer();
  ({ imap, smtp, server } = mail);
  const who = { actor: 'seed' };
  const bakery = await server.tasks.createClient(
    {
      name: 'Pekárna Nováková',
      timezone: 'Europe/Prague',
      languages: ['cs'],
      contact: { phone: BAKERY_LINE },
    },
    who,
  );
  await mail.desk.start();
  // Fixture: the bakery's call settings — reachable all week, and Petr always goes through.
  const allDay = [{ from: '00:00', to: '24:00' }];
  await mail.desk.setCallSettings(bakery.id, {
    profile: {
      availability: {
        timezone: 'Europe/Prague',
        weekly: Object.fromEntries(
          ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, allDay]),
        ),
      },
      forwarding: [{ name: 'Rodina', callers: ['Petr Dvořák'] }],
    },
  });
  await server.accounts.addUser({ username: 'jana', password: PASSWORD, role: 'secretary' });
  // Calls come as the phone system sends them: signed events posted to the call webhook.
  await mail.secrets.set(WEBHOOK_SECRET_ACCOUNT, WEBHOOK_SECRET);
  await phoneEvent({
    id: 'call-petr-1',
    type: 'call.voicemail',
    occurredAt: new Date().toISOString(),
    from: { number: '+420 602 111 222', name: 'Petr Dvořák' },
    to: { number: BAKERY_LINE },
    voicemail: {
      transcript: 'Prosím zavolejte mi kvůli svatebnímu dortu.',
      recordingUrl: 'https://ustredna.example/vzkazy/petr.mp3',
    },
    callbackWanted: true,
  });
  await phoneEvent({
    id: 'call-eva-1',
    type: 'call.voicemail',
    occurredAt: new Date().toISOString(),
    from: { number: '+420 603 333 444', name: 'Eva Malá' },
    to: { number: BAKERY_LINE },
    voicemail: { transcript: 'Zítra přivezu mouku o hodinu později.' },
    callbackWanted: false,
  });
  browser = await launch();
}, 120_000);

/** Posts a call event to the webhook, signed as the phone system signs it (connectors/calls). */
async function phoneEvent(event: Record<string, unknown>): Promise<void> {
  const body = JSON.stringify(event);
  const ts = Math.floor(Date.now() / 1000);
  const res = await fetch(server.url + '/api/v1/webhooks/calls', {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      'X-Sitedesk-Timestamp': String(ts),
      'X-Sitedesk-Signature': signWebhook(WEBHOOK_SECRET, ts, body),
    },
    body,
  });
  if (res.status !== 201) throw new Error(`webhook answered ${res.status}: ${await res.text()}`);
}

/** The page is no wider than the window (no sideways scroll). */
async function noSidewaysScroll(): Promise<void> {
  expect(
    await browser.page.evaluate<number>(
      'document.documentElement.scrollWidth - document.documentElement.clientWidth',
    ),
  ).toBeLessThanOrEqual(0);
}

/**
 * On a phone the task list comes first: Quick add is one folded line (a tap opens it) and only
 * the search stays of the filters, so the first task shows without scrolling.
 */
async function taskListFirstOnPhone(lang: 'en' | 'cs'): Promise<void> {
  const { page } = browser;
  const w =
    lang === 'cs'
      ? {
          quickAdd: 'Rychle přidat',
          more: 'Další filtry',
          caller: 'Kdo volal',
          status: 'Stav',
          files: 'Přílohy: 1',
        }
      : {
          quickAdd: 'Quick add',
          more: 'More filters',
          caller: 'Who called',
          status: 'Status',
          files: 'Attachments: 1',
        };
  await page.goto(server.url + '/#/tasks');
  const rows = page.locator('ul.rows > li');
  await rows.first().waitFor();
  // The attachment mark is a drawn paper clip named in her language: no emoji (no font for it here).
  const mark = page.getByRole('img', { name: w.files, exact: true }).first();
  await mark.locator('svg').waitFor();
  expect(await page.locator('main').innerText()).not.toContain('📎');
  const first = await rows.first().boundingBox();
  expect(first && first.y + 20).toBeLessThan(844);
  await expect(page.getByLabel(w.caller, { exact: true }).isVisible()).resolves.toBe(false);
  await expect(page.getByLabel(w.status, { exact: true }).isVisible()).resolves.toBe(false);
  await noSidewaysScroll();
  await browser.shot(`48c-task-list-first-${lang}-phone`);
  // One tap opens Quick add (and the other filters); nothing gets wider than the phone.
  await page.getByText(w.quickAdd, { exact: true }).click();
  await page.getByLabel(w.caller, { exact: true }).waitFor();
  await page.getByText(w.more, { exact: true }).click();
  await page.getByLabel(w.status, { exact: true }).waitFor();
  await noSidewaysScroll();
  await browser.shot(`48d-task-list-opened-${lang}-phone`);
}

afterAll(async () => {
  await browser?.close();
  await mail?.stop();
});

const ORIGINAL =
  'From: Jana Klientová <jana@zakaznik.example>\r\n' +
  'To: {to}\r\n' +
  'Subject: Objednávka dortu\r\n' +
  'Date: Wed, 02 Dec 2026 09:15:00 +0000\r\n' +
  'Message-ID: <order-1@zakaznik.example>\r\n' +
  'MIME-Version: 1.0\r\n' +
  'Content-Type: multipart/mixed; boundary="b1"\r\n' +
  '\r\n' +
  '--b1\r\n' +
  'Content-Type: text/plain; charset=utf-8\r\n' +
  'Content-Transfer-Encoding: 8bit\r\n' +
  '\r\n' +
  'Dobrý den, chtěla bych objednat dort na sobotu.\r\n' +
  '--b1\r\n' +
  // The cake she means, as a photo: a thumbnail and a download on the task, a mark in the list.
  'Content-Type: image/png; name="dort.png"\r\n' +
  'Content-Disposition: attachment; filename="dort.png"\r\n' +
  'Content-Transfer-Encoding: base64\r\n' +
  '\r\n' +
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==\r\n' +
  '--b1--\r\n';

describe('mail and calls in the web app, in Chromium', () => {
  it('sets up a mailbox, receives a mail, replies to it, and sees calls on Today', async () => {
    const { page } = browser;
    const user = imap.users[0]!;
    const address = `${user.user}@example.test`;
    await page.goto(server.url + '/');
    await page.getByLabel('User name').fill('jana');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Today', level: 1 }).waitFor();

    // Set up the mailbox on the client, the way she would.
    await page.goto(server.url + '/#/clients');
    const card = page.getByRole('region', { name: 'Pekárna Nováková' });
    await card.getByText('No mailbox yet', { exact: false }).waitFor();
    await card.getByText('Add a mailbox').click();
    await card.getByLabel('E-mail address', { exact: true }).fill(address);
    await card.getByLabel('Name shown to recipients').fill('Pekárna Nováková');
    await card.getByLabel('Login name', { exact: false }).fill(user.user);
    await card.getByLabel('Password', { exact: true }).fill(user.password);
    for (const [side, port] of [
      ['Incoming mail (IMAP)', imap.port],
      ['Outgoing mail (SMTP)', smtp.port],
    ] as const) {
      const group = card.getByRole('group', { name: side });
      await group.getByLabel('Server').fill('127.0.0.1');
      await group.getByLabel('Encryption').selectOption('plain');
      await group.getByLabel('Port').fill(String(port));
    }
    await card.getByRole('button', { name: 'Save the mailbox' }).click();
    await card.getByText('The mailbox works.').waitFor({ timeout: 20_000 });
    await card.getByText('Receiving: works', { exact: false }).waitFor();
    await card.getByText('Password saved').waitFor();
    await browser.shot('40-mailbox-set-up');

    // A mail arrives; Today has it as new mail, under the client.
    await imap.deliver(user.user, ORIGINAL.replace('{to}', address));
    await page.goto(server.url + '/#/');
    const newMail = page.locator('section[aria-labelledby="today-new-mail"]');
    await newMail.getByText('Objednávka dortu').waitFor({ timeout: 20_000 });
    await newMail.getByText('Pekárna Nováková').waitFor();
    const calls = page.locator('section[aria-labelledby="today-calls-back"]');
    await calls.getByText('+420 602 111 222', { exact: false }).waitFor();
    const passOn = page.locator('section[aria-labelledby="today-pass-on"]');
    await passOn.getByText('+420 603 333 444', { exact: false }).waitFor();
    await browser.shot('41-today-mail-calls');

    // The task in sentences, then the reply.
    await newMail.getByRole('link', { name: 'Objednávka dortu' }).click();
    await page.getByText('From Jana Klientová', { exact: false }).first().waitFor();
    // 09:15 UTC is 10:15 at the bakery in Prague.
    await page.getByText(/Received .*10:15/).waitFor();
    const body = await page.locator('main').innerText();
    for (const raw of ['mailboxId', 'threadKey', '{"', 'receivedAt'])
      expect(body).not.toContain(raw);
    await page.locator('.request-files img[alt="dort.png"]').waitFor();
    await expect(
      page.locator('.request-files').getByRole('link', { name: 'Download' }).getAttribute('href'),
    ).resolves.toMatch(/^\/api\/v1\/tasks\/\w+\/attachments\/0$/);
    await page.getByLabel('Your reply').fill('Dobrý den, dort na sobotu připravíme. Pekárna');
    await page.getByText('On ', { exact: false }).first().waitFor();
    await page.getByRole('button', { name: 'Send the reply' }).click();
    await page.getByText('The reply went to jana@zakaznik.example', { exact: false }).waitFor({
      timeout: 20_000,
    });
    const sent = smtp.messages.find((m) => m.raw.includes('dort na sobotu p'));
    expect(sent?.to).toEqual(['jana@zakaznik.example']);
    expect(sent?.raw).toContain('In-Reply-To: <order-1@zakaznik.example>');
    // The quote's date is the client's (Prague) time, in the client's language.
    expect(sent?.raw.replace(/=\r?\n/g, '')).toMatch(/10:15/);
    await page.getByText('Replied on', { exact: false }).waitFor();
    await browser.shot('42-mail-task-replied');
    const taskUrl = page.url();

    // The same in Czech.
    await page.getByLabel('Language').selectOption('cs');
    await page.getByRole('heading', { name: 'Odpovědět' }).waitFor();
    await page.getByText(/Přišlo .*10:15/).waitFor();
    await browser.shot('43-mail-task-cs');
    await page.goto(server.url + '/#/');
    await page.getByRole('heading', { name: 'Nová pošta' }).waitFor();
    await page.getByRole('heading', { name: 'Komu zavolat zpět' }).waitFor();
    await page.getByRole('heading', { name: 'Vzkazy k předání' }).waitFor();
    await browser.shot('44-today-cs');
    await page.goto(server.url + '/#/clients');
    await page.getByRole('heading', { name: 'Poštovní schránky' }).waitFor();
    await page.getByRole('button', { name: 'Vyzkoušet' }).click();
    await page.getByText('Schránka funguje.').waitFor({ timeout: 20_000 });
    await browser.shot('45-mailbox-cs');

    // A call task in sentences.
    await page.goto(server.url + '/#/');
    await page
      .locator('section[aria-labelledby="today-calls-back"]')
      .getByRole('link', { name: /Petr|Dvořák|Hovor|Call/ })
      .first()
      .click();
    await page.getByText('Přeje si zavolat zpět.').waitFor();
    const callUrl = page.url();
    // How the call came and why it was put through, in her words: no English, no codes.
    await page.getByText('Volající nechal(a) hlasovou zprávu.').waitFor();
    await page
      .getByText(
        'Rozhodnutí: přepojit hovor klientovi — platí pravidlo „Rodina“ (volající Petr Dvořák) a klient je v pracovní době (00:00–24:00).',
      )
      .waitFor();
    const callPage = await page.locator('section, main').first().innerText();
    for (const english of ['Voicemail:', 'Rule ', 'within hours', 'Call from', 'notifyTo'])
      expect(callPage).not.toContain(english);
    expect(callPage).not.toMatch(/rule-within-hours|take-message|\bforward\b|any-caller/);
    // The voicemail the phone system recorded, one click away.
    await expect(
      page.getByRole('link', { name: 'Poslechnout hlasovou zprávu' }).getAttribute('href'),
    ).resolves.toBe('https://ustredna.example/vzkazy/petr.mp3');
    await browser.shot('46-call-task-cs');
    // The call task and Today on a phone, in Czech: titles and reasons in her words.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByText('Rozhodnutí: přepojit hovor', { exact: false }).waitFor();
    await noSidewaysScroll();
    await browser.shot('46b-call-task-cs-phone');
    await page.goto(server.url + '/#/');
    const callsCs = page.locator('section[aria-labelledby="today-calls-back"]');
    await callsCs.getByRole('link', { name: 'Hovor – Petr Dvořák (zavolat zpět)' }).waitFor();
    expect(await page.locator('main').innerText()).not.toContain('Call from');
    await noSidewaysScroll();
    await browser.shot('46c-today-cs-phone');
    // A message taken (no rule for Eva), and why it did not reach the client, in Czech.
    await page
      .locator('section[aria-labelledby="today-pass-on"]')
      .getByRole('link', { name: 'Hovor – Eva Malá' })
      .click();
    await page
      .getByText(
        'Rozhodnutí: vzít vzkaz — na tohoto volajícího ani téma se nevztahuje žádné pravidlo přepojení; klient je v pracovní době.',
      )
      .waitFor();
    await page
      .getByText('klient nemá e-mailovou adresu pro vzkazy', { exact: false })
      .first()
      .waitFor();
    const messagePage = await page.locator('main').innerText();
    expect(messagePage).not.toMatch(/no-rule|take-message|notifyTo|No forwarding rule/);
    await noSidewaysScroll();
    await browser.shot('46e-call-message-cs-phone');
    await taskListFirstOnPhone('cs');
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(server.url + '/#/');
    await page.getByLabel('Jazyk').selectOption('en');
    await page.goto(server.url + '/#/tasks');
    await page.locator('details.quick-add[open]').waitFor();
    await page.getByLabel('Search').waitFor();
    await browser.shot('46d-task-list-en-desktop');
    await page.goto(callUrl);
    await page.getByText('Wants to be called back.').waitFor();
    await page
      .getByText(
        'Decision: forward the call to the client — rule “Rodina” matches (caller Petr Dvořák) and the client is within hours (00:00–24:00).',
      )
      .waitFor();

    // A phone.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(taskUrl);
    await page.getByRole('heading', { name: 'Reply' }).waitFor();
    await browser.shot('47-mail-task-phone');
    await page.goto(server.url + '/#/clients');
    await page.getByRole('heading', { name: 'Mailboxes' }).waitFor();
    await page.getByRole('button', { name: 'Change' }).last().click();
    await browser.shot('48-mailbox-phone');
    // The task list on the phone: each mail and call row says who, when, newest first.
    await page.goto(server.url + '/#/tasks');
    await page
      .getByText('Jana Klientová <jana@zakaznik.example>', { exact: false })
      .first()
      .waitFor();
    await page.getByText('+420 603 333 444', { exact: false }).first().waitFor();
    await page.getByRole('img', { name: 'Attachments: 1', exact: true }).first().waitFor();
    expect(
      await page.evaluate<number>(
        'document.documentElement.scrollWidth - document.documentElement.clientWidth',
      ),
    ).toBeLessThanOrEqual(0);
    await browser.shot('48b-task-list-phone');
    await taskListFirstOnPhone('en');

    // The outgoing server is down: the reply is kept and says why in words, then goes once.
    const port = smtp.port;
    await smtp.stop();
    await page.goto(taskUrl);
    await page.getByLabel('Your reply').fill('Ještě jednou: dort bude hotový v sobotu v 9.');
    await page.getByRole('button', { name: 'Send the reply' }).click();
    const queued = page.getByText(
      'Not sent yet: the outgoing mail server does not answer. The reply is kept and will be sent by itself when the server answers again.',
    );
    await queued.waitFor({ timeout: 30_000 });
    expect(await page.locator('main').innerText()).not.toContain('Something went wrong');
    const waiting = page.getByText('Waiting to send to ', { exact: false });
    await waiting.waitFor({ timeout: 10_000 });
    await expect(waiting.innerText()).resolves.toContain(
      'the outgoing mail server does not answer',
    );
    await browser.shot('49-reply-smtp-down-phone');
    const again = await startSmtpServer({ port, messages: smtp.messages, closeTimeoutMs: 1_000 });
    await page.getByRole('button', { name: 'Send again now' }).click();
    await waiting.waitFor({ state: 'detached', timeout: 30_000 });
    await page.waitForTimeout(1_000); // room for a second copy to show
    expect(smtp.messages.filter((m) => m.raw.includes('dort bude hotov'))).toHaveLength(1);
    await browser.shot('49b-reply-sent-after-outage-phone');
    await again.stop();
    expect(browser.pageErrors).toEqual([]);
  }, 180_000);
});
