/**
 * A promotion in Chromium against the real app, runner and WordPress (issue 23): a Czech title
 * gets a readable slug, the preview says when the offer is shown, and once live Today and the
 * client's own page say "live until …" — in English, in Czech and at phone width. Only the
 * client and its site are seeded; the text goes through the web app.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWordPressConnector } from '../../src/connectors/wordpress/connector.js';
import { systemClock } from '../../src/shared/clock.js';
import { createRunner, type Runner } from '../../src/tasks/index.js';
import { startWordPress, type RunningWordPress } from '../env/wordpress/start.js';
import { launch, type TestBrowser } from './helpers/browser.js';
import { buildUi, startUiServer, type UiServer } from './helpers/ui-server.js';

const PASSWORD = 'a long enough password';
let wp: RunningWordPress;
let server: UiServer;
let runner: Runner;
let browser: TestBrowser;

beforeAll(async () => {
  const [uiDir, started] = await Promise.all([buildUi(), startWordPress()]);
  wp = started;
  server = await startUiServer(uiDir, ({ tasks, secrets, logger }) => {
    const connectorFor = (site: { id: string; url: string; settings: Record<string, unknown> }) =>
      createWordPressConnector(
        { id: site.id, url: site.url, settings: { ...site.settings, retryBaseDelayMs: 20 } },
        { secrets, logger, clock: systemClock },
      );
    runner = createRunner({ maxAttempts: 1 }, { ...tasks.deps, logger, connectorFor });
    return { connectorFor, publications: runner };
  });
  await server.accounts.addUser({ username: 'jana', password: PASSWORD, role: 'secretary' });
  browser = await launch();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await wp?.stop();
});

/** Pixels the page scrolls sideways (0 when it fits). */
const sideways = (): Promise<number> =>
  browser.page.evaluate<number>(
    'document.documentElement.scrollWidth - document.documentElement.clientWidth',
  );

describe('a promotion from the web app', () => {
  it('gets a readable Czech slug, a preview with its window, and shows live until its end', async () => {
    const { page } = browser;
    await page.goto(server.url + '/');
    await page.getByLabel('User name').fill('jana');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    // The client and its WordPress site, added in the web app with the password checked.
    await page.getByRole('link', { name: 'Clients and sites' }).click();
    const add = page.getByRole('form', { name: 'Add a client' });
    await add.getByLabel('Name').fill('Pekárna Novák');
    await add.getByRole('button', { name: 'Add a client' }).click();
    const card = page.getByRole('region', { name: 'Pekárna Novák' });
    await card.getByLabel('Site name').fill('Web pekárny');
    await card.getByLabel('Address of the site').fill(wp.url);
    await card.getByLabel('WordPress user name').fill(wp.username);
    await card.getByLabel('Application password').fill(wp.appPassword);
    await card.getByRole('button', { name: 'Add and check' }).click();
    await card.getByText('Password accepted').waitFor({ timeout: 30_000 });

    await page.getByRole('link', { name: 'Write' }).click();
    await page.getByLabel('Title').fill('Týdenní speciality');
    expect(await page.getByLabel('Address part (slug)').inputValue()).toBe('tydenni-speciality');
    await page.getByLabel('Text (Markdown)').fill('Každý den jiná **polévka**.');
    const day = (ms: number): string => {
      const d = new Date(ms);
      const two = (n: number): string => String(n).padStart(2, '0');
      return `${two(d.getDate())}/${two(d.getMonth() + 1)}/${d.getFullYear()}`;
    };
    const ends = Date.now() + 7 * 86_400_000;
    await page.getByLabel('Promotion starts').fill(`${day(Date.now() - 86_400_000)} 08:00`);
    await page.getByLabel('Promotion ends').fill(`${day(ends)} 18:30`);
    await page.getByRole('checkbox', { name: /Web pekárny/ }).check();
    await page.getByRole('button', { name: 'Preview', exact: true }).click();
    const frame = page.frameLocator('iframe.preview');
    await frame.getByText('Shown from', { exact: false }).waitFor();
    expect(await frame.locator('.window').innerText()).toMatch(
      /^Shown from .+ until .+ at 18:30 \(Europe\/Prague time\)\.$/,
    );
    // Before it is sent, the preview shows it as each kind of site will, with headings that read.
    await frame.getByText('On the static site (Git)', { exact: true }).waitFor();
    await browser.shot('promo-10-preview');

    await page.getByRole('button', { name: 'Publish now' }).click();
    const progress = page.getByRole('region', { name: 'Progress' });
    await progress.getByText('Web pekárny').waitFor();
    await runner.runDue();
    await progress.getByText('Live', { exact: true }).waitFor({ timeout: 15_000 });

    // Today: live until its end (in the client's time), with its live page.
    await page.getByRole('link', { name: 'Today' }).click();
    const live = page.getByRole('region', { name: /Live now/ });
    await live.getByText('Týdenní speciality').waitFor();
    await live.getByText(/^Live until /).waitFor();
    const link = await live.getByRole('link', { name: 'on Web pekárny' }).getAttribute('href');
    expect(link).toBe(`${wp.url}/tydenni-speciality/`);
    await browser.shot('promo-11-today');
    await page.getByLabel('Language').selectOption('cs');
    const teď = page.getByRole('region', { name: /Teď na webu/ });
    await teď.getByText(/^Na webu do /).waitFor();
    await browser.shot('promo-12-today-cs');
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await sideways()).toBeLessThanOrEqual(0);
    await browser.shot('promo-13-today-cs-390');
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.getByLabel('Jazyk').selectOption('en');

    // The client's own page (her private link) says the same, in her time.
    await page.getByRole('link', { name: 'Clients and sites' }).click();
    await card.getByRole('button', { name: 'Make a private link' }).click();
    const clientLink = await card
      .getByRole('textbox', { name: 'Private link for the client' })
      .inputValue();
    const phone = await launch({ width: 390, height: 844 });
    try {
      await phone.page.goto(clientLink);
      await phone.page.getByText(/^Live until /).waitFor();
      expect(
        await phone.page.evaluate<number>(
          'document.documentElement.scrollWidth - document.documentElement.clientWidth',
        ),
      ).toBeLessThanOrEqual(0);
      await phone.shot('promo-14-client-390');
      await phone.page.getByLabel('Language').selectOption('cs');
      await phone.page.getByText(/^Na webu do /).waitFor();
      await phone.shot('promo-15-client-cs-390');
      expect(phone.pageErrors).toEqual([]);
    } finally {
      await phone.close();
    }
    // Live until its end: the task is not done yet.
    const [task] = (await server.tasks.listTasks({ kind: ['publish'] })).items;
    expect(task?.status).toBe('scheduled');
    expect(browser.pageErrors).toEqual([]);
  });
});
