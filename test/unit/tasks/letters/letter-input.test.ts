/** The checks a letter must pass before anything is saved or sent: images, window, body, signature. */
import { describe, expect, it } from 'vitest';
import { checkLetterImage, pixelSize } from '../../../../src/tasks/letters/letterhead-images.js';
import { letterheadInputSchema } from '../../../../src/tasks/letters/letterhead-schema.js';
import { addressProblems, bodyProblems } from '../../../../src/tasks/letters/letter-input.js';
import { czechHeadInput } from './letters-fixtures.js';
import { logoPng, makePng } from './png.js';

const head = letterheadInputSchema.parse(czechHeadInput);

describe('letterhead images', () => {
  it('takes a PNG and tells its size', () => {
    const checked = checkLetterImage(logoPng().toString('base64'), 'logo');
    expect('image' in checked && [checked.image.width, checked.image.height]).toEqual([240, 80]);
  });

  it('refuses a file that is not an image, naming the field', () => {
    const text = Buffer.from('%PDF-1.4 not an image').toString('base64');
    expect(checkLetterImage(text, 'logo')).toEqual({
      issue: { path: 'logo', message: 'must be a PNG or JPEG image' },
    });
    expect(checkLetterImage('***', 'logo')).toMatchObject({ issue: { path: 'logo' } });
  });

  it('refuses a huge image by bytes and by pixels', () => {
    const big = Buffer.concat([logoPng(), Buffer.alloc(1_100_000)]).toString('base64');
    expect(checkLetterImage(big, 'logo')).toMatchObject({
      issue: { path: 'logo', message: expect.stringMatching(/too large/) },
    });
    const wide = makePng(4100, 2, () => [0, 0, 0]);
    expect(pixelSize(wide, 'image/png')).toEqual({ width: 4100, height: 2 });
    expect(checkLetterImage(wide.toString('base64'), 'signature.image')).toMatchObject({
      issue: { path: 'signature.image', message: expect.stringMatching(/4100 × 2 px/) },
    });
  });
});

describe('letterhead', () => {
  it('must say who signs', () => {
    const { signature: _s, ...unsigned } = czechHeadInput;
    void _s;
    const result = letterheadInputSchema.safeParse(unsigned);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join('.'))).toEqual(['signature']);
  });

  it('takes a numbering pattern only with a running number', () => {
    expect(
      letterheadInputSchema.safeParse({ ...czechHeadInput, numbering: 'KP-{yyyy}' }).success,
    ).toBe(false);
    expect(
      letterheadInputSchema.parse({ ...czechHeadInput, numbering: 'KP-{yy}-{nnnn}' }).numbering,
    ).toBe('KP-{yy}-{nnnn}');
  });
});

describe('address in the window', () => {
  it('fits a normal Czech address', () => {
    expect(
      addressProblems(
        { name: 'Ing. Jana Dvořáková', address: ['Květinová 881/7', '602 00 Brno'] },
        head,
      ),
    ).toEqual([]);
  });

  it('refuses too many lines and too wide a line, naming them', () => {
    const tall = { name: 'Jana', address: ['a', 'b', 'c', 'd', 'e', 'f'] };
    expect(addressProblems(tall, head)).toEqual([
      { path: 'recipient.address', message: expect.stringMatching(/7 lines .*at most 6/) },
    ]);
    const wide = {
      name: 'Jana',
      address: ['Náměstí Svatopluka Čecha a Přemysla Otakara II. 1234/56a'],
    };
    expect(addressProblems(wide, head)).toEqual([
      { path: 'recipient.address.0', message: expect.stringMatching(/too wide/) },
    ]);
    // Without the window (plain layout) eight lines fit.
    expect(addressProblems(tall, { ...head, addressLayout: 'plain' })).toEqual([]);
  });
});

describe('body', () => {
  it('takes Markdown and the HTML sites keep', () => {
    expect(bodyProblems('**Dobrý den**, <b>zítra</b> {{ nic }} [web](https://example.cz)')).toEqual(
      [],
    );
  });

  it('refuses scripts, event handlers and javascript: links', () => {
    for (const body of [
      'Ahoj <script>alert(1)</script>',
      '<img src=x onerror=alert(1)>',
      '[klik](javascript:alert(1))',
    ])
      expect(bodyProblems(body), body).toEqual([
        { path: 'body', message: expect.stringMatching(/cannot carry/) },
      ]);
  });
});
