/** What the payload corpus (test/fixtures/xss-corpus.ts) left running on a page. */
import type { Page } from 'playwright-core';
import { MARKER_GLOBAL_PREFIX } from '../../fixtures/xss-corpus.js';

/** The corpus's `window.__xn` globals set in any frame of `page`. */
export async function markersSet(page: Page): Promise<string[]> {
  const found: string[] = [];
  for (const frame of page.frames())
    found.push(
      ...(await frame
        .evaluate(
          (prefix) => Object.keys(globalThis).filter((key) => key.startsWith(prefix)),
          MARKER_GLOBAL_PREFIX,
        )
        .catch(() => [] as string[])),
    );
  return found;
}

/** Counts every dialog `page` opens (each `alert(n)` of the corpus), dismissing it. */
export function recordDialogs(page: Page): string[] {
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss().catch(() => undefined);
  });
  return dialogs;
}
