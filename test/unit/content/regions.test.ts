import { describe, expect, it } from 'vitest';
import {
  listRegions,
  readRegion,
  RegionError,
  replaceRegion,
} from '../../../src/content/regions.js';
import { SitedeskError } from '../../../src/shared/errors.js';
import { HUGO_PAGE, WORDPRESS_PAGE } from './wordpress-page.js';

const crlf = (text: string): string => text.replace(/\n/g, '\r\n');
const bytes = (text: string): Buffer => Buffer.from(text, 'utf8');

const OPEN = '<!-- sitedesk:opening-hours -->';
const CLOSE = '<!-- /sitedesk:opening-hours -->';
const NEW_HOURS = '<table class="hours"><tr><th>Po–Ne</th><td>8:00–20:00 🎄</td></tr></table>';

/** Asserts that `after` equals `before` byte for byte outside the region's content. */
function expectOnlyRegionChanged(before: string, after: string, open: string, close: string): void {
  const prefix = before.slice(0, before.indexOf(open) + open.length);
  const suffix = before.slice(before.indexOf(close));
  expect(bytes(after).subarray(0, bytes(prefix).length).equals(bytes(prefix))).toBe(true);
  expect(
    bytes(after)
      .subarray(bytes(after).length - bytes(suffix).length)
      .equals(bytes(suffix)),
  ).toBe(true);
}

describe('replaceRegion on a WordPress page', () => {
  for (const [variant, page] of [
    ['LF', WORDPRESS_PAGE],
    ['CRLF', crlf(WORDPRESS_PAGE)],
  ] as const) {
    it(`changes only the region's content (${variant})`, () => {
      const eol = variant === 'CRLF' ? '\r\n' : '\n';
      const out = replaceRegion(page, 'opening-hours', NEW_HOURS);
      expectOnlyRegionChanged(page, out, OPEN, CLOSE);
      expect(readRegion(out, 'opening-hours')).toBe(`${eol}${NEW_HOURS}${eol}`);
      // Nothing else moved: putting the old content back restores the page exactly.
      const old = readRegion(page, 'opening-hours');
      expect(bytes(replaceRegion(out, 'opening-hours', old)).equals(bytes(page))).toBe(true);
    });
  }

  it('handles markers written without spaces, inside other markup', () => {
    const out = replaceRegion(WORDPRESS_PAGE, 'promo', '<p>Vánoční akce: −20 %</p>\n');
    expectOnlyRegionChanged(WORDPRESS_PAGE, out, '<!--sitedesk:promo-->', '<!--/sitedesk:promo-->');
    expect(out).toContain(
      '<div class="promo"><!--sitedesk:promo--><p>Vánoční akce: −20 %</p><!--/sitedesk:promo--></div>',
    );
  });

  it('converts the new content to CRLF in a CRLF page', () => {
    const out = replaceRegion(crlf(WORDPRESS_PAGE), 'opening-hours', '<p>a</p>\n<p>b</p>\n');
    expect(readRegion(out, 'opening-hours')).toBe('\r\n<p>a</p>\r\n<p>b</p>\r\n');
  });

  it('is idempotent', () => {
    const once = replaceRegion(WORDPRESS_PAGE, 'opening-hours', NEW_HOURS);
    expect(replaceRegion(once, 'opening-hours', NEW_HOURS)).toBe(once);
  });
});

describe('replaceRegion on Markdown', () => {
  it('replaces a region in a Hugo file with CRLF line ends, front matter untouched', () => {
    const page = crlf(HUGO_PAGE);
    const table = '| Den | Hodiny |\n|-----|--------|\n| Po–Ne | 8:00–20:00 |';
    const out = replaceRegion(page, 'opening-hours', table);
    expectOnlyRegionChanged(page, out, OPEN, CLOSE);
    expect(readRegion(out, 'opening-hours')).toBe(`\r\n${crlf(table)}\r\n`);
    expect(out.startsWith('---\r\ntitle: "Otevírací doba"\r\n')).toBe(true);
  });
});

describe('marker forms and layout', () => {
  it('tolerates whitespace variants around the marker text', () => {
    for (const [open, close] of [
      ['<!--sitedesk:a-->', '<!--/sitedesk:a-->'],
      ['<!--   sitedesk:a\t-->', '<!--\n/sitedesk:a\n-->'],
    ]) {
      expect(replaceRegion(`x${open}old${close}y`, 'a', 'new')).toBe(`x${open}new${close}y`);
    }
  });

  it('does not recognise other spellings', () => {
    const text = '<!-- SITEDESK:a --> <!-- sitedesk: a --> <!-- sitedesk:a x -->';
    expect(listRegions(text)).toEqual([]);
    expect(() => readRegion(text, 'a')).toThrow(
      expect.objectContaining({ code: 'region_missing' }),
    );
  });

  it('fills an empty region and empties a full one, keeping the line layout', () => {
    expect(replaceRegion('<!-- sitedesk:a --><!-- /sitedesk:a -->', 'a', '<p>x</p>')).toBe(
      '<!-- sitedesk:a --><p>x</p><!-- /sitedesk:a -->',
    );
    expect(replaceRegion('<!-- sitedesk:a -->\n  <p>x</p>\n<!-- /sitedesk:a -->', 'a', '')).toBe(
      '<!-- sitedesk:a -->\n  \n<!-- /sitedesk:a -->',
    );
    expect(replaceRegion('<!-- sitedesk:a -->\n<!-- /sitedesk:a -->', 'a', 'y')).toBe(
      '<!-- sitedesk:a -->\ny\n<!-- /sitedesk:a -->',
    );
  });
});

