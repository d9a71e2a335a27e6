import { describe, expect, it } from 'vitest';
import {
  htmlCards,
  replaceLexicalRegion,
} from '../../../../src/connectors/ghost/lexical-region.js';

/** A Lexical document as Ghost stores it: JSON.stringify of the tree. */
function lexical(...children: unknown[]): string {
  return JSON.stringify({
    root: { children, direction: null, format: '', indent: 0, type: 'root', version: 1 },
  });
}
const paragraph = (text: string) => ({
  children: [{ text, type: 'extended-text', version: 1 }],
  type: 'paragraph',
  version: 1,
});
const card = (html: string) => ({
  type: 'html',
  version: 1,
  html,
  visibility: { web: { nonMember: true } },
});

describe('replaceLexicalRegion', () => {
  it('changes only the bytes of the region inside its HTML card', () => {
    const doc = lexical(
      paragraph('Intro "quoted" é'),
      card('<div>\n<!-- sitedesk:hours -->\n<p>Mon 9-5</p>\n<!-- /sitedesk:hours -->\n</div>'),
      card('<p>other card</p>'),
    );
    const out = replaceLexicalRegion(doc, 'hours', '<p>Mon–Sat 8-6</p>');
    expect(out).toBe(doc.replace('<p>Mon 9-5</p>', '<p>Mon–Sat 8-6</p>'));
    expect(htmlCards(out)[1]).toBe('<p>other card</p>');
  });

  it('finds cards nested in other nodes', () => {
    const doc = lexical({
      type: 'callout',
      children: [card('<!-- sitedesk:x -->a<!-- /sitedesk:x -->')],
    });
    expect(htmlCards(replaceLexicalRegion(doc, 'x', 'b'))).toEqual([
      '<!-- sitedesk:x -->b<!-- /sitedesk:x -->',
    ]);
  });

  it('keeps the meaning when the stored JSON escapes differently', () => {
    const doc = lexical(card('<!-- sitedesk:x -->\u00e9<!-- /sitedesk:x -->')).replace(
      'é',
      '\\u00e9',
    );
    const out = replaceLexicalRegion(doc, 'x', 'new');
    expect(htmlCards(out)).toEqual(['<!-- sitedesk:x -->new<!-- /sitedesk:x -->']);
  });

  it('says to add an HTML card when no card holds the region, even if the text mentions it', () => {
    const doc = lexical(
      paragraph('<!-- sitedesk:hours --> typed as text <!-- /sitedesk:hours -->'),
    );
    expect(() => replaceLexicalRegion(doc, 'hours', 'x')).toThrow(
      expect.objectContaining({
        code: 'region_missing',
        message: expect.stringContaining('add an HTML card'),
      }),
    );
  });

  it('refuses a region held by two cards', () => {
    const region = '<!-- sitedesk:x -->a<!-- /sitedesk:x -->';
    expect(() => replaceLexicalRegion(lexical(card(region), card(region)), 'x', 'b')).toThrow(
      expect.objectContaining({ code: 'region_duplicated' }),
    );
  });
});
