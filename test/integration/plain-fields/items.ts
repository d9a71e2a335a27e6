/**
 * The payload corpus as content items: each batch of payloads goes into every plain field of
 * one item — title, excerpt, tags, categories, the feature image's alt text — and into its
 * body (text, an inline image's alt, a link), so one publish carries several payloads.
 */
import type { ContentItem } from '../../../src/connectors/types.js';
import { fromFrontMatterText } from '../../../src/content/plain-text.js';
import { batches, fingerprint, type Payload } from '../../fixtures/xss-corpus.js';

/** One item and the payloads it carries. */
export interface CorpusItem {
  item: ContentItem;
  payloads: Payload[];
  /** Found in the title of the item's pages, whatever form a site shows. */
  key: string;
}

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

/** A 1×1 PNG whose bytes differ per `variant` (bytes after IEND are ignored by decoders). */
export function png(variant: string): Uint8Array {
  return new Uint8Array(Buffer.concat([PNG, Buffer.from(`plain16-${variant}`)]));
}

/** A tag or category made of a payload: a word first, so no tag is markup only. */
export const termOf = (kind: 't' | 'c', payload: Payload): string =>
  `${kind}${payload.n} ${payload.text}`;

/**
 * The corpus as items with slugs `<prefix>-<i>`; `images` adds the inline image of the body
 * (`inline`) and a feature image whose alt text is the payloads (`all`); `categories` is left out where a kind has none.
 */
export function corpusItems(
  prefix: string,
  options: { images?: 'all' | 'inline'; categories?: boolean; maxChars?: number } = {},
): CorpusItem[] {
  // 170 characters by default: the joined payloads fit Ghost's alt text (191) and title (255).
  return batches(options.maxChars ?? 170).map((payloads, index) => {
    const joined = payloads.map((p) => p.text).join(' ');
    const key = `PFK${index}Z`;
    const slug = `${prefix}-${index}`;
    const body = payloads
      .map((p) => `Payload ${p.n}: ${p.text}\n\n![${p.text}](x.png)`)
      .join('\n\n');
    const item: ContentItem = {
      id: `plain16-${slug}`,
      kind: 'post',
      slug,
      title: `${key} ${joined}`,
      excerpt: joined,
      markdown: body,
      tags: payloads.map((p) => termOf('t', p)),
      ...(options.categories === false ? {} : { categories: payloads.map((p) => termOf('c', p)) }),
    };
    if (options.images === 'all') {
      item.featureImage = {
        filename: `cover-${index}.png`,
        contentType: 'image/png',
        data: png(`${prefix}-cover-${index}`),
        alt: joined,
      };
    }
    if (options.images) {
      // `x.png`: the inline image of the body, and the one payloads show (`<img src=x.png …>`):
      // Ghost wants every image of the text attached. The same bytes on every item.
      item.images = [{ filename: 'x.png', contentType: 'image/png', data: png(`${prefix}-x`) }];
    }
    return { item, payloads, key };
  });
}

/** The payloads of `texts` that a page's `shown` text does not show as text (by letters and digits). */
export function notShown(shown: string, texts: readonly string[]): string[] {
  // A static site shows the look-alikes of toFrontMatterText: they read as the same text.
  const seen = fingerprint(fromFrontMatterText(shown));
  return texts.filter((text) => !seen.includes(fingerprint(text)));
}

/** Runs `work` over `list`, `limit` at a time, in order of results. */
export async function inParallel<T, R>(
  list: readonly T[],
  limit: number,
  work: (value: T) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(list.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, list.length) }, async () => {
      for (let i = next++; i < list.length; i = next++) results[i] = await work(list[i] as T);
    }),
  );
  return results;
}
