import { describe, expect, it } from 'vitest';
import {
  compilePromotion,
  markdownToText,
} from '../../../../src/connectors/mail/promotion-mail.js';

const from = { address: 'shop@bakery.example', name: 'Bakery' };
const unsubscribeUrl = (e: string) => `https://bakery.example/u?e=${encodeURIComponent(e)}`;

describe('promotion compile', () => {
  it('reports images without a source or URL, a non-HTTPS unsubscribe link and a bad page link', () => {
    const content = {
      title: 'T',
      markdown: '![a](a.png) ![b](https://cdn.example/b.png)',
      pageUrl: 'bakery.example/x',
    };
    expect(
      compilePromotion(content, {
        from,
        images: 'inline',
        unsubscribeUrl: () => 'http://u.example',
      }).problems,
    ).toEqual([
      'image "a.png" is referenced but not supplied',
      'the unsubscribe URL must be https:// (RFC 8058 one-click unsubscribe requires it)',
      'the page link "bakery.example/x" is not a web address',
    ]);
    const linked = compilePromotion(
      { ...content, pageUrl: 'https://bakery.example/x' },
      {
        from,
        images: 'linked',
        imageUrls: { 'a.png': 'https://bakery.example/media/a.png' },
        unsubscribeUrl,
      },
    );
    expect(linked.problems).toEqual([]);
    const mail = linked.forRecipient({ email: 'c@d.example', name: 'C' });
    expect(mail.html).toContain('src="https://bakery.example/media/a.png"');
    expect(mail.html).toContain('src="https://cdn.example/b.png"');
    expect(mail.attachments).toEqual([]);
    expect(mail.headers?.['List-Unsubscribe']).toBe('<https://bakery.example/u?e=c%40d.example>');
  });

  it('escapes the title and strips unsafe HTML from the body', () => {
    const mail = compilePromotion(
      {
        title: 'A <b> & "c"',
        markdown: 'hi <script>alert(1)</script>',
        pageUrl: 'https://b.example',
      },
      { from, images: 'inline', unsubscribeUrl },
    ).forRecipient({ email: 'x@y.example' });
    expect(mail.html).toContain('<h1>A &lt;b&gt; &amp; &quot;c&quot;</h1>');
    expect(mail.html).not.toContain('<script>');
  });

  it('turns Markdown into readable text', () => {
    expect(
      markdownToText('# Sale\n\n**Big** ![pic](p.png) see [menu](https://m.example "t")'),
    ).toBe('Sale\n\nBig [pic] see menu (https://m.example)');
  });
});
