/**
 * The text editor (issue 15) in Chromium against the real app and the real WordPress, Ghost and
 * git (Hugo) sites of test/env: a text is formatted with the toolbar and with the keyboard, and
 * the Markdown switch shows the Markdown it stores; the clipboard HTML of Word, Google Docs,
 * LibreOffice and a web page (test/fixtures/clipboard/) is pasted with a real paste event; the
 * pasted text is published to the three sites and each live page carries headings, bold,
 * italic, lists and links, and none of the sources' spans, fonts, styles or tracking images.
 * The editor looks like the live preview (same font, sizes, spacing). Screenshots in English,
 * Czech and at 390 px go to docs/screenshots/editor-*.png.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cs } from '../../src/ui/src/i18n/cs.js';
import { en } from '../../src/ui/src/i18n/en.js';
import { launch, type TestBrowser } from './helpers/browser.js';
import { REAL_SITE_NAMES, startRealSites, type RealSites } from './helpers/real-sites.js';
import { buildUi } from './helpers/ui-server.js';

const PASSWORD = 'a long enough password';
const DOCS_SHOTS = join(import.meta.dirname, '../../docs/screenshots');
const FIXTURES = join(import.meta.dirname, '../fixtures/clipboard');
const SOURCES = ['word', 'google-docs', 'libreoffice', 'web-page'] as const;
const PHONE = { width: 390, height: 844 };

let rs: RealSites;
let browser: TestBrowser;
const running = new AbortController();
let runnerDone: Promise<void> | undefined;

beforeAll(async () => {
  rs = await startRealSites({ clientName: 'Pekárna U Jany', uiDir: await buildUi() });
  await rs.server.accounts.addUser({ username: 'jana', password: PASSWORD, role: 'secretary' });
  runnerDone = rs.runner.run(running.signal);
  browser = await launch(undefined, { richEditor: true });
}, 300_000);

afterAll(async () => {
  running.abort();
  await runnerDone;
  await browser?.close();
  await rs?.stop();
});

async function signIn(b: TestBrowser): Promise<void> {
  await b.page.goto(rs.server.url + '/');
  await b.page.getByLabel(en.username).fill('jana');
  await b.page.getByLabel(en.password).fill(PASSWORD);
  await b.page.getByRole('button', { name: en.signIn }).click();
  await b.page.getByRole('heading', { name: en.todayTitle, level: 1 }).waitFor();
}

/** A paste event as the browser fires it when she presses Ctrl+V, the fixture on the clipboard. */
const pasteScript = (html: string): string => `(() => {
  const data = new DataTransfer();
  data.setData('text/html', ${JSON.stringify(html)});
  data.setData('text/plain', 'the plain-text copy');
  document.activeElement.dispatchEvent(
    new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }),
  );
})()`;

/** The Markdown that the text holds, read through the Markdown switch (and switched back). */
async function markdownOf(b: TestBrowser, w = en): Promise<string> {
  const toggle = b.page.getByRole('switch', { name: w.editorMarkdownSwitch });
  await toggle.check();
  const box = b.page.getByLabel(w.editorMarkdownLabel.replace('{label}', w.editorText));
  const value = await box.inputValue();
  await toggle.uncheck();
  await b.page.getByRole('toolbar', { name: w.editorToolbar }).waitFor();
  return value;
}

