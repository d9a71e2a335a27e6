/**
 * Real Chromium against the real app: a client opens its private link, sends a request with an
 * image (and an XSS payload in the text), the secretary sees it in Today and on the task as plain
 * text, and signing out ends the session on the server too. The rest of the thread (text,
 * approval, live) is walked in thread.test.ts against the real sites.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, type TestBrowser } from './helpers/browser.js';
import { buildUi, startUiServer, type UiServer } from './helpers/ui-server.js';

const PASSWORD = 'a long enough password';
// A 1×1 PNG, recognised by its bytes on the server.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);
const XSS = `<img src=x onerror="window.__xss=1"><script>window.__xss=2</script> Change the menu`;

let server: UiServer;
let client: TestBrowser;
let secretary: TestBrowser;
let linkUrl: string;

beforeAll(async () => {
  server = await startUiServer(await buildUi());
  const bakery = await server.tasks.createClient(
    { name: 'Pekárna Nováková', timezone: 'Europe/Prague' },
    { actor: 'seed' },
  );
  await server.accounts.addUser({ username: 'jana', password: PASSWORD, role: 'secretary' });
  const link = await server.accounts.createClientLink(bakery.id, {}, 'seed');
  linkUrl = `${server.url}/#/c/${link.token}`;
  [client, secretary] = await Promise.all([launch({ width: 390, height: 800 }), launch()]);
}, 120_000);

afterAll(async () => {
  await client?.close();
  await secretary?.close();
  await server?.close();
});

async function signIn(b: TestBrowser): Promise<void> {
  await b.page.goto(server.url + '/');
  await b.page.getByLabel('User name').fill('jana');
  await b.page.getByLabel('Password').fill(PASSWORD);
  await b.page.getByRole('button', { name: 'Sign in' }).click();
  await b.page.getByRole('heading', { name: 'Today', level: 1 }).waitFor();
}

describe('the client page and the secretary, in Chromium', () => {
  it('a client sends a request with an image from the private link', async () => {
    const { page } = client;
    await page.goto(linkUrl);
    await page.getByRole('heading', { name: 'Requests for Pekárna Nováková' }).waitFor();
    await page.getByLabel('What should change').fill(XSS);
    await page
      .getByLabel('Images')
      .setInputFiles({ name: 'menu.png', mimeType: 'image/png', buffer: PNG });
    await client.shot('10-client-page');
    await page.getByRole('button', { name: 'Send request' }).click();
    await page.getByRole('status').getByText('Thank you').waitFor();
    await page
      .getByRole('region', { name: 'My requests' })
      .getByText('Change the menu', { exact: false })
      .waitFor();
    const [task] = (await server.tasks.listTasks({ kind: ['site-edit'] })).items;
    expect(task?.kind === 'site-edit' && task.details.attachments.map((a) => a.filename)).toEqual([
      'menu.png',
    ]);
    // The client reads the page in Czech too.
    await page.getByLabel('Language').selectOption('cs');
    await page.getByRole('heading', { name: 'Požadavky – Pekárna Nováková' }).waitFor();
    await page.getByRole('button', { name: 'Odeslat požadavek' }).waitFor();
    await page.getByLabel('Jazyk').selectOption('en');
    expect(client.pageErrors).toEqual([]);
  });

  it('the request shows in Today as text: the XSS payload does not run', async () => {
    const { page } = secretary;
    await signIn(secretary);
    const requests = page.getByRole('region', { name: /New requests from clients/ });
    await requests.getByText('<img src=x onerror=', { exact: false }).waitFor();
    await secretary.shot('11-today-xss');
    await requests.getByRole('link', { name: 'Open' }).click();
    await page.getByRole('heading', { name: /Change the menu/ }).waitFor();
    await page.getByText('menu.png', { exact: true }).waitFor();
    await secretary.shot('12-task-detail');
    expect(await page.evaluate(() => (globalThis as { __xss?: number }).__xss)).toBeUndefined();
    expect(await page.locator('img[src="x"], main script').count()).toBe(0);
    expect(secretary.pageErrors).toEqual([]);
  });

  it('signing out ends the session on the server too', async () => {
    const { page } = secretary;
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    // The API answers 401 to the old cookie.
    const me = await page.evaluate(async () => (await fetch('/api/v1/auth/me')).status);
    expect(me).toBe(401);
  });
});
