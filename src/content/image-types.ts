/** An image type sites accept, as told by a file's first bytes. */
export interface ImageType {
  type: 'image/jpeg' | 'image/png' | 'image/gif' | 'image/webp';
  /** The usual file extension, without the dot. */
  ext: string;
}

/** Bytes needed from the start of a file to tell its type. */
export const IMAGE_HEAD_BYTES = 12;

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const latin1 = (head: Uint8Array, from: number, to: number): string =>
  String.fromCharCode(...head.subarray(from, to));

// The first bytes of each allowed image type: a declared type or a file name is not trusted.
const SIGNATURES: (ImageType & { test: (head: Uint8Array) => boolean })[] = [
  { type: 'image/jpeg', ext: 'jpg', test: (h) => h[0] === 0xff && h[1] === 0xd8 && h[2] === 0xff },
  { type: 'image/png', ext: 'png', test: (h) => PNG.every((byte, i) => h[i] === byte) },
  { type: 'image/gif', ext: 'gif', test: (h) => latin1(h, 0, 4) === 'GIF8' },
  {
    type: 'image/webp',
    ext: 'webp',
    test: (h) => latin1(h, 0, 4) === 'RIFF' && latin1(h, 8, 12) === 'WEBP',
  },
];

/** The image type of a file by its first IMAGE_HEAD_BYTES bytes; undefined when it is none we allow. */
export function imageTypeOf(head: Uint8Array): ImageType | undefined {
  const found = SIGNATURES.find((s) => s.test(head));
  return found && { type: found.type, ext: found.ext };
}
