import { describe, expect, it } from 'vitest';
import { changesView, detailsView } from '../../../src/tasks/content-items/file-views.js';
import { safeImageFilename } from '../../../src/tasks/content-items/uploads.js';

describe('safeImageFilename', () => {
  it.each([
    ['Přední Fotka!!.PNG', 'image/png', 'predni-fotka-abcd1234.png'],
    ['menu.JPEG', 'image/jpeg', 'menu-abcd1234.jpeg'],
    ['photo.png', 'image/gif', 'photo-abcd1234.gif'],
    ['../../etc/passwd', 'image/png', 'passwd-abcd1234.png'],
    ['C:\\Users\\eva\\Shop.jpg', 'image/jpeg', 'shop-abcd1234.jpg'],
    ['.hidden', 'image/webp', 'hidden-abcd1234.webp'],
    ['', 'image/png', 'image-abcd1234.png'],
    ['日本語.jpg', 'image/jpeg', 'image-abcd1234.jpg'],
    [`${'a'.repeat(300)}.png`, 'image/png', `${'a'.repeat(80)}-abcd1234.png`],
  ])('%s (%s) → %s', (original, type, expected) => {
    const name = safeImageFilename(original, type, 'ABCD1234');
    expect(name).toBe(expected);
    expect(name).toMatch(/^[a-z0-9._-]+$/);
  });
});

describe('file views', () => {
  it('keeps paths readable in the process and out of JSON, with download URLs', () => {
    const details = detailsView('T1', {
      request: 'x',
      attachments: [{ filename: 'a.png', contentType: 'image/png', path: '/data/uploads/a.png' }],
    });
    expect(details.attachments[0]?.path).toBe('/data/uploads/a.png');
    expect(JSON.parse(JSON.stringify(details))).toEqual({
      request: 'x',
      attachments: [
        { filename: 'a.png', contentType: 'image/png', url: '/api/v1/tasks/T1/attachments/0' },
      ],
    });
    const changes = changesView({
      details: {
        from: { attachments: [{ filename: 'a', path: '/secret/a' }] },
        to: { images: [{ filename: 'b', path: '/secret/b' }] },
      },
      note: { path: 'not a file' },
    });
    expect(JSON.stringify(changes)).not.toContain('/secret/');
    expect(JSON.stringify(changes)).toContain('not a file');
  });
});
