/**
 * Issue 15, "nothing lost", walked in real Chromium through the web app against the real app and
 * the real WordPress site of test/env: a text saves itself while she types and everything comes
 * back (text, site, dates) after going to Today and after closing the tab; leaving with changes
 * that cannot be saved asks first; two tabs on one text show the conflict instead of
 * overwriting; five images with two bad ones upload the three good ones and name the two; drafts,
 * scheduled and published texts are separate lists, and a published text changed and published
 * again updates the same post. Screenshots in English, Czech and at 390 px go to docs/screenshots.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cs } from '../../src/ui/src/i18n/cs.js';
import { en } from '../../src/ui/src/i18n/en.js';
import { launch, type TestBrowser } from './helpers/browser.js';
import { REAL_SITE_NAMES, startRealSites, type RealSites } from './helpers/real-sites.js';
import { buildUi } from './helpers/ui-server.js';

const PASSWORD = 'a long enough password';
// A 3×2 PNG, recognised by its bytes on the server.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAMAAAACCAIAAAASFvFNAAAAEElEQVR4nGM4UaEBQQxwFgBYNAhxWdzeRAAAAABJRU5ErkJggg==',
  'base64',
);
const DOCS = join(import.meta.dirname, '../../docs/screenshots');
const SITE = REAL_SITE_NAMES.wordpress;
// A page of the app loading afresh on a machine shared with other work takes its time.
const SOON = { timeout: 15_000 };

let rs: RealSites;
let browser: TestBrowser;
const running = new AbortController();
let runnerDone: Promise<void> | undefined;

beforeAll(async () => {
  rs = await startRealSites({ clientName: 'Pekárna U Jany', uiDir: await buildUi() });
  await rs.server.accounts.addUser({ username: 'jana', password: PASSWORD, role: 'secretary' });
  // The runner loops as in `sitedesk serve`: it publishes whatever the web app queued.
  runnerDone = rs.runner.run(running.signal);
  browser = await launch();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  running.abort();
  await runnerDone;
  await rs?.stop();
});

const saveState = (page: Page) => page.locator('p.save-state');
/** Waits until the editor says "Saved 16:02" (in `lang`). */
const saved = async (page: Page, lang: 'en' | 'cs' = 'en'): Promise<void> => {
  const word = (lang === 'cs' ? cs : en).savedAt.replace(' {time}', '');
  // Saved, and nothing typed since waits for its save.
  await expect
    .poll(
      async () =>
        `${await saveState(page).getAttribute('data-pending')} ${await saveState(page).textContent()}`,
      { timeout: 20_000 },
    )
    .toMatch(new RegExp(`^false ${word} \\d{1,2}:\\d{2}$`));
};
const docShot = (page: Page, name: string) =>
  page.screenshot({ path: join(DOCS, `drafts-${name}.png`), fullPage: true });
/** The list of texts in one state (the "Your texts" card is opened first). */
async function textList(page: Page, title: string) {
  const card = page.locator('details.drafts');
  await card.waitFor();
  if ((await card.getAttribute('open')) === null) await card.locator('summary').click();
  return page.getByRole('region', { name: new RegExp(`^${title}`) });
}
const itemIdOf = (page: Page): string => /#\/write\/item\/(\w+)/.exec(page.url())?.[1] ?? '';