describe('the text editor', () => {
  it('formats a text with the toolbar and with the keyboard; the Markdown switch shows what is stored', async () => {
    const { page } = browser;
    await signIn(browser);
    await page.goto(rs.server.url + '/#/write');
    const text = page.getByRole('textbox', { name: en.editorText, exact: true });
    const tool = (name: string) => page.getByRole('button', { name, exact: true });
    await text.click();
    await page.keyboard.type('Friday special');
    await tool(en.editorHeading2).click();
    await page.keyboard.press('Enter');
    await page.keyboard.type('We are ');
    await page.keyboard.press('Control+b');
    await page.keyboard.type('open');
    await page.keyboard.press('Control+b');
    await page.keyboard.type(' on ');
    await tool(en.editorItalic).click();
    await page.keyboard.type('Friday');
    await tool(en.editorItalic).click();
    await page.keyboard.type('. See the menu');
    // She selects what she sees typed: Lexical writes typed text to its state a tick after the
    // key (a selection keyed in that tick lost a character on a busy machine).
    await text.getByText('See the menu').waitFor();
    for (let i = 0; i < 'the menu'.length; i++) await page.keyboard.press('Shift+ArrowLeft');
    await expect
      .poll(() => page.evaluate<string>('String(window.getSelection())'))
      .toBe('the menu');
    await page.keyboard.press('Control+k');
    await page.getByLabel(en.editorLinkAddress).fill('https://bakery.example/menu');
    await page.keyboard.press('Enter');
    await page.keyboard.press('End');
    await page.keyboard.type('.');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Control+Shift+8');
    await page.keyboard.type('soup');
    await page.keyboard.press('Enter');
    await tool(en.editorBold).click();
    await page.keyboard.type('fresh');
    await page.keyboard.press('Control+b');
    await page.keyboard.type(' bread');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    await page.keyboard.type('The best bakery in town.');
    await tool(en.editorQuote).click();
    await page.keyboard.press('Enter');
    await page.keyboard.press('Control+Alt+3');
    await page.keyboard.type('Opening hours');
    // The toolbar shows what is on where the cursor is.
    await expect.poll(() => tool(en.editorHeading3).getAttribute('aria-pressed')).toBe('true');
    expect(await tool(en.editorBold).getAttribute('aria-pressed')).toBe('false');

    // What she sees is what the sites get: formatting in the editor, Markdown underneath.
    await text.locator('h2', { hasText: 'Friday special' }).waitFor();
    await text.locator('strong, b, .rt-bold', { hasText: 'open' }).first().waitFor();
    await text.locator('a[href="https://bakery.example/menu"]').waitFor();
    expect(await markdownOf(browser)).toBe(
      [
        '## Friday special',
        '',
        'We are **open** on *Friday*. See [the menu](https://bakery.example/menu).',
        '',
        '- soup',
        '- **fresh** bread',
        '',
        '> The best bakery in town.',
        '',
        '### Opening hours',
      ].join('\n'),
    );
    await browser.shot('editor-formatted');
    await page.locator('form.editor').screenshot({ path: join(DOCS_SHOTS, 'editor-en.png') });

    // The editor looks like the live preview (and so like the calm preview of the sites).
    const preview = page.frameLocator('iframe.live-preview');
    await preview.locator('h2').waitFor();
    type Styles = Record<'fontFamily' | 'fontSize' | 'lineHeight' | 'fontWeight', string>;
    const looks = (el: Locator) =>
      el.evaluate((e) => {
        const view = e.ownerDocument.defaultView as unknown as {
          getComputedStyle(e: unknown): Styles;
        };
        const s = view.getComputedStyle(e);
        return [s.fontFamily, s.fontSize, s.lineHeight, s.fontWeight].join(' | ');
      });
    for (const sel of ['h2', 'h3', 'p', 'li', 'a'])
      expect(await looks(text.locator(sel).first()), sel).toBe(
        await looks(preview.locator(sel).first()),
      );
    expect(browser.pageErrors).toEqual([]);
  });

  it('pastes from Word, Google Docs, LibreOffice and a web page: headings, bold, italic, lists and links stay, the rest goes', async () => {
    const { page } = browser;
    const text = page.getByRole('textbox', { name: en.editorText, exact: true });
    await text.click();
    await page.keyboard.press('Control+a');
    await page.keyboard.press('Delete');
    for (const [i, source] of SOURCES.entries()) {
      // Each paste on a line of its own, as she would do it.
      await page.keyboard.press('Control+End');
      if (i > 0) await page.keyboard.press('Enter');
      await page.evaluate(pasteScript(readFileSync(join(FIXTURES, `${source}.html`), 'utf8')));
    }
    await text.locator('h2', { hasText: 'Christmas opening hours' }).waitFor();
    await text.locator('a[href="https://pekarna.example/leto"]').waitFor();
    // Nothing of the sources' looks in the editor either.
    expect(
      await text.locator('font, img, [style*="color"], [style*="font"], [class*="Mso"]').count(),
    ).toBe(0);
    const markdown = await markdownOf(browser);
    for (const piece of [
      '## Christmas opening hours',
      'We are **open on 24 December** until noon and *closed*',
      '- **Vánočka** (Christmas bread)',
      '1. Call us',
      'See [the spring menu](https://bakery.example/spring).',
      '- **Rhubarb** cake',
      'Thank you!\n\n## Spring menu',
      '## Letní provoz',
      '*do poledne*',
      '> The best strudel in Prague.',
      'Order now',
    ])
      expect(markdown).toContain(piece);
    expect(markdown).not.toMatch(/<|mso|font|span|style|tracker|googleusercontent|JN1/i);
    await page.locator('form.editor').screenshot({ path: join(DOCS_SHOTS, 'editor-pasted.png') });
    expect(browser.pageErrors).toEqual([]);
  });

  it('publishes the pasted text to WordPress, Ghost and git; the live pages carry its formatting and nothing of the sources', async () => {
    const { page } = browser;
    await page.getByLabel(en.title, { exact: true }).fill('Pasted from four programs');
    for (const name of Object.values(REAL_SITE_NAMES))
      await page.getByRole('checkbox', { name }).check();
    await page.getByRole('button', { name: en.publishNow }).click();
    const progress = page.getByRole('region', { name: en.progress });
    const live = progress.getByRole('link', { name: en.viewLive });
    await expect.poll(() => live.count(), { timeout: 120_000 }).toBe(3);
    for (let i = 0; i < 3; i++) {
      const href = (await live.nth(i).getAttribute('href')) ?? '';
      const html = await rs.livePage(href);
      // The post's body: from the first pasted heading to the last pasted line.
      const start = html.indexOf('Christmas opening hours');
      const end = html.indexOf('Order now', start);
      expect(start, href).toBeGreaterThan(0);
      expect(end, href).toBeGreaterThan(start);
      const body = html.slice(html.lastIndexOf('<', start), end);
      for (const tag of [
        /<h2[\s>]/,
        /<strong>/,
        /<em>/,
        /<ul[\s>]/,
        /<ol[\s>]/,
        /<li[\s>]/,
        /<blockquote[\s>]/,
      ])
        expect(body, `${href} ${tag}`).toMatch(tag);
      // Ghost tags outbound links with ?ref=<its host>.
      expect(body, href).toMatch(/<a [^>]*href="https:\/\/bakery\.example\/order["?]/);
      expect(body, href).not.toMatch(/<span|<font|style=|<img|mso-|docs-internal|color:/i);
    }
    await browser.shot('editor-published');
    expect(browser.pageErrors).toEqual([]);
  });

  it('speaks Czech, and the Markdown switch is remembered in this browser', async () => {
    const { page } = browser;
    await page.goto(rs.server.url + '/#/write');
    await page.getByLabel(en.language).selectOption('cs');
    const text = page.getByRole('textbox', { name: cs.editorText, exact: true });
    // A new text in place of the published one.
    await text.click();
    await page.keyboard.press('Control+a');
    await page.keyboard.press('Delete');
    await page.keyboard.type('Vánoční otevírací doba');
    await page.keyboard.press('Control+Alt+2');
    await page.keyboard.press('Enter');
    await page.keyboard.type('Na Štědrý den máme otevřeno ');
    await page.keyboard.press('Control+b');
    await page.keyboard.type('do poledne');
    await page.keyboard.press('Control+b');
    await page.keyboard.type('.');
    await text.locator('h2', { hasText: 'Vánoční otevírací doba' }).waitFor();
    await page.getByLabel(cs.title, { exact: true }).fill('Vánoce');
    await page.getByRole('button', { name: cs.editorBold, exact: true }).waitFor();
    await page.getByRole('toolbar', { name: cs.editorToolbar }).waitFor();
    await page.locator('form.editor').screenshot({ path: join(DOCS_SHOTS, 'editor-cs.png') });
    await page.getByRole('switch', { name: cs.editorMarkdownSwitch }).check();
    await page.reload();
    const box = page.getByLabel(cs.editorMarkdownLabel.replace('{label}', cs.editorText));
    await box.waitFor();
    expect(await page.getByRole('switch', { name: cs.editorMarkdownSwitch }).isChecked()).toBe(
      true,
    );
    expect(await page.getByRole('toolbar').count()).toBe(0);
    await page.getByRole('switch', { name: cs.editorMarkdownSwitch }).uncheck();
    await page.getByRole('toolbar', { name: cs.editorToolbar }).waitFor();
    await page.getByLabel(cs.language).selectOption('en');
    expect(browser.pageErrors).toEqual([]);
  });

  it('fits a 390 px phone without sideways scrolling', async () => {
    const phone = await launch(PHONE, { richEditor: true });
    try {
      await signIn(phone);
      const { page } = phone;
      await page.goto(rs.server.url + '/#/write');
      const text = page.getByRole('textbox', { name: en.editorText, exact: true });
      await text.click();
      await page.keyboard.type('Summer menu');
      await page.keyboard.press('Control+Alt+2');
      await page.keyboard.press('Enter');
      await page.keyboard.type(
        'Elderflower lemonade at https://bakery.example/a-very-long-address-that-must-wrap-on-a-phone',
      );
      await page.keyboard.press('Control+k');
      await page.getByLabel(en.editorLinkAddress).waitFor();
      expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
      await page.screenshot({ path: join(DOCS_SHOTS, 'editor-390.png'), fullPage: false });
      await page.keyboard.press('Escape');
      expect(phone.pageErrors).toEqual([]);
    } finally {
      await phone.close();
    }
  });
});
