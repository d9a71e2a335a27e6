/**
 * Screenshots the docs show (README.md, docs/*.md), written by the e2e test that reaches the
 * screen, so they follow the app instead of going stale as copies made by hand.
 */
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { SCREENSHOTS, type TestBrowser } from './browser.js';

/** docs/screenshots, where README.md and docs/*.md take their images from. */
export const DOCS_SCREENSHOTS = join(import.meta.dirname, '../../../docs/screenshots');

/** The test's own screenshot `name`, also saved as docs/screenshots/`docsName`.png. */
export async function shotForDocs(b: TestBrowser, name: string, docsName: string): Promise<void> {
  await b.shot(name);
  mkdirSync(DOCS_SCREENSHOTS, { recursive: true });
  copyFileSync(join(SCREENSHOTS, `${name}.png`), join(DOCS_SCREENSHOTS, `${docsName}.png`));
}