describe('nothing is lost while she writes', () => {
  let itemId = '';

  it('saves while she types; the text, site and dates are all back after going to Today', async () => {
    const { page } = browser;
    await page.goto(rs.server.url + '/');
    await page.getByLabel(en.username).fill('jana');
    await page.getByLabel(en.password).fill(PASSWORD);
    await page.getByRole('button', { name: en.signIn }).click();
    await page.getByRole('link', { name: en.navEditor }).click();
    await page.getByLabel(en.title, { exact: true }).fill('Autumn menu');
    await page.getByLabel(en.markdown).fill('Pumpkin soup every day.');
    await page.getByLabel(SITE).check();
    await page.getByLabel(en.promotionStart).fill('01/10/2031 09:00');
    await page.getByLabel(en.promotionEnd).fill('31/10/2031 18:00');
    await page.getByLabel(en.publishAt).fill('30/09/2031 08:00');
    await page.getByLabel(en.title, { exact: true }).click();
    await saved(page);
    // Once saved, the new text has its own address.
    await expect.poll(() => itemIdOf(page), SOON).toMatch(/^\w{20,}$/);
    itemId = itemIdOf(page);
    const stored = await rs.server.tasks.getContentItem(itemId);
    expect(stored).toMatchObject({
      title: 'Autumn menu',
      markdown: 'Pumpkin soup every day.',
      siteIds: [rs.sites.wordpress.id],
    });
    // Straight to Today: nothing asked, nothing lost.
    await page.getByRole('link', { name: en.navToday }).click();
    await page.getByRole('heading', { name: en.navToday, level: 1 }).waitFor();
    await page.getByRole('link', { name: en.navEditor }).click();
    const drafts = await textList(page, en.listDrafts);
    await drafts.getByRole('button', { name: `${en.reopenDraft}: Autumn menu` }).click();
    await expect
      .poll(() => page.getByLabel(en.markdown).inputValue(), SOON)
      .toBe('Pumpkin soup every day.');
    expect(await page.getByLabel(en.title, { exact: true }).inputValue()).toBe('Autumn menu');
    expect(await page.getByLabel(SITE).isChecked()).toBe(true);
    expect(await page.getByLabel(en.promotionStart).inputValue()).toBe('01/10/2031 09:00');
    expect(await page.getByLabel(en.promotionEnd).inputValue()).toBe('31/10/2031 18:00');
    expect(await page.getByLabel(en.publishAt).inputValue()).toBe('30/09/2031 08:00');
    await docShot(page, 'en-editor');
  });

  it('keeps what was typed when the tab is closed after the autosave, and asks when it is closed before', async () => {
    const { context, page } = browser;
    await page.getByLabel(en.markdown).fill('Pumpkin soup every day. Fresh bread on Fridays.');
    // Typing stops: the text saves itself a moment later, without leaving the field.
    await saved(page);
    await page.close();
    const again = await context.newPage();
    await again.goto(`${rs.server.url}/#/write/item/${itemId}`);
    await expect
      .poll(() => again.getByLabel(en.markdown).inputValue(), SOON)
      .toBe('Pumpkin soup every day. Fresh bread on Fridays.');
    expect(await again.getByLabel(SITE).isChecked()).toBe(true);
    // Closing at once after typing: the browser asks first.
    await again.getByLabel(en.markdown).fill('Pumpkin soup every day. Fresh bread on Fridays!');
    const asked = new Promise<string>((resolve) =>
      again.once('dialog', (d) => {
        resolve(d.type());
        void d.dismiss();
      }),
    );
    await again.close({ runBeforeUnload: true });
    expect(await asked).toBe('beforeunload');
    browser.page = (await again.isClosed()) ? await context.newPage() : again;
  });

  it('asks before leaving the screen with changes that cannot be saved', async () => {
    const { page } = browser;
    await page.goto(`${rs.server.url}/#/write/item/${itemId}`);
    await expect
      .poll(() => page.getByLabel(en.title, { exact: true }).inputValue(), SOON)
      .toBe('Autumn menu');
    await page.getByLabel(en.title, { exact: true }).fill('');
    const dialogs: string[] = [];
    page.once('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await page.getByRole('link', { name: en.navToday }).click();
    await expect.poll(() => dialogs, SOON).toEqual([en.leaveUnsaved]);
    // She stayed: the editor and its address are still there.
    expect(page.url()).toContain(`#/write/item/${itemId}`);
    await expect(saveState(page).textContent()).resolves.toBe(en.notSavedIncomplete);
    await page.getByLabel(en.title, { exact: true }).fill('Autumn menu');
    await page.getByLabel(en.markdown).click();
    await saved(page);
  });

  it('shows a conflict between two tabs on the same text, and never overwrites', async () => {
    const { context, page } = browser;
    const other = await context.newPage();
    await other.goto(`${rs.server.url}/#/write/item/${itemId}`);
    await expect
      .poll(() => other.getByLabel(en.title, { exact: true }).inputValue(), SOON)
      .toBe('Autumn menu');
    // This tab saves first…
    await page.getByLabel(en.markdown).fill('Version from the first tab.');
    await saved(page);
    // …the other tab, still on the version before, saves on top of it: refused and shown.
    await other.getByLabel(en.markdown).fill('Version from the second tab.');
    const conflict = other.getByRole('alert').filter({ hasText: en.draftConflictTitle });
    await conflict.waitFor({ timeout: 20_000 });
    await conflict.getByText('Version from the first tab.').waitFor();
    await conflict.getByText('Version from the second tab.').waitFor();
    expect((await rs.server.tasks.getContentItem(itemId)).markdown).toBe(
      'Version from the first tab.',
    );
    await docShot(other, 'en-conflict');
    // She takes the other version: the fields show it, and nothing more is sent.
    await conflict.getByRole('button', { name: en.takeTheirs }).click();
    await expect
      .poll(() => other.getByLabel(en.markdown).inputValue(), SOON)
      .toBe('Version from the first tab.');
    // The other way round: the second tab saves, the first is now behind; keeping its version
    // is her choice.
    await other.getByLabel(en.markdown).fill('Version from the second tab, kept.');
    await saved(other);
    await page.getByLabel(en.markdown).fill('Pumpkin soup every day. Fresh bread on Fridays.');
    const second = page.getByRole('alert').filter({ hasText: en.draftConflictTitle });
    await second.waitFor({ timeout: 20_000 });
    await second.getByRole('button', { name: en.keepMine }).click();
    await saved(page);
    expect((await rs.server.tasks.getContentItem(itemId)).markdown).toBe(
      'Pumpkin soup every day. Fresh bread on Fridays.',
    );
    await other.close();
  });

  it('uploads the three good images of five and names the two refused ones with their reasons', async () => {
    const { page } = browser;
    await page.getByLabel(en.dropImages).setInputFiles([
      { name: 'soup.png', mimeType: 'image/png', buffer: PNG },
      // Named and typed as a photo, but its bytes are a PDF: the server refuses it.
      { name: 'menu.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('%PDF-1.7 a menu') },
      { name: 'bread.png', mimeType: 'image/png', buffer: PNG },
      { name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('call back') },
      { name: 'cake.png', mimeType: 'image/png', buffer: PNG },
    ]);
    const problems = page.locator('ul.problems li');
    await expect
      .poll(() => problems.allTextContents(), SOON)
      .toEqual([
        `notes.txt: ${en['refused.not_an_image']}.`,
        `menu.jpg: ${en['refused.not_an_image']}.`,
      ]);
    const images = page.locator('ul.images li');
    await expect.poll(() => images.count(), SOON).toBe(3);
    const text = await page.getByLabel(en.markdown).inputValue();
    for (const name of ['soup', 'bread', 'cake'])
      expect(text).toMatch(new RegExp(`!\\[${name}\\]\\(${name}-[a-z0-9]+\\.png\\)`));
    await saved(page);
    expect((await rs.server.tasks.getContentItem(itemId)).images).toHaveLength(3);
    await docShot(page, 'en-uploads');
  });
});

describe('drafts, scheduled and published texts', () => {
  it('lists them apart; a published text changed and published again updates the same post', async () => {
    const { page } = browser;
    const slug = 'autumn-menu';
    // Published now (the promotion dates are cleared: it goes out at once).
    await page.getByLabel(en.promotionStart).fill('');
    await page.getByLabel(en.promotionEnd).fill('');
    await page.getByLabel(en.publishAt).fill('');
    await page.getByRole('button', { name: en.publishNow }).click();
    await expect.poll(() => rs.countPosts('wordpress', slug), { timeout: 60_000 }).toBe(1);
    // A second text, scheduled for later.
    await page.getByRole('link', { name: en.navEditor }).click();
    await page.getByLabel(en.title, { exact: true }).fill('Christmas opening hours');
    await page.getByLabel(en.markdown).fill('Closed on the 25th.');
    await page.getByLabel(SITE).check();
    await page.getByLabel(en.publishAt).fill('20/12/2031 08:00');
    await page.getByRole('button', { name: en.schedulePublish }).click();
    // Sent to WordPress as a post for later ("future"): scheduled there, not live.
    const states = async (): Promise<string[]> => {
      const id = itemIdOf(page);
      const pubs = id ? await rs.server.tasks.listPublicationsPage({}) : { items: [] };
      return pubs.items
        .filter((p) => p.contentItemId === id)
        .map((p) => `${p.state}${p.lastError ? `: ${p.lastError}` : ''}`);
    };
    await expect.poll(states, { timeout: 60_000 }).toEqual(['scheduled']);
    expect(await rs.countPosts('wordpress', 'christmas-opening-hours')).toBe(1);
    // A third, only a draft.
    await page.getByRole('link', { name: en.navToday }).click();
    await page.getByRole('link', { name: en.navEditor }).click();
    await page.getByLabel(en.title, { exact: true }).fill('Easter ideas');
    await page.getByLabel(en.markdown).fill('Eggs?');
    await page.getByLabel(en.title, { exact: true }).click();
    await saved(page);
    await page.getByRole('link', { name: en.navToday }).click();
    await page.getByRole('link', { name: en.navEditor }).click();
    const titles = async (name: string) =>
      (await textList(page, name)).locator('.task-title').allTextContents();
    await expect.poll(() => titles(en.listPublished), { timeout: 30_000 }).toEqual(['Autumn menu']);
    expect(await titles(en.listScheduled)).toEqual(['Christmas opening hours']);
    expect(await titles(en.listDrafts)).toEqual(['Easter ideas']);
    await docShot(page, 'en-lists');
    // The published text, opened, changed and published again: the same post changes.
    const published = await textList(page, en.listPublished);
    await published.getByRole('button', { name: `${en.reopenDraft}: Autumn menu` }).click();
    await expect
      .poll(() => page.getByLabel(en.title, { exact: true }).inputValue(), SOON)
      .toBe('Autumn menu');
    expect(await page.getByLabel(SITE).isChecked()).toBe(true);
    await page.getByText(en.publishedTextOpen).waitFor();
    await page.getByLabel(en.markdown).fill('Pumpkin soup and chestnut cake every day.');
    await page.getByRole('button', { name: en.publishNow }).click();
    const live = async (): Promise<string> => {
      const pubs = await rs.server.tasks.listPublicationsPage({ state: ['published'] });
      const url = pubs.items.find(
        (p) => p.contentItemId === /#\/write\/item\/(\w+)/.exec(page.url())?.[1],
      )?.url;
      return url ? rs.livePage(url) : '';
    };
    await expect.poll(live, { timeout: 60_000 }).toContain('chestnut cake');
    expect(await rs.countPosts('wordpress', slug)).toBe(1);
    expect(browser.pageErrors).toEqual([]);
  });

  it('says it all in Czech on a phone', async () => {
    const phone = await launch({ width: 390, height: 844 });
    try {
      const { page } = phone;
      await page.goto(rs.server.url + '/');
      await page.getByLabel(en.language).selectOption('cs');
      await page.getByLabel(cs.username).fill('jana');
      await page.getByLabel(cs.password).fill(PASSWORD);
      await page.getByRole('button', { name: cs.signIn }).click();
      await page.getByRole('link', { name: cs.navEditor }).click();
      await textList(page, cs.listDrafts);
      await page.getByLabel(cs.title, { exact: true }).fill('Zimní menu');
      await page.getByLabel(cs.markdown).fill('Guláš a knedlíky.');
      await page.getByLabel(cs.title, { exact: true }).click();
      await saved(page, 'cs');
      await page.getByLabel(cs.dropImages).setInputFiles([
        { name: 'gulas.png', mimeType: 'image/png', buffer: PNG },
        { name: 'menu.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('%PDF-1.7') },
      ]);
      await page
        .locator('ul.problems li')
        .filter({ hasText: `menu.jpg: ${cs['refused.not_an_image']}` })
        .waitFor();
      expect(
        await page.evaluate<number>('document.scrollingElement.scrollWidth'),
      ).toBeLessThanOrEqual(390);
      await docShot(page, 'cs-390');
      expect(phone.pageErrors).toEqual([]);
    } finally {
      await phone.close();
    }
  });
});
