/**
 * Issue 15, "Also": no sideways scrolling at 390 px on any screen. Real Chromium, the real app;
 * the data is made to be awkward: a long URL, a long unbroken word, long names and subjects in
 * a call, a mail, a request, a text with its publish task, a schedule — each made through the
 * web app (Quick add, the client's page, the Write screen, the Schedules screen). Every screen of the app
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
  // Fixtures only: the account, the client, its site and the client's private link. Every task,
  // text and publication below is made through the web app, as she and the client make them.
  const who = { actor: 'seed' };
  const t = server.tasks;
  await server.accounts.addUser({ username: 'owner', password: PASSWORD, role: 'admin' });
  const client = await t.createClient(
    { name: `Pekárna ${LONG_WORD}`, timezone: 'Europe/Prague' },
    who,
  );
  await t.createSite(
    {
      clientId: client.id,
      name: `Web ${LONG_WORD}`,
      kind: 'wordpress',
      url: 'https://pekarna-u-jany-a-jejich-pratel-z-dlouhe-ulice.example',
      settings: { username: 'editor' },
    },
    who,
  );
  linkToken = (await server.accounts.createClientLink(client.id, {}, 'seed')).token;
  browser = await launch({ width: WIDTH, height: 844 });
  const { page } = browser;

  // The client asks for a change on their page.
  await page.goto(`${server.url}/#/c/${linkToken}`);
  await page.getByLabel(en.request).fill(`Please link ${LONG_URL} from the page ${LONG_WORD}`);
  await page.getByRole('button', { name: en.sendRequest }).click();
  await page.getByText(en.requestSent).waitFor();

  await page.goto(server.url + '/');
  await page.getByLabel(en.username).fill('owner');
  await page.getByLabel(en.password).fill(PASSWORD);
  await page.getByRole('button', { name: en.signIn }).click();
  await page.getByRole('heading', { name: en.navToday, level: 1 }).waitFor();

  // A call message and a mail, typed in with Quick add on the task list.
  await page.goto(`${server.url}/#/tasks`);
  // On a phone Quick add is folded below the heading (the list comes first): one tap opens it.
  await page.getByText(en.quickAdd, { exact: true }).click();
  await page.getByRole('radio', { name: en.quickCall, exact: true }).check();
  await page.getByLabel(en.caller, { exact: true }).fill(`Jana ${LONG_WORD}`);
  await page.getByLabel(en.phone, { exact: true }).fill('+420 601 234 567');
  await page.getByLabel(en.message, { exact: true }).fill(`Zavolejte zpět kvůli ${LONG_URL}`);
  await page.getByRole('button', { name: en.add, exact: true }).click();
  await page.getByText(en.added.replace(' {title}', ''), { exact: false }).waitFor();
  await page.getByRole('radio', { name: en.quickMail, exact: true }).check();
  await page
    .getByLabel(en.mailFrom, { exact: true })
    .fill(`${'objednavky-a-dotazy-'.repeat(4)}jana@pekarna.example`);
  await page.getByLabel(en.subject, { exact: true }).fill(`Objednávka ${LONG_WORD}`);
  await page
    .getByLabel(en.body, { exact: true })
    .fill(`Dobrý den, podívejte se na ${LONG_URL} a ${LONG_WORD}.`);
  await page.getByRole('button', { name: en.add, exact: true }).click();
  await page.getByText(`Objednávka ${LONG_WORD}`, { exact: false }).first().waitFor();

  // A text scheduled for the site: its publish task and publication.
  await page.goto(`${server.url}/#/write`);
  await page.getByLabel(en.title, { exact: true }).fill(`Menu ${LONG_WORD}`);
  await page.getByLabel(en.slug).fill('menu');
  await page.getByLabel(en.markdown).fill(`See ${LONG_URL}\n\n${LONG_WORD}`);
  await page.getByLabel(`Web ${LONG_WORD}`).check();
  await page.getByLabel(en.publishAt).fill('01/01/2099 08:00');
  await page.getByRole('button', { name: en.schedulePublish }).click();
  await page.waitForURL(/#\/write\/item\/\w+/);
  const itemId = /#\/write\/item\/(\w+)/.exec(page.url())?.[1] ?? '';

  // A recurring update.
  await page.goto(`${server.url}/#/schedules`);
  await page.getByRole('heading', { name: en.addSchedule }).click();
  await page.getByLabel(en.scheduleName).fill(`Weekly ${LONG_WORD}`);
  await page.getByLabel(en.scheduleTime).fill('08:00');
  await page.getByRole('checkbox', { name: `Web ${LONG_WORD}` }).check();
  await page.getByLabel(en.title, { exact: true }).fill('Menu {{date}}');
  await page.getByLabel(en.markdown).fill(LONG_URL);
  await page.getByRole('button', { name: en.addScheduleSubmit }).click();
  await page.getByRole('region', { name: `Weekly ${LONG_WORD}` }).waitFor();

  // Their ids, only read, to walk each task's page.
  const kindOf = async (kind: string): Promise<string> => {
    for (const started = Date.now(); Date.now() - started < 15_000;) {
      const found = (await t.listTasks({ limit: 50 })).items.find((x) => x.kind === kind);
      if (found) return found.id;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`no ${kind} task was made through the web app`);
  };
  screens.push(
    'today',
    'tasks',
    `tasks/${await kindOf('call')}`,
    `tasks/${await kindOf('mail')}`,
    `tasks/${await kindOf('site-edit')}`,
    `tasks/${await kindOf('publish')}`,
    'clients',
    'write',
    `write/item/${itemId}`,
    `write/request/${await kindOf('site-edit')}`,
    'schedules',
    'system',
  );
  await page.getByRole('button', { name: en.signOut }).click();
  await page.getByLabel(en.username).waitFor();
}, 240_000);

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
