/**
 * Voice messages a letter's dictation may be (issue 20), told by a file's first bytes: the
 * name or the type a browser declares is not trusted, exactly as for images (image-types.ts).
 */

/** An audio type a browser's `<audio>` plays. */
export interface AudioType {
  type: 'audio/ogg' | 'audio/mpeg' | 'audio/mp4' | 'audio/wav';
  /** The usual file extension, without the dot. */
  ext: string;
}

/** Bytes needed from the start of a file to tell its type (the same as for images). */
export const AUDIO_HEAD_BYTES = 12;

const latin1 = (head: Uint8Array, from: number, to: number): string =>
  String.fromCharCode(...head.subarray(from, to));

// MPEG audio without an ID3 tag starts with a frame: 11 sync bits, then a layer that is not 0.
const mpegFrame = (h: Uint8Array): boolean =>
  h[0] === 0xff && ((h[1] ?? 0) & 0xe0) === 0xe0 && ((h[1] ?? 0) & 0x06) !== 0;

// ISO media (m4a from phones and WhatsApp/Signal voice notes): `ftyp` and an audio-ish brand.
const MP4_BRANDS = new Set(['M4A ', 'M4B ', 'mp42', 'isom', 'mp41', 'dash', '3gp4', '3gp5']);

const SIGNATURES: (AudioType & { test: (head: Uint8Array) => boolean })[] = [
  // Ogg carries Opus (Telegram, WhatsApp voice messages) or Vorbis.
  { type: 'audio/ogg', ext: 'ogg', test: (h) => latin1(h, 0, 4) === 'OggS' },
  { type: 'audio/mpeg', ext: 'mp3', test: (h) => latin1(h, 0, 3) === 'ID3' || mpegFrame(h) },
  {
    type: 'audio/mp4',
    ext: 'm4a',
    test: (h) => latin1(h, 4, 8) === 'ftyp' && MP4_BRANDS.has(latin1(h, 8, 12)),
  },
  {
    type: 'audio/wav',
    ext: 'wav',
    test: (h) => latin1(h, 0, 4) === 'RIFF' && latin1(h, 8, 12) === 'WAVE',
  },
];

/** The audio type of a file by its first AUDIO_HEAD_BYTES bytes; undefined when none we take. */
export function audioTypeOf(head: Uint8Array): AudioType | undefined {
  const found = SIGNATURES.find((s) => s.test(head));
  return found && { type: found.type, ext: found.ext };
}

/** The audio types dictation takes (for `accept` and the docs). */
export const audioTypes: readonly AudioType['type'][] = SIGNATURES.map((s) => s.type);
