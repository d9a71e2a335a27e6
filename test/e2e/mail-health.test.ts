/**
 * Real Chromium against the real app with a real mail desk: a mailbox on a real dovecot (and a
 * real SMTP server) is fine in Today; when dovecot stops, Today names the mailbox as not
 * answering, with since when and what to do; the server's reason stays plain text.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, type TestBrowser } from './helpers/browser.js';
import { startMailUiServer, type MailUiServer } from './helpers/mail-server.js';

const PASSWORD = 'a long enough password';

let mail: MailUiServer;
let browser: TestBrowser;

beforeAll(async () => {
  mail = await startMailUiServer();
  const bakery = await mail.server.tasks.createClient(
    { name: 'Pekárna Nováková', timezone: 'Europe/Prague' },
    { actor: 'seed' },
  );
  await mail.addMailbox(bakery.id);
  await mail.desk.start();
  await mail.server.accounts.addUser({ username: 'jana', password: PASSWORD, role: 'secretary' });
  browser = await launch();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await mail?.stop();
});

/** Polls the desk until the mailbox is in `state` (the intake decides, not the browser). */
async function until(state: string, ms: number): Promise<void> {
  const started = Date.now();
  while ((await mail.desk.health())[0]?.state !== state) {
    if (Date.now() - started > ms) throw new Error(`mailbox not ${state} within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('mailbox health in Today, in Chromium', () => {
  it('shows a healthy mailbox calmly, then the mailbox that stopped answering', async () => {
    const { page } = browser;
    const address = `${mail.imap.users[0]!.user}@example.test`;
    await until('healthy', 15_000);
    await page.goto(mail.server.url + '/');
    await page.getByLabel('User name').fill('jana');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Today', level: 1 }).waitFor();
    await page.getByRole('region', { name: /Mailboxes/ }).waitFor();
    // Found by its id so it is the same card in Czech too.
    const card = page.locator('section[aria-labelledby="today-mailboxes"]');
    await card.getByText('All mailboxes are answering.').waitFor();
    await expect(card.getByText(address).count()).resolves.toBe(0);

    await mail.imap.stop();
    // healthIntervalMs is 2 s; room for a loaded machine.
    await until('unhealthy', 8_000);
    await page.reload();
    await page.getByRole('heading', { name: 'Today', level: 1 }).waitFor();
    await card.getByText(address).waitFor();
    await card.getByText('not answering since', { exact: false }).waitFor();
    await card.getByText('Check the password or the server settings', { exact: false }).waitFor();
    await expect(card.getByText('All mailboxes are answering.').count()).resolves.toBe(0);
    await expect(card.locator('.count').textContent()).resolves.toBe('1');
    await browser.shot('30-today-mailbox-unhealthy');

    // The same in Czech, the date in the Czech way.
    await page.getByLabel('Language').selectOption('cs');
    await card.getByText('neodpovídá od', { exact: false }).waitFor();
    await browser.shot('31-today-mailbox-unhealthy-cs');
    await page.getByLabel('Jazyk').selectOption('en');
    expect(browser.pageErrors).toEqual([]);
  });
});
