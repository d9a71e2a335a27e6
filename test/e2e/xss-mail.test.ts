/**
 * The payload corpus (test/fixtures/xss-corpus.ts, issue 16) through mail intake: mails whose
 * sender name, subject, plain and HTML bodies and attachment names carry the payloads arrive
 * at a real dovecot, the real intake makes them tasks, and the web app shows Today, the task
 * list and each mail task in Chromium. A dialog listener and the corpus's `window.__xn`
 * globals count what ran: nothing may. Fixtures only (client, mailbox, account).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { batches } from '../fixtures/xss-corpus.js';
import { launch, type TestBrowser } from './helpers/browser.js';
import { markersSet, recordDialogs } from './helpers/markers.js';
import { startMailUiServer, type MailUiServer } from './helpers/mail-server.js';

const PASSWORD = 'a long enough password';
const PNG =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

let mail: MailUiServer;
let browser: TestBrowser;
let token: string;
let dialogs: string[] = [];
const groups = batches(300);

// One mail per group of payloads: in the sender's name, the subject, both bodies and a file name.
function rawMail(n: number, text: string, to: string): string {
  const oneLine = text.replace(/[\r\n]+/g, ' ');
  return [
    `From: "Corpus ${n} ${oneLine.replace(/["\\]/g, '')}" <sender${n}@example.test>`,
    `To: ${to}`,
    `Subject: Corpus ${n} ${oneLine}`,
    `Message-ID: <corpus-${n}@example.test>`,
    'Date: Sat, 05 Dec 2026 10:00:00 +0000',
    'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary="outer"',
    '',
    '--outer',
    'Content-Type: multipart/alternative; boundary="inner"',
    '',
    '--inner',
    'Content-Type: text/plain; charset=utf-8',
    '',
    `Corpus ${n} body: ${text}`,
    '--inner',
    'Content-Type: text/html; charset=utf-8',
    '',
    `<html><body><p>Corpus ${n} html</p>${text}</body></html>`,
    '--inner--',
    '--outer',
    `Content-Type: image/png; name="${oneLine.slice(0, 60).replace(/"/g, '')}.png"`,
    `Content-Disposition: attachment; filename="${oneLine.slice(0, 60).replace(/"/g, '')}.png"`,
    'Content-Transfer-Encoding: base64',
    '',
    PNG,
    '--outer--',
    '',
  ].join('\r\n');
}

beforeAll(async () => {
  mail = await startMailUiServer();
  const bakery = await mail.server.tasks.createClient(
    { name: 'Pekárna U Jany', timezone: 'Europe/Prague' },
    { actor: 'seed' },
  );
  const address = await mail.addMailbox(bakery.id);
  const jana = await mail.server.accounts.addUser({
    username: 'jana',
    password: PASSWORD,
    role: 'secretary',
  });
  token = (await mail.server.accounts.createApiToken(jana, { name: 'reader' })).token;
  for (const group of groups)
    await mail.imap.deliver(
      mail.imap.users[0]!.user,
      rawMail(group[0]?.n ?? 0, group.map((p) => p.text).join(' '), address),
    );
  await mail.desk.start();
  browser = await launch();
  dialogs = recordDialogs(browser.page);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await mail?.stop();
});

async function mailTasks(): Promise<{ id: string }[]> {
  const res = await fetch(`${mail.server.url}/api/v1/tasks?kind=mail&limit=200`, {
    headers: { Authorization: `Bearer ${token}` },
  });
  return ((await res.json()) as { items: { id: string }[] }).items;
}

describe('the corpus through mail intake, on every screen that shows a mail', () => {
  it('every mail becomes a task; Today, the list and each task run nothing', async () => {
    await expect
      .poll(async () => (await mailTasks()).length, { timeout: 30_000 })
      .toBe(groups.length);
    const { page } = browser;
    await page.goto(`${mail.server.url}/`);
    await page.getByLabel('User name').fill('jana');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Today', level: 1 }).waitFor();
    const hashes = ['#/today', '#/tasks', ...(await mailTasks()).map((t) => `#/tasks/${t.id}`)];
    for (const hash of hashes) {
      await page.goto(`${mail.server.url}/${hash}`);
      await page.getByText('Corpus', { exact: false }).first().waitFor();
      await page.waitForTimeout(200);
      expect(await markersSet(browser.page), hash).toEqual([]);
    }
    // The last task's page shows the mail's words as text, its HTML part not as markup.
    expect(await page.locator('main').innerText()).toMatch(/Corpus \d+ body: /);
    expect(dialogs).toEqual([]);
  });
});
