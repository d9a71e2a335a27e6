/**
 * Opens pages in Chromium and records every marker of the payload corpus that ran: each
 * dialog (`alert(n)`) and each `window.__xn` global, in any frame. Nothing is clicked or
 * hovered: what runs by itself on load (and shortly after: autofocus, animations) counts.
 */
import type { Page } from 'playwright-core';
import { launch, type TestBrowser } from '../../e2e/helpers/browser.js';
import { MARKER_GLOBAL_PREFIX } from '../../fixtures/xss-corpus.js';

/** What a page showed and ran. */
export interface PageVisit {
  url: string;
  /** Messages of the dialogs it opened (each `alert(n)` shows `n`). */
  dialogs: string[];
  /** `window.__xn` globals set in any frame. */
  globals: string[];
  /** The page's visible text (`document.title` + body `innerText`). */
  text: string;
}

/** A browser that visits pages `concurrency` at a time. */
export interface PageChecker {
  visit(urls: readonly string[]): Promise<PageVisit[]>;
  /** Proves the detector: a page that runs markers must be caught. */
  selfTest(): Promise<PageVisit>;
  close(): Promise<void>;
}

/** Launches Debian's Chromium (test/e2e/helpers/browser.ts) for marker checks. */
export async function startPageChecker(concurrency = 4): Promise<PageChecker> {
  const browser: TestBrowser = await launch();
  const pages: Page[] = [browser.page];
  while (pages.length < concurrency) pages.push(await browser.context.newPage());

  const visitOne = async (page: Page, load: () => Promise<unknown>, url: string) => {
    const dialogs: string[] = [];
    const onDialog = (dialog: { message(): string; dismiss(): Promise<void> }) => {
      dialogs.push(dialog.message());
      void dialog.dismiss().catch(() => undefined);
    };
    page.on('dialog', onDialog);
    try {
      await load().catch(() => undefined); // a page that navigates away still counts
      await page.waitForTimeout(250); // autofocus, animations, SVG timing events
      const globals: string[] = [];
      for (const frame of page.frames()) {
        const found = await frame
          .evaluate(
            (prefix) => Object.keys(globalThis).filter((key) => key.startsWith(prefix)),
            MARKER_GLOBAL_PREFIX,
          )
          .catch(() => [] as string[]);
        globals.push(...found);
      }
      const text = await page
        .evaluate(() => {
          // Runs in the page: its document, typed here without the DOM library.
          const { document } = globalThis as unknown as {
            document: { title: string; body: { innerText: string } | null };
          };
          return `${document.title}\n${document.body?.innerText ?? ''}`;
        })
        .catch(() => '');
      return { url, dialogs, globals, text };
    } finally {
      page.off('dialog', onDialog);
    }
  };

  return {
    async visit(urls) {
      const results: PageVisit[] = new Array<PageVisit>(urls.length);
      let next = 0;
      await Promise.all(
        pages.map(async (page) => {
          for (let i = next++; i < urls.length; i = next++) {
            const url = urls[i] ?? '';
            results[i] = await visitOne(page, () => page.goto(url, { waitUntil: 'load' }), url);
          }
        }),
      );
      return results;
    },
    selfTest: () => {
      const page = pages[0] as Page;
      const html = `<p>control</p><img src=x onerror="alert(1)"><svg onload="window.${MARKER_GLOBAL_PREFIX}2=1">`;
      return visitOne(page, () => page.setContent(html, { waitUntil: 'load' }), 'self-test');
    },
    close: () => browser.close(),
  };
}

/** Every marker that ran on any of `visits`, as `url: what`. */
export function markersThatRan(visits: readonly PageVisit[]): string[] {
  return visits.flatMap((visit) => [
    ...visit.dialogs.map((message) => `${visit.url}: dialog ${message}`),
    ...visit.globals.map((name) => `${visit.url}: global ${name}`),
  ]);
}
