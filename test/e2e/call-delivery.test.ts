/**
 * A call message that does not reach the client, on the call task (issue 24), real Chromium
 * against the real app with a real SMTP server that is down: the client wants messages at once,
 * the phone system posts a call nobody puts through, and the task says in her words that the
 * message has not reached the client, why, and what she can do — the mail server's own answer
 * only under "Technical details". English, Czech and a 390 px phone.
 */
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signWebhook } from '../../src/connectors/calls/index.js';
import { WEBHOOK_SECRET_ACCOUNT } from '../../src/tasks/mail/index.js';
import { launch, SCREENSHOTS, type TestBrowser } from './helpers/browser.js';
import { startMailUiServer, type MailUiServer } from './helpers/mail-server.js';

const PASSWORD = 'a long enough password';
const WEBHOOK_SECRET = 'whsec-e2e-0123456789abcdef';
const BAKERY_LINE = '+420 541 000 111';
const DOCS = join(import.meta.dirname, '../../docs/screenshots');
let mail: MailUiServer;
let browser: TestBrowser;

beforeAll(async () => {
  mail = await startMailUiServer();
  const bakery = await mail.server.tasks.createClient(
    {
      name: 'Pekárna Nováková',
      timezone: 'Europe/Prague',
      languages: ['cs'],
      contact: { phone: BAKERY_LINE, email: 'majitelka@pekarna.example' },
    },
    { actor: 'seed' },
  );
  await mail.addMailbox(bakery.id);
  // Fixture: reachable all week, no forwarding rule (every call is a message), sent at once.
  const allDay = [{ from: '00:00', to: '24:00' }];
  await mail.desk.setCallSettings(bakery.id, {
    profile: {
      availability: {
        timezone: 'Europe/Prague',
        weekly: Object.fromEntries(
          ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, allDay]),
        ),
      },
      forwarding: [],
    },
    delivery: { mode: 'at-once' },
  });
  await mail.secrets.set(WEBHOOK_SECRET_ACCOUNT, WEBHOOK_SECRET);
  await mail.server.accounts.addUser({ username: 'jana', password: PASSWORD, role: 'secretary' });
  browser = await launch();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await mail?.stop();
}, 60_000);

/** Posts a call event to the webhook, signed as the phone system signs it (connectors/calls). */
async function phoneEvent(event: Record<string, unknown>): Promise<void> {
  const body = JSON.stringify(event);
  const ts = Math.floor(Date.now() / 1000);
  const res = await fetch(mail.server.url + '/api/v1/webhooks/calls', {
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

/** A screenshot for the tests' folder and for docs/screenshots. */
async function shot(name: string): Promise<void> {
  await browser.shot(name);
  mkdirSync(DOCS, { recursive: true });
  copyFileSync(join(SCREENSHOTS, `${name}.png`), join(DOCS, `${name}.png`));
}

describe('a call message the mail server did not take, in Chromium', () => {
  it('says on the task that it has not reached the client, why and what to do', async () => {
    const { page } = browser;
    await mail.smtp.stop(); // the outgoing server is down when the message is taken
    await phoneEvent({
      id: 'call-eva-1',
      type: 'call.voicemail',
      occurredAt: new Date().toISOString(),
      from: { number: '+420 603 333 444', name: 'Eva Malá' },
      to: { number: BAKERY_LINE },
      voicemail: { transcript: 'Zítra přivezu mouku o hodinu později.' },
      callbackWanted: false,
    });

    await page.goto(mail.server.url + '/');
    await page.getByLabel('User name').fill('jana');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page
      .locator('section[aria-labelledby="today-pass-on"]')
      .getByRole('link', { name: /Eva Malá/ })
      .click();
    await page
      .getByText(
        'The message has not reached the client yet: the outgoing mail server does not answer. sitedesk tries again by itself every minute.',
      )
      .waitFor();
    await page
      .getByText('On Clients and sites, test the client’s mailbox (the Test button).', {
        exact: false,
      })
      .waitFor();
    // The history says it too, in words.
    await page
      .getByText(
        'The message has not reached the client yet: the outgoing mail server does not answer',
        { exact: false },
      )
      .last()
      .waitFor();
    // The server's own answer is folded under Technical details, not in the sentences.
    let body = await page.locator('main').innerText();
    expect(body).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|waits for the daily summary/);
    await page.getByText('Technical details').last().click();
    await page.getByText('ECONNREFUSED', { exact: false }).last().waitFor();
    await shot('calls-delivery-waiting-en');

    await page.getByLabel('Language').selectOption('cs');
    await page
      .getByText(
        'Vzkaz se ke klientovi zatím nedostal: server odchozí pošty neodpovídá. sitedesk to sám zkouší znovu každou minutu.',
      )
      .waitFor();
    await page.getByText('Na obrazovce Klienti a weby vyzkoušejte', { exact: false }).waitFor();
    await page.reload();
    await page
      .getByText('Vzkaz se ke klientovi zatím nedostal', { exact: false })
      .first()
      .waitFor();
    body = await page.locator('main').innerText();
    expect(body).not.toMatch(/ECONNREFUSED|has not reached|the outgoing mail server/);
    await shot('calls-delivery-waiting-cs');

    await page.setViewportSize({ width: 390, height: 844 });
    await page
      .getByText('Vzkaz se ke klientovi zatím nedostal', { exact: false })
      .first()
      .waitFor();
    expect(
      await page.evaluate<number>(
        'document.documentElement.scrollWidth - document.documentElement.clientWidth',
      ),
    ).toBeLessThanOrEqual(0);
    await shot('calls-delivery-waiting-cs-390');
  });
});
