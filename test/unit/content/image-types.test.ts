import { describe, expect, it } from 'vitest';
import { imageTypeOf } from '../../../src/content/image-types.js';

const bytes = (...parts: (number[] | string)[]): Uint8Array =>
  Uint8Array.from(
    parts.flatMap((p) => (typeof p === 'string' ? [...p].map((c) => c.charCodeAt(0)) : p)),
  );

describe('imageTypeOf', () => {
  it('tells the four image types sites accept by their first bytes', () => {
    expect(imageTypeOf(bytes([0xff, 0xd8, 0xff, 0xe0], 'JFIF\0\0\0\0'))).toEqual({
      type: 'image/jpeg',
      ext: 'jpg',
    });
    expect(imageTypeOf(bytes([0x89], 'PNG', [0x0d, 0x0a, 0x1a, 0x0a], 'IHDR'))?.type).toBe(
      'image/png',
    );
    expect(imageTypeOf(bytes('GIF89a', [1, 0, 1, 0, 0, 0]))?.type).toBe('image/gif');
    expect(imageTypeOf(bytes('RIFF', [0x24, 0, 0, 0], 'WEBP'))?.type).toBe('image/webp');
  });

  it('refuses anything else, whatever it is called', () => {
    expect(imageTypeOf(bytes('<svg xmlns="'))).toBeUndefined();
    expect(imageTypeOf(bytes('%PDF-1.7\n%\xe2\xe3'))).toBeUndefined();
    expect(imageTypeOf(bytes('RIFF', [0, 0, 0, 0], 'WAVE'))).toBeUndefined();
    expect(imageTypeOf(bytes([0x89], 'PNX'))).toBeUndefined();
    expect(imageTypeOf(new Uint8Array())).toBeUndefined();
  });
});
