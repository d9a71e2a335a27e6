/** Debian's Chromium driven by playwright-core, offline apart from 127.0.0.1. */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

/** Where screenshots go (looked at by a person after each change of the UI). */
export const SCREENSHOTS = join(import.meta.dirname, '../../../test-output/screenshots');

/** A browser with a fresh profile. */
export interface TestBrowser {
  context: BrowserContext;
  page: Page;
  /** Uncaught page errors and console errors such as CSP refusals. */
  pageErrors: string[];
  shot(name: string): Promise<void>;
  close(): Promise<void>;
}

/** Options of launch. */
export interface LaunchOptions {
  /**
   * Texts are written in the rich editor (issue 15) instead of the plain Markdown box. Off by
   * default: the flows written before the editor type Markdown, which the editor's "Markdown"
   * switch still offers (remembered per browser); test/e2e/editor.test.ts drives the editor.
   */
  richEditor?: boolean;
  /** The browser's own time zone (IANA), e.g. a client's, so "today" is the same day there. */
  timezoneId?: string;
  /**
   * The full browser, whose PDF viewer draws the letters' PDFs in their frames as a person sees
   * them (the headless shell has no PDF viewer: the frame stays blank).
   */
  pdfViewer?: boolean;
}

/**
 * Debian's headless shell (chromium-headless-shell: the old headless mode, what Playwright
 * itself uses for headless runs) draws pages the same as the full browser for 10–20 % less CPU,
 * but has no PDF viewer; the full browser in headless mode is used for PDFs and when the shell is
 * missing. SITEDESK_CHROMIUM names another binary.
 */
function chromiumPath(pdfViewer: boolean): string {
  const shell = '/usr/bin/chromium-headless-shell';
  const full = '/usr/bin/chromium';
  const candidates = process.env.SITEDESK_CHROMIUM
    ? [process.env.SITEDESK_CHROMIUM]
    : pdfViewer
      ? [full]
      : [shell, full];
  const found = candidates.find((path) => existsSync(path));
  if (!found)
    throw new Error(
      `The e2e tests drive Debian's Chromium (${candidates.join(' or ')}): apt-get install -y --no-install-recommends chromium chromium-headless-shell`,
    );
  return found;
}

/** Launches Chromium with a fresh user-data folder and a phone- or desktop-sized window. */
export async function launch(
  viewport = { width: 1280, height: 900 },
  options: LaunchOptions = {},
): Promise<TestBrowser> {
  const executablePath = chromiumPath(options.pdfViewer ?? false);
  const profile = mkdtempSync(join(tmpdir(), 'sitedesk-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    viewport,
    ...(options.timezoneId ? { timezoneId: options.timezoneId } : {}),
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost',
    ],
  });
  if (!options.richEditor)
    // As if she had switched to Markdown once: only where nothing is stored yet, so a test
    // may still flip the switch. (Opaque frames have no storage: nothing to set there.)
    await context.addInitScript({
      content: `try {
        if (localStorage.getItem('sitedesk.editor.markdown') === null)
          localStorage.setItem('sitedesk.editor.markdown', 'on');
      } catch { /* no storage in this frame */ }`,
    });
  const page = context.pages()[0] ?? (await context.newPage());
  const pageErrors: string[] = [];
  page.on('pageerror', (err) => pageErrors.push(err.message));
  page.on('console', (msg) => {
    // A 401/404 answer the app expects (who am I, a wrong password) is not a page error.
    if (msg.type() === 'error' && !msg.text().startsWith('Failed to load resource'))
      pageErrors.push(msg.text());
  });
  mkdirSync(SCREENSHOTS, { recursive: true });
  return {
    context,
    page,
    pageErrors,
    shot: async (name) => {
      await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
    },
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
