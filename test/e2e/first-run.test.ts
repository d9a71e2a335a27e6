/**
 * Real Chromium against the real app on a fresh database (issue 13). First run: the app opens
 * on the set-up screen by itself, creating the first administrator signs her in and lands on
 * Today, and once an account exists Sign in offers no "First start?" link. Private links: Copy
 * puts the link on the clipboard (or selects it where the Clipboard API is missing), a second
 * link can be made while the first keeps opening the client page, and each live link has Revoke.
 * Only the client (a fixture) is seeded; everything else goes through the web app.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cs } from '../../src/ui/src/i18n/cs.js';
import { en } from '../../src/ui/src/i18n/en.js';
import { launch, type TestBrowser } from './helpers/browser.js';
import { buildUi, startUiServer, type UiServer } from './helpers/ui-server.js';

const PASSWORD = 'a long enough password';
const CLIENT = 'Pekárna Nováková';

let server: UiServer;
let browser: TestBrowser;

beforeAll(async () => {
  server = await startUiServer(await buildUi());
  await server.tasks.createClient({ name: CLIENT, timezone: 'Europe/Prague' }, { actor: 'seed' });
  browser = await launch();
  await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], {
    origin: server.url,
  });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function signIn(b: TestBrowser, url: string): Promise<void> {
  await b.page.goto(url + '/');
  await b.page.getByLabel('User name').fill('owner');
  await b.page.getByLabel('Password').fill(PASSWORD);
  await b.page.getByRole('button', { name: 'Sign in' }).click();
  await b.page.getByRole('heading', { name: 'Today', level: 1 }).waitFor();
}

describe('first run', () => {
  it('a fresh install opens on the set-up screen by itself, in English and in Czech', async () => {
    const { page } = browser;
    expect(server.setupToken).toMatch(/^sds_/);
    await page.goto(server.url + '/');
    await page.getByRole('heading', { name: 'Create the first administrator' }).waitFor();
    await expect(page.getByRole('heading', { name: 'Sign in' }).count()).resolves.toBe(0);
    await page.getByText(en.setupIntro).waitFor();
    await browser.shot('first-run-01-setup-en');
    await page.getByLabel('Language').selectOption('cs');
    await page.getByRole('heading', { name: cs.setupTitle }).waitFor();
    await page.getByText(cs.setupTokenHelp).waitFor();
    await browser.shot('first-run-02-setup-cs');
    await page.getByLabel('Jazyk').selectOption('en');
    await page.getByRole('heading', { name: 'Create the first administrator' }).waitFor();
  });

  it('a wrong set-up token is named next to the field, and nothing is made', async () => {
    const { page } = browser;
    await page.getByLabel('Set-up token').fill('sds_this-is-not-the-token');
    await page.getByLabel('User name').fill('owner');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Create administrator' }).click();
    await page.getByText(en.setupRefused).waitFor();
    await browser.shot('first-run-03-setup-wrong-token');
    expect(await server.accounts.listUsers()).toEqual([]);
    // What was typed stays.
    expect(await page.getByLabel('User name').inputValue()).toBe('owner');
  });

  it('creating the first administrator signs her in and lands on Today', async () => {
    const { page } = browser;
    await page.getByLabel('Set-up token').fill(server.setupToken ?? '');
    await page.getByRole('button', { name: 'Create administrator' }).click();
    await page.getByRole('heading', { name: 'Today', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    await page.getByText('owner', { exact: false }).first().waitFor();
    expect(new URL(page.url()).hash).toBe('#/');
    const me = await page.evaluate(async () => {
      const res = await fetch('/api/v1/auth/me');
      return { status: res.status, body: (await res.json()) as { user?: { role?: string } } };
    });
    expect(me.status).toBe(200);
    expect(me.body.user?.role).toBe('admin');
    await browser.shot('first-run-04-today-signed-in');
  });

  it('after signing out, Sign in has no "First start?" link, and #/setup shows Sign in', async () => {
    const { page } = browser;
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await expect(page.getByRole('link', { name: /First start/ }).count()).resolves.toBe(0);
    await expect(page.getByText(en.firstRun).count()).resolves.toBe(0);
    await browser.shot('first-run-05-sign-in-no-first-start');
    await page.goto(server.url + '/#/setup');
    await page.reload();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await expect(page.getByLabel('Set-up token').count()).resolves.toBe(0);
    await expect(page.getByRole('link', { name: /First start/ }).count()).resolves.toBe(0);
  });
});

describe('private links on the Clients screen', () => {
  let firstLink: string;
  let secondLink: string;

  it('says that an older link stays valid; Copy puts the new link on the clipboard', async () => {
    const { page } = browser;
    await signIn(browser, server.url);
    await page.getByRole('link', { name: 'Clients and sites' }).click();
    const card = page.getByRole('region', { name: CLIENT });
    await card.getByText(en.linksExplain).waitFor();
    await card.getByText(en.linksNoneLive).waitFor();
    await card.getByLabel(en.linkForWhom).fill('Jana Nováková, owner');
    await card.getByRole('button', { name: 'Make a private link' }).click();
    const field = card.getByRole('textbox', { name: 'Private link for the client' });
    firstLink = await field.inputValue();
    expect(firstLink).toMatch(new RegExp(`^${server.url}/#/c/sdc_`));
    await card.getByRole('button', { name: 'Copy', exact: true }).click();
    await card.getByRole('status').getByText(en.linkCopied).waitFor();
    const clipboard = await page.evaluate(() =>
      (
        globalThis as unknown as { navigator: { clipboard: { readText(): Promise<string> } } }
      ).navigator.clipboard.readText(),
    );
    expect(clipboard).toBe(firstLink);
    const row = card.getByRole('listitem').filter({ hasText: 'Jana Nováková, owner' });
    await row.getByText('new', { exact: true }).waitFor();
    await row.getByText('not opened yet', { exact: false }).waitFor();
    await expect(card.getByRole('button', { name: 'Revoke' }).count()).resolves.toBe(1);
    // The field is empty again for the next link.
    expect(await card.getByLabel(en.linkForWhom).inputValue()).toBe('');
    await browser.shot('first-run-06-link-copied');
  });

  it('makes a second link at any time; the first one still opens the client page', async () => {
    const { page } = browser;
    const card = page.getByRole('region', { name: CLIENT });
    await card.getByLabel(en.linkForWhom).fill('shop manager');
    await card.getByLabel(en.linkForWhom).press('Enter');
    const field = card.getByRole('textbox', { name: 'Private link for the client' });
    await expect.poll(() => field.inputValue()).not.toBe(firstLink);
    secondLink = await field.inputValue();
    expect(secondLink).toMatch(new RegExp(`^${server.url}/#/c/sdc_`));
    await card.getByText(en.linkOlderStillWork).waitFor();
    // The status of the earlier copy is gone: this link was not copied yet.
    await expect(card.getByRole('status').textContent()).resolves.toBe('');
    await expect.poll(() => card.getByRole('button', { name: 'Revoke' }).count()).toBe(2);
    for (const link of [firstLink, secondLink]) {
      const other = await browser.context.newPage();
      await other.goto(link);
      await other.getByRole('heading', { name: `Requests for ${CLIENT}` }).waitFor();
      await other.close();
    }
    // Both were opened just now: the list says so after the next load.
    await page.reload();
    await expect
      .poll(() => card.getByText('last opened', { exact: false }).count(), { timeout: 10_000 })
      .toBe(2);
    await browser.shot('first-run-07-two-live-links');
  });

  it('revokes one link: it stops, the other keeps working', async () => {
    const { page } = browser;
    const card = page.getByRole('region', { name: CLIENT });
    const rows = card.getByRole('listitem');
    // Newest first: the first link is the second row.
    await expect(rows.nth(0).textContent()).resolves.toContain('shop manager');
    await rows
      .filter({ hasText: 'Jana Nováková, owner' })
      .getByRole('button', { name: 'Revoke' })
      .click();
    await expect.poll(() => card.getByRole('button', { name: 'Revoke' }).count()).toBe(1);
    const first = await browser.context.newPage();
    await first.goto(firstLink);
    await first.getByText('This link is no longer valid', { exact: false }).waitFor();
    await first.close();
    const second = await browser.context.newPage();
    await second.goto(secondLink);
    await second.getByRole('heading', { name: `Requests for ${CLIENT}` }).waitFor();
    await second.close();
    expect(browser.pageErrors).toEqual([]);
  });

  it('in Czech: the same words, and Kopírovat says so', async () => {
    const { page } = browser;
    await page.getByLabel('Language').selectOption('cs');
    const card = page.getByRole('region', { name: CLIENT });
    await card.getByText(cs.linksExplain).waitFor();
    await card.getByRole('button', { name: cs.linkMakeAnother }).click();
    await card.getByRole('button', { name: cs.copy, exact: true }).click();
    await card.getByRole('status').getByText(cs.linkCopied).waitFor();
    await card.getByText(cs.linkOlderStillWork).waitFor();
    const text = await card.innerText();
    for (const key of ['linksExplain', 'linksLive', 'linkOlderStillWork', 'linkCopied'] as const)
      expect(text).not.toContain(en[key]);
    await browser.shot('first-run-08-links-cs');
    await page.getByLabel('Jazyk').selectOption('en');
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
  });
});

describe('at phone width (390 px)', () => {
  it('the set-up screen of a fresh install, and the links with Copy where the Clipboard API is missing', async () => {
    const fresh = await startUiServer(await buildUi());
    const phone = await launch({ width: 390, height: 800 });
    try {
      await phone.page.goto(fresh.url + '/');
      await phone.page.getByRole('heading', { name: 'Create the first administrator' }).waitFor();
      await phone.shot('first-run-09-phone-setup');
      // Plain http:// on a home network has no navigator.clipboard: Copy falls back.
      await phone.page.addInitScript(() =>
        Object.defineProperty(
          (globalThis as unknown as { navigator: object }).navigator,
          'clipboard',
          {
            value: undefined,
          },
        ),
      );
      await signIn(phone, server.url);
      await phone.page.getByRole('link', { name: 'Clients and sites' }).click();
      const card = phone.page.getByRole('region', { name: CLIENT });
      await card.getByRole('button', { name: 'Make a new link' }).click();
      const field = card.getByRole('textbox', { name: 'Private link for the client' });
      const link = await field.inputValue();
      await card.getByRole('button', { name: 'Copy', exact: true }).click();
      const status = card.getByRole('status');
      await expect
        .poll(() => status.textContent())
        .toMatch(
          new RegExp(`^(${en.linkCopied}|${en.linkSelectedToCopy.replace(/[+()]/g, '\\$&')})$`),
        );
      // Either way the whole link is selected in its field, ready for Ctrl+C.
      const selected = await field.evaluate((el) => {
        const input = el as unknown as { selectionStart: number; selectionEnd: number };
        return [input.selectionStart, input.selectionEnd];
      });
      expect(selected).toEqual([0, link.length]);
      // Nothing is wider than the phone.
      const overflow = await phone.page.evaluate(() => {
        const root = (
          globalThis as unknown as {
            document: { documentElement: { scrollWidth: number; clientWidth: number } };
          }
        ).document.documentElement;
        return root.scrollWidth - root.clientWidth;
      });
      expect(overflow).toBeLessThanOrEqual(0);
      await card.scrollIntoViewIfNeeded();
      await phone.shot('first-run-10-phone-links');
      expect(phone.pageErrors).toEqual([]);
    } finally {
      await phone.close();
      await fresh.close();
    }
  });
});
