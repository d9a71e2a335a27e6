import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importLocalImages } from '../../../src/cli/publish-images.js';
import { PNG } from '../server/image-bytes.js';

function folder(files: Record<string, Buffer | string>): { file: string; uploads: string } {
  const dir = mkdtempSync(join(tmpdir(), 'sitedesk-publish-images-'));
  for (const [name, data] of Object.entries(files)) writeFileSync(join(dir, name), data);
  return { file: join(dir, 'post.md'), uploads: join(dir, 'uploads') };
}

describe('importLocalImages', () => {
  it('replaces each local address (not the text, even when it names the file) by the safe name', async () => {
    const { file, uploads } = folder({ 'shop.png': PNG, 'my photo.png': PNG });
    const markdown =
      '![shop.png](shop.png "The shop") and ![Our shop](shop.png)\n\n' +
      '![](<my photo.png>) ![remote](https://example.cz/a.png)\n';
    const out = await importLocalImages(markdown, file, uploads);
    expect(out.images).toHaveLength(2); // shop.png once, however often it is shown
    const [shop, photo] = out.images.map((i) => i.filename);
    expect(shop).toMatch(/^shop-[0-9a-f]{8}\.png$/);
    expect(photo).toMatch(/^my-photo-[0-9a-f]{8}\.png$/);
    expect(out.markdown).toBe(
      `![shop.png](${shop} "The shop") and ![Our shop](${shop})\n\n` +
        `![](${photo}) ![remote](https://example.cz/a.png)\n`,
    );
    expect(out.images[0]).toMatchObject({ contentType: 'image/png', alt: 'shop.png' });
    expect(readdirSync(uploads)).toHaveLength(2);
  });

  it('leaves Markdown without local images as it is, and copies nothing', async () => {
    const { file, uploads } = folder({});
    const markdown = 'Soup. ![](https://example.cz/soup.jpg) `![](code.png)`\n';
    expect(await importLocalImages(markdown, file, uploads)).toEqual({ markdown, images: [] });
  });

  it('refuses a file that is not an image and keeps no copy of the others', async () => {
    const { file, uploads } = folder({ 'ok.png': PNG, 'fake.png': '<svg onload="x()"/>' });
    await expect(importLocalImages('![a](ok.png) ![b](fake.png)', file, uploads)).rejects.toThrow(
      'the image "fake.png" is not a JPEG, PNG, GIF or WebP image',
    );
    expect(readdirSync(uploads)).toEqual([]);
  });
});
