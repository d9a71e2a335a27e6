/**
 * The thread, walked only through the web app against the real WordPress, Ghost and git (Hugo)
 * sites of test/env: the client sends a request with an image from her private link → the
 * secretary writes the text for it (the client's image put in) → sends it for approval → the
 * client looks at the preview and asks for changes → the secretary sees that on Today, revises
 * and sends version 2 → the client sees what changed and approves → the runner publishes to the
 * three sites → the request closes by itself and the client sees "Live" with each live page.
 * Walked in English, in Czech, and on a 390 px phone. Fixtures only: the client, her sites, the
 * secretary's account and the private link. The assertions read the remotes (one post per site,
 * the live page has the revised text) and the web app.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cs } from '../../src/ui/src/i18n/cs.js';
import { en } from '../../src/ui/src/i18n/en.js';
import { launch, type TestBrowser } from './helpers/browser.js';
import { shotForDocs } from './helpers/docs-shots.js';
import { REAL_SITE_NAMES, startRealSites, type RealSites } from './helpers/real-sites.js';
import { buildUi } from './helpers/ui-server.js';

const PASSWORD = 'a long enough password';
// A 3×2 PNG, recognised by its bytes on the server.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAMAAAACCAIAAAASFvFNAAAAEElEQVR4nGM4UaEBQQxwFgBYNAhxWdzeRAAAAABJRU5ErkJggg==',
  'base64',
);
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 900 };

let rs: RealSites;
let linkUrl: string;
const running = new AbortController();
let runnerDone: Promise<void> | undefined;

beforeAll(async () => {
  rs = await startRealSites({ clientName: 'Pekárna U Jany', uiDir: await buildUi() });
  await rs.server.accounts.addUser({ username: 'jana', password: PASSWORD, role: 'secretary' });
  const link = await rs.server.accounts.createClientLink(rs.clientId, {}, 'seed');
  linkUrl = `${rs.server.url}/#/c/${link.token}`;
  // The runner loops as in `sitedesk serve`: it publishes whatever the web app queued.
  runnerDone = rs.runner.run(running.signal);
}, 300_000);

afterAll(async () => {
  running.abort();
  await runnerDone;
  await rs?.stop();
});

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** A message with its `{placeholders}` matching anything (for names and numbers in it). */
const like = (message: string): RegExp =>
  new RegExp(
    message
      .split(/\{\w+\}/)
      .map(escape)
      .join('.*'),
  );

interface Walk {
  name: string;
  lang: 'en' | 'cs';
  viewport: typeof DESKTOP;
  title: string;
  slug: string;
  request: string;
}

const walks: Walk[] = [
  {
    name: 'in English',
    lang: 'en',
    viewport: DESKTOP,
    title: 'Spring menu',
    slug: 'spring-menu',
    request: 'Please put our spring menu on the website',
  },
  {
    name: 'in Czech',
    lang: 'cs',
    viewport: DESKTOP,
    title: 'Jarní menu',
    slug: 'jarni-menu',
    request: 'Prosím dejte na web naše jarní menu',
  },
  {
    name: 'on a phone',
    lang: 'en',
    viewport: PHONE,
    title: 'Summer menu',
    slug: 'summer-menu',
    request: 'Summer menu please',
  },
];

