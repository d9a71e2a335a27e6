/**
 * Real Chromium against the real app: a client opens its private link, sends a request with an
 * image (and an XSS payload in the text), the secretary sees it in Today as plain text, asks the
 * client to decide (the client's open page shows it live), the client approves with a comment,
 * and the secretary's Today shows the approval live over the event stream.
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
let bakeryId: string;

beforeAll(async () => {
  server = await startUiServer(await buildUi());
  const bakery = await server.tasks.createClient(
    { name: 'Pekárna Nováková', timezone: 'Europe/Prague' },
    { actor: 'seed' },
  );
  bakeryId = bakery.id;
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
    await page.getByRole('heading', { name: 'Požadavky pro Pekárna Nováková' }).waitFor();
    await page.getByRole('button', { name: 'Odeslat požadavek' }).waitFor();
    await page.getByLabel('Jazyk').selectOption('en');
    expect(client.pageErrors).toEqual([]);
  });

  it('the request shows in Today as text: the XSS payload does not run', async () => {
    const { page } = secretary;
    await signIn(secretary);
    const requests = page.getByRole('region', { name: /Client requests waiting/ });
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

  it('the client approves after the secretary asks; Today shows it live', async () => {
    const { page } = secretary;
    await page.getByRole('button', { name: 'Waiting for the client' }).click();
    await page.getByRole('main').getByText('Waiting for the client').first().waitFor();
    await page.goto(server.url + '/#/today');
    const approved = page.getByRole('region', { name: /Approved by the client/ });
    await approved.getByText('All done here.').waitFor();

    // No reload on the client's side either: the link's own event stream (fetch with its
    // Bearer token) brings the request to decide on.
    const waiting = client.page.getByRole('region', { name: 'Waiting for your decision' });
    await waiting.waitFor({ timeout: 10_000 });
    await waiting.getByLabel('Comment (optional)').fill('Vypadá to skvěle, děkuji');
    await client.shot('13-client-decision');
    await waiting.getByRole('button', { name: 'Approve' }).click();
    await client.page.getByRole('region', { name: 'My requests' }).getByText('Approved').waitFor();

    // No reload on the secretary's side: the event stream brings the change.
    await approved.getByText('Change the menu', { exact: false }).waitFor({ timeout: 10_000 });
    await secretary.shot('14-today-approved');
    await approved.getByRole('link', { name: 'Open' }).click();
    const history = page.getByRole('region', { name: 'History' });
    await history.getByText('Vypadá to skvěle, děkuji', { exact: false }).waitFor();
    await history.getByText('Pekárna Nováková (client)', { exact: false }).first().waitFor();
    await secretary.shot('15-task-history');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    // The session is gone on the server too: the API answers 401 to the old cookie.
    const me = await page.evaluate(async () => (await fetch('/api/v1/auth/me')).status);
    expect(me).toBe(401);
    const [task] = (await server.tasks.listTasks({ kind: ['site-edit'] })).items;
    const full = await server.tasks.getTask(task?.id ?? '');
    expect(JSON.stringify(full.history)).toContain('Vypadá to skvěle');
  });

  it('the client looks at the preview of a text waiting for approval, in a frame that runs nothing', async () => {
    const who = { actor: 'jana' };
    const site = await server.tasks.createSite(
      {
        clientId: bakeryId,
        name: 'Web pekárny',
        kind: 'wordpress',
        url: 'https://pekarna.example',
        settings: { username: 'editor' },
      },
      who,
    );
    const item = await server.tasks.createContentItem(
      {
        clientId: bakeryId,
        title: 'Jarní menu',
        slug: 'jarni-menu',
        markdown: 'Nové **polévky** každý den.',
      },
      who,
    );
    // A publishing task the secretary asks the client about before anything goes out.
    const task = await server.tasks.createTask(
      {
        clientId: bakeryId,
        kind: 'publish',
        details: { contentItemId: item.id, siteIds: [site.id] },
      },
      who,
    );
    await server.tasks.transitionTask(task.id, 'waiting_client', who);
    // The client's page is still open: the task arrives over its event stream.
    const waiting = client.page.getByRole('region', { name: 'Waiting for your decision' });
    await waiting.getByRole('heading', { name: 'Jarní menu' }).waitFor();
    await waiting.getByRole('button', { name: 'Preview' }).click();
    const frame = client.page.frameLocator('iframe.preview');
    await frame.locator('strong', { hasText: 'polévky' }).first().waitFor();
    await frame.getByText('On Web pekárny', { exact: false }).waitFor();
    const sandbox = await client.page.locator('iframe.preview').getAttribute('sandbox');
    expect(sandbox).toBe('allow-same-origin');
    await client.shot('16-client-preview');
    await waiting.getByRole('button', { name: 'Approve' }).click();
    await expect
      .poll(async () => (await server.tasks.getTask(task.id)).task.status)
      .toBe('approved');
    expect(client.pageErrors).toEqual([]);
  });
});
