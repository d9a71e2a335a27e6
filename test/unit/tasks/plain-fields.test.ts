/** Plain fields of a content item at the edge (issue 16): a wrong one names its field, saves nothing. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { anna, counts, createHarness, seedClient, type Harness } from './helpers.js';

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(() => h.close());

async function rejectsOn(call: () => Promise<unknown>, paths: string[]): Promise<void> {
  const before = await counts(h.store);
  const error = await call().then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toMatchObject({ code: 'validation_failed' });
  const details = (error as { details: { path: string }[] }).details.map((d) => d.path).sort();
  expect(details).toEqual([...paths].sort());
  expect(await counts(h.store)).toEqual(before);
}

describe('plain fields of a content item', () => {
  it('refuses control characters, line breaks in a title, markup-only and empty tags', async () => {
    const { client } = await seedClient(h.tasks);
    await rejectsOn(
      () =>
        h.tasks.createContentItem(
          {
            clientId: client.id,
            title: 'Menu\nSet-Cookie: x',
            slug: 'menu',
            markdown: 'Hi',
            excerpt: 'bell \u0007',
            tags: ['ok', '<b></b>', '   '],
            categories: ['x'.repeat(192)],
            images: [
              {
                filename: 'a\u0000.png',
                contentType: 'image/png',
                path: '/tmp/a.png',
                alt: 'line\nbreak',
              },
            ],
          },
          anna,
        ),
      ['title', 'excerpt', 'tags.1', 'tags.2', 'categories.0', 'images.0.filename', 'images.0.alt'],
    );
  });

  it('keeps markup typed as text: it is text, sent in the form each site shows as text', async () => {
    const { client } = await seedClient(h.tasks);
    const item = await h.tasks.createContentItem(
      {
        clientId: client.id,
        title: ' <script>alert(1)</script> & "more" ',
        slug: 'menu',
        markdown: 'Hi',
        excerpt: 'Two\nlines <b>',
        tags: [' <i>new</i> '],
      },
      anna,
    );
    expect(item).toMatchObject({
      title: '<script>alert(1)</script> & "more"',
      excerpt: 'Two\nlines <b>',
      tags: ['<i>new</i>'],
    });
    await rejectsOn(
      () => h.tasks.updateContentItem(item.id, { tags: ['<br>'], excerpt: '\u001b[31m' }, anna),
      ['tags.0', 'excerpt'],
    );
  });
});