describe.each(walks)('the whole thread $name, only through the web app', (walk) => {
  const w = walk.lang === 'cs' ? cs : en;
  const shotName = (step: string) => `thread-${walk.lang}-${walk.viewport.width}-${step}`;
  /** The step's screenshot; with `docsName`, also that image of the docs. */
  const shot = (b: TestBrowser, step: string, docsName?: string) =>
    docsName ? shotForDocs(b, shotName(step), docsName) : b.shot(shotName(step));
  // docs/thread.md shows the English walk on a computer and Today's changes on the phone;
  // docs/secretary/clients-and-sites.md the client's page on her phone.
  const desktopEn = walk.lang === 'en' && walk.viewport === DESKTOP;
  const phone = walk.viewport === PHONE;
  let client: TestBrowser;
  let secretary: TestBrowser;
  const price = walk.lang === 'cs' ? 'Polévka 45 Kč' : 'Soup 45 CZK';

  beforeAll(async () => {
    [client, secretary] = await Promise.all([launch(walk.viewport), launch(walk.viewport)]);
  });
  afterAll(async () => {
    await client?.close();
    await secretary?.close();
  });

  it('the client sends a request with an image', async () => {
    const { page } = client;
    await page.goto(linkUrl);
    await page.getByLabel(en.language).selectOption(walk.lang);
    await page.getByRole('heading', { name: like(w.clientPageTitle) }).waitFor();
    await page.getByLabel(w.request).fill(walk.request);
    await page
      .getByLabel(w.images)
      .setInputFiles({ name: 'menu.png', mimeType: 'image/png', buffer: PNG });
    await page.getByRole('button', { name: w.sendRequest }).click();
    await page.getByRole('region', { name: w.myRequests }).getByText(walk.request).waitFor();
    await shot(client, '1-request-sent', phone ? 'client-page' : undefined);
  });

  it('the secretary writes the text for it, with the client’s image, and sends it for approval', async () => {
    const { page } = secretary;
    await page.goto(rs.server.url + '/');
    await page.getByLabel(en.language).selectOption(walk.lang);
    await page.getByLabel(w.username).fill('jana');
    await page.getByLabel(w.password).fill(PASSWORD);
    await page.getByRole('button', { name: w.signIn }).click();
    const requests = page.getByRole('region', { name: new RegExp(escape(w.todayRequests)) });
    const line = requests.getByRole('listitem').filter({ hasText: walk.request });
    await line.getByRole('link', { name: w.actionOpen }).click();
    await page.getByRole('link', { name: w.writeForRequest }).click();
    // The request is beside the editor, its image one action away from the text.
    const beside = page.getByRole('region', { name: w.theRequest });
    await beside.getByText(walk.request).waitFor();
    await beside.getByRole('button', { name: `${w.putIntoText}: menu.png` }).click();
    const text = page.getByLabel(w.markdown);
    await expect.poll(() => text.inputValue()).toMatch(/!\[menu\]\(menu-[a-z0-9]+\.png\)/);
    await page.getByLabel(w.title, { exact: true }).fill(walk.title);
    await text.fill(`${walk.request}.\n\n${await text.inputValue()}`);
    // Every site of the client is chosen: the request named none.
    for (const name of Object.values(REAL_SITE_NAMES))
      expect(await page.getByRole('checkbox', { name }).isChecked()).toBe(true);
    await page
      .getByLabel(w.noteToClient)
      .fill(walk.lang === 'cs' ? 'Sedí ceny?' : 'Are the prices right?');
    expect(await page.getByLabel(w.publishWhenApproved).isChecked()).toBe(true);
    await shot(secretary, '2-editor', desktopEn ? 'thread-editor' : undefined);
    await page.getByRole('button', { name: w.sendForApprovalBtn }).click();
    await page
      .getByRole('status')
      .filter({ hasText: like(w.sentForApproval) })
      .waitFor();
  });

  it('the client looks at the preview of version 1 and asks for changes', async () => {
    const { page } = client;
    // No reload: her page's event stream brings the text to decide on.
    const text = page.getByRole('article', { name: walk.title });
    await text.getByText(w.versionN.replace('{round}', '1')).waitFor({ timeout: 15_000 });
    await text.getByText(walk.lang === 'cs' ? 'Sedí ceny?' : 'Are the prices right?').waitFor();
    const frame = page.frameLocator('iframe.preview').first();
    await frame.getByText(walk.request).first().waitFor();
    await frame.locator('img').first().waitFor();
    // The frame runs nothing, whatever the text holds.
    expect(await page.locator('iframe.preview').first().getAttribute('sandbox')).toBe(
      'allow-same-origin',
    );
    await shot(client, '3-preview-v1', phone ? 'client-preview' : undefined);
    await text
      .getByLabel(w.comment)
      .fill(walk.lang === 'cs' ? 'Přidejte cenu polévky' : 'Add the soup price');
    await text.getByRole('button', { name: w.askForChanges }).click();
    await page
      .getByRole('region', { name: w.myRequests })
      .getByText(w.clientBeingRevised)
      .waitFor();
    expect(client.pageErrors).toEqual([]);
  });

  it('the secretary sees the changes asked on Today, revises and sends version 2', async () => {
    const { page } = secretary;
    await page.goto(rs.server.url + '/#/today');
    const changes = page.getByRole('region', { name: new RegExp(escape(w.todayChanges)) });
    const line = changes.getByRole('listitem').filter({ hasText: walk.title });
    await line
      .getByText(walk.lang === 'cs' ? 'Přidejte cenu polévky' : 'Add the soup price')
      .waitFor({ timeout: 15_000 });
    await shot(secretary, '4-today-changes', phone ? 'thread-today-changes' : undefined);
    await line.getByRole('link', { name: w.actionOpen }).click();
    await page.getByRole('link', { name: w.reviseText }).click();
    const text = page.getByLabel(w.markdown);
    await expect.poll(() => text.inputValue()).toContain(walk.request);
    await text.fill(`${await text.inputValue()}\n\n${price}`);
    // The sites chosen before come back with the text.
    for (const name of Object.values(REAL_SITE_NAMES))
      expect(await page.getByRole('checkbox', { name }).isChecked()).toBe(true);
    await page.getByRole('button', { name: w.sendForApprovalBtn }).click();
    await page
      .getByRole('status')
      .filter({ hasText: like(w.sentForApproval) })
      .waitFor();
  });

  it('the client sees what changed in version 2 and approves; it goes live on three sites', async () => {
    const { page } = client;
    const text = page.getByRole('article', { name: walk.title });
    await text.getByText(w.versionN.replace('{round}', '2')).waitFor({ timeout: 15_000 });
    await text.getByRole('insertion').filter({ hasText: price }).waitFor();
    await shot(client, '5-preview-v2', desktopEn ? 'thread-client-preview' : undefined);
    await text.getByRole('button', { name: w.approve }).click();
    const mine = page.getByRole('region', { name: w.myRequests });
    const request = mine.getByRole('listitem').filter({ hasText: walk.request });
    await request.getByText(w.clientLive, { exact: true }).waitFor({ timeout: 90_000 });
    const links = request.getByRole('link');
    await expect.poll(() => links.count(), { timeout: 30_000 }).toBe(3);
    await shot(client, '6-live', desktopEn ? 'thread-client-live' : undefined);
    for (const name of Object.values(REAL_SITE_NAMES)) {
      const href = await request
        .getByRole('link', { name: w.liveOn.replace('{site}', name) })
        .getAttribute('href');
      expect(href, name).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);
      expect(await rs.livePage(href ?? ''), name).toContain(price);
    }
    // Exactly one post on each site, though the text went through two versions.
    for (const kind of ['wordpress', 'ghost', 'git'] as const)
      expect(await rs.countPosts(kind, walk.slug), kind).toBe(1);
    expect(client.pageErrors).toEqual([]);
  });

  it('the secretary finds the request closed, with the thread in its history', async () => {
    const { page } = secretary;
    // Still in the editor of version 2: the request is one link away.
    await page.getByRole('link', { name: w.openRequest }).click();
    await page.getByRole('heading', { name: new RegExp(escape(walk.request)) }).waitFor();
    await page.getByText(w['status.done'], { exact: true }).first().waitFor({ timeout: 15_000 });
    await page.getByRole('link', { name: w.openPublishing }).click();
    const history = page.getByRole('region', { name: w.history });
    await history
      .getByText(walk.lang === 'cs' ? 'Přidejte cenu polévky' : 'Add the soup price')
      .waitFor();
    await shot(secretary, '7-history');
    const words = await page.locator('main').innerText();
    for (const code of ['approval-sent', 'publications settled', 'verify_failed', 'status:'])
      expect(words).not.toContain(code);
    expect(secretary.pageErrors).toEqual([]);
  });
});
