/**
 * Issue 16 on a real WordPress: the payload corpus in every plain field (title, excerpt, tags,
 * categories, feature image alt) and the body, published as an administrator — who may post
 * unfiltered HTML, as most Application Passwords are made — and every live page opened in
 * Chromium: no marker runs, and every title and tag reads as typed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromWordPressText, toWordPressText } from '../../../src/content/plain-text.js';
import type { WordPressConnector } from '../../../src/connectors/wordpress/connector.js';
import { startWordPress, type RunningWordPress } from '../../env/wordpress/start.js';
import { XSS_CORPUS } from '../../fixtures/xss-corpus.js';
import { connectorFor, countingFetch, rest } from '../wordpress/helpers.js';
import { corpusItems, inParallel, notShown, png, termOf } from './items.js';
import { markersThatRan, startPageChecker, type PageChecker } from './pages.js';

let wp: RunningWordPress;
let wordpress: WordPressConnector;
let checker: PageChecker;

beforeAll(async () => {
  [wp, checker] = await Promise.all([startWordPress(), startPageChecker(6)]);
  wordpress = await connectorFor(wp);
}, 120_000);

afterAll(async () => {
  await Promise.all([checker?.close(), wp?.stop()]);
});

describe('plain fields on a real WordPress (issue 16)', () => {
  it('the detector catches markers that run', async () => {
    expect(XSS_CORPUS.length).toBeGreaterThanOrEqual(60);
    const control = await checker.selfTest();
    expect(markersThatRan([control])).toEqual(['self-test: dialog 1', 'self-test: global __x2']);
  });

  it('WordPress, as an administrator with unfiltered_html: no payload runs, every title and tag reads as typed', async () => {
    const me = await rest<{ capabilities: Record<string, boolean> }>(wp, '/wp/v2/users/me', {
      context: 'edit',
    });
    expect(me.capabilities.unfiltered_html).toBe(true);

    // WordPress has no length limit that matters here: more payloads per post, fewer posts.
    const items = corpusItems('wp', { images: 'all', maxChars: 440 });
    const results = await inParallel(items, 4, ({ item }) => wordpress.publish(item));

    const visits = await checker.visit([...results.map((r) => r.url), `${wp.url}/`]);
    expect(markersThatRan(visits)).toEqual([]);
    items.forEach(({ item, payloads }, index) => {
      const shown = visits[index]?.text ?? '';
      expect(notShown(shown, [item.title]), `title on ${results[index]?.url}`).toEqual([]);
      // The document's <title> too (esc_html, which does not encode our entities twice).
      const documentTitle = shown.split('\n')[0] ?? '';
      expect(notShown(documentTitle, [item.title]), `<title> of ${results[index]?.url}`).toEqual(
        [],
      );
      const tags = payloads.map((p) => termOf('t', p));
      expect(notShown(shown, tags), `tags on ${results[index]?.url}`).toEqual([]);
    });

    // What WordPress stores: the escaped text (title.raw), which it renders as the text.
    const first = items[0];
    const [stored] = await rest<{ title: { raw: string; rendered: string } }[]>(
      wp,
      '/wp/v2/posts',
      { slug: first?.item.slug ?? '', context: 'edit' },
    );
    expect(stored?.title.raw).toBe(toWordPressText(first?.item.title ?? ''));
    expect(stored?.title.rendered).not.toMatch(/</);

    // Idempotent: the second publish finds every post by slug and its terms by name.
    const again = await inParallel(items, 4, ({ item }) => wordpress.publish(item));
    expect(again.map((r) => [r.remoteId, r.created])).toEqual(
      results.map((r) => [r.remoteId, false]),
    );
    const tags = await rest<{ name: string }[]>(wp, '/wp/v2/tags', { per_page: '100' });
    const names = tags.map((t) => fromWordPressText(t.name));
    const expected = items.flatMap(({ payloads }) => payloads.map((p) => termOf('t', p)));
    expect(names.filter((name) => expected.includes(name)).sort()).toEqual([...expected].sort());
    expect(tags).toHaveLength(expected.length);
  }, 90_000);

  it('WordPress, as an author (kses filters the title): the same text, no payload runs', async () => {
    const author = await connectorFor(wp, {
      id: 'author',
      username: wp.author.username,
      password: wp.author.appPassword,
    });
    // Authors may not create categories; three posts carry a third of the corpus.
    const items = corpusItems('wp-author', { categories: false, maxChars: 440 }).slice(0, 3);
    const results = await inParallel(items, 3, ({ item }) => author.publish(item));
    const visits = await checker.visit(results.map((r) => r.url));
    expect(markersThatRan(visits)).toEqual([]);
    items.forEach(({ item }, index) => {
      expect(notShown(visits[index]?.text ?? '', [item.title, ...(item.tags ?? [])])).toEqual([]);
    });
  }, 60_000);

  it('a refusal WordPress answers with a 500 fails at once, without retries', async () => {
    const fetches = countingFetch();
    const counted = await connectorFor(wp, { id: 'counted', fetch: fetches });
    const file = {
      filename: 'notes.exe',
      contentType: 'application/x-msdownload',
      data: png('exe'),
    };
    const error: unknown = await counted.uploadMedia(file).catch((e: unknown) => e);
    expect(error).toMatchObject({
      status: 500,
      remoteCode: 'rest_upload_sideload_error',
      retryable: false,
    });
    // One upload (after the REST discovery and the lookup by content hash): no second try.
    expect(fetches.calls.filter((c) => c.method === 'POST')).toHaveLength(1);
  });

  it('WordPress refuses a tag made only of markup before sending anything', async () => {
    const [first] = corpusItems('wp-markup-only');
    if (!first) throw new Error('the corpus is empty');
    const publishing = wordpress.publish({ ...first.item, tags: ['<b></b>'] });
    await expect(publishing).rejects.toMatchObject({
      code: 'validation_failed',
      details: [{ path: 'tags.0', message: 'must contain text, not only markup' }],
    });
  });
});
