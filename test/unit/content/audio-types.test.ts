// Voice messages are told by their first bytes (issue 20): each kind a phone or messenger app
// saves is taken, and a text, an image or a video with an audio-like name is not.
import { describe, expect, it } from 'vitest';
import { audioTypeOf } from '../../../src/content/audio-types.js';

const head = (text: string, bytes: number[] = []): Uint8Array =>
  Uint8Array.from([...Buffer.from(text, 'latin1'), ...bytes]);

describe('audioTypeOf', () => {
  it('knows Ogg, MP3 (tagged and bare), M4A and WAV', () => {
    expect(audioTypeOf(head('OggS\0\x02\0\0\0\0\0\0'))?.type).toBe('audio/ogg');
    expect(audioTypeOf(head('ID3\x04\0\0\0\0\0\0\0\0'))?.type).toBe('audio/mpeg');
    expect(
      audioTypeOf(Uint8Array.from([0xff, 0xfb, 0x90, 0x64, 0, 0, 0, 0, 0, 0, 0, 0]))?.type,
    ).toBe('audio/mpeg');
    expect(audioTypeOf(head('\0\0\0\x20ftypM4A '))).toEqual({ type: 'audio/mp4', ext: 'm4a' });
    expect(audioTypeOf(head('RIFF\0\0\0\0WAVE'))).toEqual({ type: 'audio/wav', ext: 'wav' });
  });

  it('refuses text, images and other containers', () => {
    expect(audioTypeOf(head('Hello, this is'))).toBeUndefined();
    expect(audioTypeOf(head('RIFF\0\0\0\0WEBP'))).toBeUndefined();
    expect(audioTypeOf(head('\x89PNG\r\n\x1a\n0000'))).toBeUndefined();
    expect(audioTypeOf(head('\0\0\0\x20ftypqt  '))).toBeUndefined();
    // 0xFF 0xE0 with layer bits 00 is not an MPEG audio frame (a JPEG starts 0xFF 0xD8).
    expect(
      audioTypeOf(Uint8Array.from([0xff, 0xe0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0])),
    ).toBeUndefined();
    expect(
      audioTypeOf(Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 0, 0, 0, 0, 0, 0, 0])),
    ).toBeUndefined();
  });
});
