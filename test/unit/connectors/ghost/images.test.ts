import { describe, expect, it } from 'vitest';
import {
  contentName,
  knownUploads,
  placeFeatureImage,
  placeImages,
} from '../../../../src/connectors/ghost/images.js';
import type { MediaFile } from '../../../../src/connectors/types.js';

const file = (filename: string, bytes: number[]): MediaFile => ({
  filename,
  contentType: 'image/png',
  data: Uint8Array.from(bytes),
});

/** An uploader that records what it was given (stands in for Ghost's /images/upload/). */
function recordingUploader() {
  const uploaded: string[] = [];
  return {
    uploaded,
    upload: async (f: MediaFile) => {
      uploaded.push(f.filename);
      return `https://blog.example.com/content/images/2026/11/${f.filename}`;
    },
  };
}

describe('contentName', () => {
  it('is stable for the same bytes and changes with them', () => {
    expect(contentName(file('Photo Day.PNG', [1, 2, 3]))).toMatch(/^Photo-Day-[0-9a-f]{10}\.png$/);
    expect(contentName(file('a.png', [1]))).toBe(contentName(file('a.png', [1])));
    expect(contentName(file('a.png', [1]))).not.toBe(contentName(file('a.png', [2])));
  });
});

describe('placeImages', () => {
  it('uploads each referenced image once and rewrites only those src attributes', async () => {
    const { uploaded, upload } = recordingUploader();
    const html =
      '<p><img src="a.png" alt="A"> <img src="a.png"> <img src="https://cdn.example.com/x.png"> <img src="my%20b.png"></p>';
    const out = await placeImages(
      html,
      [file('a.png', [1]), file('my b.png', [2])],
      new Map(),
      upload,
    );
    expect(uploaded).toHaveLength(2);
    expect(out).toBe(
      `<p><img src="https://blog.example.com/content/images/2026/11/${uploaded[0]}" alt="A"> <img src="https://blog.example.com/content/images/2026/11/${uploaded[0]}"> <img src="https://cdn.example.com/x.png"> <img src="https://blog.example.com/content/images/2026/11/${uploaded[1]}"></p>`,
    );
  });

  it('reuses images the post already shows (same bytes) without uploading', async () => {
    const a = file('a.png', [1]);
    const existing = `<img src="https://blog.example.com/content/images/2026/10/${contentName(a)}">`;
    const { uploaded, upload } = recordingUploader();
    const known = knownUploads(existing, null);
    const out = await placeImages('<img src="a.png">', [a], known, upload);
    expect(uploaded).toEqual([]);
    expect(out).toContain('/2026/10/');
    expect(await placeFeatureImage(a, known, upload)).toContain('/2026/10/');
  });

  it('refuses an image the text shows but the item does not carry', async () => {
    await expect(
      placeImages('<img src="gone.png">', [], new Map(), recordingUploader().upload),
    ).rejects.toMatchObject({
      code: 'validation_failed',
      details: [{ path: 'images' }],
    });
  });
});
