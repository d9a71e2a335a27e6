/**
 * A picture goes where her cursor is (issue 15), in real Chromium against the real app: in the
 * rich editor, picked with the toolbar's "Add a picture" while the caret sits after the first
 * sentence, it lands between the two sentences, not at the end; in the Markdown box, picked
 * with the image field while the caret is at the start of the text (moved there with the
 * keyboard), it lands at the start. The Markdown underneath is read through the editor's switch.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { en } from '../../src/ui/src/i18n/en.js';
import { launch, type TestBrowser } from './helpers/browser.js';
import { buildUi, startUiServer, type UiServer } from './helpers/ui-server.js';

const PASSWORD = 'a long enough password';
// A 3×2 PNG, recognised by its bytes on the server.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAMAAAACCAIAAAASFvFNAAAAEElEQVR4nGM4UaEBQQxwFgBYNAhxWdzeRAAAAABJRU5ErkJggg==',
  'base64',
);
const MARKDOWN_BOX = en.editorMarkdownLabel.replace('{label}', en.editorText);

let server: UiServer;
let browser: TestBrowser;

beforeAll(async () => {
  server = await startUiServer(await buildUi());
  await server.tasks.createClient(
    { name: 'Pekárna U Jany', timezone: 'Europe/Prague' },
    { actor: 'seed' },
  );
  await server.accounts.addUser({ username: 'jana', password: PASSWORD, role: 'secretary' });
  browser = await launch(undefined, { richEditor: true });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('a picture at the cursor', () => {
  it('lands at the caret in the rich editor and in the Markdown box', async () => {
    const { page } = browser;
    await page.goto(server.url + '/');
    await page.getByLabel(en.username).fill('jana');
    await page.getByLabel(en.password).fill(PASSWORD);
    await page.getByRole('button', { name: en.signIn }).click();
    await page.getByRole('heading', { name: en.todayTitle, level: 1 }).waitFor();
    await page.goto(server.url + '/#/write');
    await page.getByLabel(en.title, { exact: true }).fill('Friday');

    // Rich: two paragraphs, the caret put back after the first, then the toolbar's picture.
    const text = page.getByRole('textbox', { name: en.editorText, exact: true });
    await text.click();
    await page.keyboard.type('Fresh bread on Friday.');
    await page.keyboard.press('Enter');
    await page.keyboard.type('Soup on Saturday.');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('End');
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: en.editorImage, exact: true }).click();
    await (await chooser).setFiles({ name: 'bread.png', mimeType: 'image/png', buffer: PNG });
    await text.locator('img').waitFor({ timeout: 15_000 });
    const toggle = page.getByRole('switch', { name: en.editorMarkdownSwitch });
    await toggle.check();
    const box = page.getByLabel(MARKDOWN_BOX);
    expect(await box.inputValue()).toMatch(
      /^Fresh bread on Friday\.!\[bread\]\(bread-[a-z0-9]+\.png\)\n\nSoup on Saturday\.$/,
    );

    // Markdown: the caret moved to the very start with the keyboard, then the image field.
    await box.click();
    await page.keyboard.press('Control+Home');
    await page.getByLabel(en.dropImages).setInputFiles({
      name: 'soup.png',
      mimeType: 'image/png',
      buffer: PNG,
    });
    await expect
      .poll(() => box.inputValue(), { timeout: 15_000 })
      .toMatch(/^!\[soup\]\(soup-[a-z0-9]+\.png\)\nFresh bread on Friday\.!\[bread\]/);
    expect(browser.pageErrors).toEqual([]);
  }, 120_000);
});