describe('large pages', () => {
  // Guards against quadratic scans: at this size one would run for minutes, past the
  // unit-test timeout; the linear code takes milliseconds.
  it('handles long whitespace runs and many other comments', () => {
    const filler = '<!-- wp:paragraph --><p>x</p><!-- /wp:paragraph -->\n'.repeat(20_000);
    const page = `${filler}<!-- sitedesk:a -->x${' '.repeat(300_000)}y<!-- /sitedesk:a -->${filler}`;
    const out = replaceRegion(page, 'a', 'z');
    expect(out.length).toBe(filler.length * 2 + '<!-- sitedesk:a -->z<!-- /sitedesk:a -->'.length);
    expect(listRegions(out)).toEqual(['a']);
  });
});

describe('listRegions and readRegion', () => {
  it('lists regions in the order they open, nested ones included', () => {
    expect(listRegions(WORDPRESS_PAGE)).toEqual(['opening-hours', 'promo']);
    const nested =
      '<!-- sitedesk:outer --><!-- sitedesk:inner -->i<!-- /sitedesk:inner --><!-- /sitedesk:outer -->';
    expect(listRegions(nested)).toEqual(['outer', 'inner']);
    expect(readRegion(nested, 'inner')).toBe('i');
    expect(replaceRegion(nested, 'outer', 'o')).toBe(
      '<!-- sitedesk:outer -->o<!-- /sitedesk:outer -->',
    );
  });

  it('reads the raw content, whitespace included', () => {
    expect(readRegion(crlf(WORDPRESS_PAGE), 'promo')).toBe('<p>Zatím žádná akce.</p>');
  });
});

describe('region errors', () => {
  const cases: ReadonlyArray<[string, string, string, string]> = [
    ['missing region', 'hours', WORDPRESS_PAGE, 'region_missing'],
    ['name with capitals', 'Hours', WORDPRESS_PAGE, 'region_name_invalid'],
    ['empty name', '', WORDPRESS_PAGE, 'region_name_invalid'],
    ['name starting with a hyphen', '-a', WORDPRESS_PAGE, 'region_name_invalid'],
    ['name with a space', 'a b', WORDPRESS_PAGE, 'region_name_invalid'],
    ['name longer than 64', 'a'.repeat(65), WORDPRESS_PAGE, 'region_name_invalid'],
    [
      'opened twice',
      'a',
      '<!-- sitedesk:a -->1<!-- sitedesk:a -->2<!-- /sitedesk:a -->',
      'region_duplicated',
    ],
    [
      'closed twice',
      'a',
      '<!-- sitedesk:a -->1<!-- /sitedesk:a -->2<!-- /sitedesk:a -->',
      'region_duplicated',
    ],
    ['never closed', 'a', 'x <!-- sitedesk:a --> y', 'region_unclosed'],
    ['closed before opened', 'a', '<!-- /sitedesk:a -->x<!-- sitedesk:a -->', 'region_unclosed'],
    ['closed but never opened', 'a', 'x <!-- /sitedesk:a --> y', 'region_unopened'],
    [
      'overlapping another region',
      'a',
      '<!-- sitedesk:a --><!-- sitedesk:b --><!-- /sitedesk:a --><!-- /sitedesk:b -->',
      'region_overlap',
    ],
  ];

  for (const [label, name, text, code] of cases) {
    it(`${label} → ${code}`, () => {
      for (const call of [() => readRegion(text, name), () => replaceRegion(text, name, 'x')]) {
        let caught: unknown;
        try {
          call();
        } catch (error) {
          caught = error;
        }
        expect(caught).toBeInstanceOf(RegionError);
        expect(caught).toBeInstanceOf(SitedeskError);
        expect(caught).toMatchObject({ code, region: name, name: 'RegionError' });
      }
    });
  }

  it('says how to fix a missing region', () => {
    expect(() => readRegion('<p>x</p>', 'hours')).toThrow(
      'page has no region "hours": put <!-- sitedesk:hours --> … <!-- /sitedesk:hours --> around the part sitedesk may replace',
    );
  });

  it('refuses new content that contains a marker or an unclosed comment', () => {
    for (const html of [
      '<!-- /sitedesk:promo --><p>x</p>',
      '<!--sitedesk:other-->',
      '<p>x</p><!-- note',
      '<!-- a --><!--',
    ]) {
      expect(() => replaceRegion(WORDPRESS_PAGE, 'promo', html), html).toThrow(
        expect.objectContaining({ code: 'region_content_invalid' }),
      );
    }
    expect(
      readRegion(replaceRegion(WORDPRESS_PAGE, 'promo', '<!-- note --><p>x</p>'), 'promo'),
    ).toBe('<!-- note --><p>x</p>');
  });

  it('listRegions reports a broken or misnamed region instead of hiding it', () => {
    expect(() => listRegions(`${WORDPRESS_PAGE}<!-- sitedesk:extra -->`)).toThrow(
      expect.objectContaining({ code: 'region_unclosed', region: 'extra' }),
    );
    expect(() => listRegions('<!-- sitedesk:Hours --><!-- /sitedesk:Hours -->')).toThrow(
      expect.objectContaining({ code: 'region_name_invalid' }),
    );
  });
});
