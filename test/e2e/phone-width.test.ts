/**
 * Issue 15, "Also": no sideways scrolling at 390 px on any screen. Real Chromium, the real app;
 * the data is made to be awkward: a long URL, a long unbroken word, long names and subjects in
 * a call, a mail, a request, a text with its publish task, a schedule. Every screen of the app
 * (the agency's, the client's page, sign-in) is walked at 390 px, in English and in Czech, and
 * `document.scrollingElement.scrollWidth` must stay within 390.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { en } from '../../src/ui/src/i18n/en.js';
import { launch, type TestBrowser } from './helpers/browser.js';
import { buildUi, startUiServer, type UiServer } from './helpers/ui-server.js';

const PASSWORD = 'a long enough password';
const LONG_URL =
  'https://www.pekarna-u-jany-a-jejich-pratel.example/aktuality/2031/10/velmi-dlouha-adresa-stranky-s-nabidkou-na-cely-tyden?utm_source=newsletter&utm_campaign=podzim';
const LONG_WORD = 'Nejneobhospodařovávatelnějšímu'.repeat(3);
const WIDTH = 390;

let server: UiServer;
let browser: TestBrowser;
let linkToken = '';
const screens: string[] = [];

beforeAll(async () => {
  server = await startUiServer(await buildUi());
  const who = { actor: 'seed' };
  const t = server.tasks;
  await server.accounts.addUser({ username: 'owner', password: PASSWORD, role: 'admin' });
  const client = await t.createClient(
    { name: `Pekárna ${LONG_WORD}`, timezone: 'Europe/Prague' },
    who,
  );
  const site = await t.createSite(
    {
      clientId: client.id,
      name: `Web ${LONG_WORD}`,
      kind: 'wordpress',
      url: 'https://pekarna-u-jany-a-jejich-pratel-z-dlouhe-ulice.example',
      settings: { username: 'editor' },
    },
    who,
  );
  const call = await t.createTask(
    {
      clientId: client.id,
      kind: 'call',
      details: {
        caller: `Jana ${LONG_WORD}`,
        number: '+420 601 234 567',
        at: new Date().toISOString(),
        message: `Zavolejte zpět kvůli ${LONG_URL}`,
      },
    },
    who,
  );
  const mail = await t.createTask(
    {
      clientId: client.id,
      kind: 'mail',
      details: {
        from: `${LONG_WORD.toLowerCase()}@pekarna.example`,
        subject: `Objednávka ${LONG_WORD}`,
        body: `Dobrý den, podívejte se na ${LONG_URL} a ${LONG_WORD}.`,
        receivedAt: new Date().toISOString(),
      },
    },
    who,
  );
  const request = await t.createTask(
    {
      clientId: client.id,
      kind: 'site-edit',
      source: 'client',
      details: { request: `Please link ${LONG_URL} from the page ${LONG_WORD}` },
    },
    who,
  );
  const item = await t.createContentItem(
    {
      clientId: client.id,
      title: `Menu ${LONG_WORD}`,
      slug: 'menu',
      markdown: `See ${LONG_URL}\n\n${LONG_WORD}`,
    },
    who,
  );
  const { task: publish } = await t.requestPublish(
    { contentItemId: item.id, siteIds: [site.id], dueAt: '2099-01-01T08:00:00Z' },
    who,
  );
  await t.createSchedule(
    {
      clientId: client.id,
      name: `Weekly ${LONG_WORD}`,
      rule: { kind: 'rrule', expression: 'FREQ=WEEKLY;BYDAY=MO;BYHOUR=8;BYMINUTE=0' },
      siteIds: [site.id],
      template: { title: 'Menu {{date}}', slug: 'menu-{{date}}', markdown: LONG_URL },
    },
    who,
  );
  linkToken = (await server.accounts.createClientLink(client.id, {}, 'seed')).token;
  screens.push(
    'today',
    'tasks',
    `tasks/${call.id}`,
    `tasks/${mail.id}`,
    `tasks/${request.id}`,
    `tasks/${publish.id}`,
    'clients',
    'write',
    `write/item/${item.id}`,
    `write/request/${request.id}`,
    'schedules',
    'system',
  );
  browser = await launch({ width: WIDTH, height: 844 });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const scrollWidth = (): Promise<number> =>
  browser.page.evaluate<number>('document.scrollingElement.scrollWidth');

/** Waits until the screen's heading is there and the data calls have settled. */
async function settle(): Promise<void> {
  await browser.page.getByRole('heading', { level: 1 }).first().waitFor();
  await browser.page.waitForLoadState('networkidle');
}

describe('every screen at 390 px', () => {
  it('sign-in fits', async () => {
    await browser.page.goto(server.url + '/');
    await settle();
    expect(await scrollWidth()).toBeLessThanOrEqual(WIDTH);
  });

  for (const lang of ['en', 'cs'] as const)
    it(`every agency screen fits, in ${lang === 'en' ? 'English' : 'Czech'}`, async () => {
      const { page } = browser;
      if (lang === 'en') {
        await page.getByLabel(en.username).fill('owner');
        await page.getByLabel(en.password).fill(PASSWORD);
        await page.getByRole('button', { name: en.signIn }).click();
        await page.getByRole('heading', { name: en.navToday, level: 1 }).waitFor();
      } else {
        await page.getByLabel(en.language).selectOption('cs');
      }
      const wide: string[] = [];
      for (const screen of screens) {
        await page.goto(`${server.url}/#/${screen}`);
        await settle();
        // Folded parts (details) are opened: what is inside must fit too.
        await page.evaluate(
          "document.querySelectorAll('details').forEach((d) => { d.open = true; })",
        );
        const width = await scrollWidth();
        if (width > WIDTH) {
          wide.push(`${screen}: ${width}`);
          await browser.shot(`phone-width-${lang}-${screen.replace(/\//g, '-')}`);
        }
      }
      expect(wide).toEqual([]);
    });

  it('the client’s page fits', async () => {
    await browser.page.goto(`${server.url}/#/c/${linkToken}`);
    await settle();
    expect(await scrollWidth()).toBeLessThanOrEqual(WIDTH);
  });
});
