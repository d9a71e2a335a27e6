/**
 * The letterhead's logo and signature: only PNG and JPEG (what pdfkit embeds), told by their
 * first bytes (a name or a declared type is not trusted), at most 300 KB (both fit one 1 MB API request) and 4000 px a side, so a
 * letter's PDF stays small enough to mail and a wrong file is a 400 naming the field.
 */
import PDFDocument from 'pdfkit';
import { imageTypeOf } from '../../content/index.js';
import type { FieldIssue } from '../../shared/errors.js';

/** Largest image accepted, in bytes. */
export const LETTER_IMAGE_MAX_BYTES = 300 * 1024;
/** Largest width or height accepted, in pixels. */
export const LETTER_IMAGE_MAX_PX = 4000;

/** A checked image: its bytes and size in pixels. */
export interface LetterImage {
  bytes: Buffer;
  type: 'image/png' | 'image/jpeg';
  width: number;
  height: number;
}

/** Decodes and checks an inline image; answers the image or the issue naming `path`. */
export function checkLetterImage(
  data: string,
  path: string,
): { image: LetterImage } | { issue: FieldIssue } {
  const fail = (message: string) => ({ issue: { path, message } });
  if (!/^[A-Za-z0-9+/\s]*={0,2}\s*$/.test(data)) return fail('must be base64 (a PNG or JPEG file)');
  const bytes = Buffer.from(data, 'base64');
  if (bytes.length > LETTER_IMAGE_MAX_BYTES)
    return fail(`is too large: ${Math.ceil(bytes.length / 1024)} KB (at most 300 KB)`);
  const kind = imageTypeOf(bytes.subarray(0, 12));
  if (kind?.type !== 'image/png' && kind?.type !== 'image/jpeg')
    return fail('must be a PNG or JPEG image');
  const size = pixelSize(bytes, kind.type);
  if (!size) return fail('is not a readable PNG or JPEG image');
  const { width, height } = size;
  if (width > LETTER_IMAGE_MAX_PX || height > LETTER_IMAGE_MAX_PX)
    return fail(`is too large: ${width} × ${height} px (at most ${LETTER_IMAGE_MAX_PX} px a side)`);
  try {
    // pdfkit reads the image the way it will embed it: a broken file fails here, not mid-letter.
    const probe = new PDFDocument({ size: [100, 100] });
    probe.image(bytes, 0, 0, { width: 10 });
    probe.end();
  } catch {
    return fail('is not a readable PNG or JPEG image');
  }
  return { image: { bytes, type: kind.type, width, height } };
}

/** Width and height from the PNG IHDR chunk or the JPEG frame header; undefined when absent. */
export function pixelSize(
  bytes: Buffer,
  type: 'image/png' | 'image/jpeg',
): { width: number; height: number } | undefined {
  if (type === 'image/png') {
    if (bytes.length < 24 || bytes.toString('latin1', 12, 16) !== 'IHDR') return undefined;
    return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
  }
  let at = 2;
  while (at + 9 < bytes.length) {
    if (bytes[at] !== 0xff) return undefined;
    const marker = bytes[at + 1]!;
    const length = bytes.readUInt16BE(at + 2);
    // SOF0–SOF15 carry the size, except DHT (C4), JPG (C8) and DAC (CC).
    if (marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker))
      return { height: bytes.readUInt16BE(at + 5), width: bytes.readUInt16BE(at + 7) };
    at += 2 + length;
  }
  return undefined;
}
