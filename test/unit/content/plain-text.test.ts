import { describe, expect, it } from 'vitest';
import {
  fromFrontMatterText,
  fromWordPressText,
  plainTextProblem,
  termNameProblem,
  toFrontMatterText,
  toWordPressText,
  visibleText,
} from '../../../src/content/plain-text.js';

describe('plain text at the edge', () => {
  it('refuses control characters everywhere and line breaks in one-line fields', () => {
    expect(plainTextProblem('Summer sale & <more>')).toBeUndefined();
    expect(plainTextProblem('a\u0000b')).toMatch(/control/);
    expect(plainTextProblem('a\u009bb')).toMatch(/control/);
    expect(plainTextProblem('a\nb')).toMatch(/one line/);
    expect(plainTextProblem('a\u2028b')).toMatch(/one line/);
    expect(plainTextProblem('a\r\nb\nc\td', { multiline: true })).toBeUndefined();
    expect(plainTextProblem('a\rb', { multiline: true })).toMatch(/control/);
  });

  it('refuses tag names that are empty, only markup, too long or start with a comma', () => {
    expect(termNameProblem('Food & Drink')).toBeUndefined();
    expect(termNameProblem('<script>alert(1)</script>')).toBeUndefined(); // shown as text
    expect(termNameProblem('<b></b>')).toMatch(/only markup/);
    expect(termNameProblem('<img src=x onerror=alert(1)>')).toMatch(/only markup/);
    expect(termNameProblem('<!-- x -->')).toMatch(/only markup/);
    expect(termNameProblem('  ')).toMatch(/empty/);
    expect(termNameProblem(',x')).toMatch(/comma/);
    expect(termNameProblem('x'.repeat(192))).toMatch(/at most 191/);
    expect(visibleText('<i>a</i> &nbsp;')).toBe('a');
  });
});

describe('the form each site kind shows as text', () => {
  it('WordPress: HTML-escaped, and read back to the same text', () => {
    const typed = `<img src=x onerror="alert(1)"> Anna's 100%ab & &lt;`;
    const sent = toWordPressText(typed);
    expect(sent).toBe(
      '&lt;img src=x onerror=&quot;alert(1)&quot;&gt; Anna&#039;s 100&#37;ab &#038; &#038;lt;',
    );
    expect(sent).not.toMatch(/[<>"']/);
    expect(fromWordPressText(sent)).toBe(typed);
  });

  it('front matter: look-alikes a raw and an escaping theme both show as text', () => {
    const sent = toFrontMatterText(`<b>"Best" bread</b> Anna's & Co &lt; \`x\``);
    expect(sent).toBe('‹b›“Best” bread‹/b› Anna’s & Co ＆lt; ˋxˋ');
    expect(sent).not.toMatch(/[<>"'`\\]/);
    expect(fromFrontMatterText(sent)).toBe(`<b>"Best" bread</b> Anna's & Co &lt; \`x\``);
    expect(toFrontMatterText('\'quoted\' ("x")')).toBe('‘quoted’ (“x”)');
    expect(toFrontMatterText('Plain words stay')).toBe('Plain words stay');
    // Printed twice into one script line, a trailing backslash would end the first string late.
    expect(toFrontMatterText(';alert(1);//\\')).toBe(';alert(1);//＼');
    expect(fromFrontMatterText('‹∕b›')).toBe('<∕b>');
  });
});
