import * as cheerio from 'cheerio';
import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../../src/content/markdown.js';
import { isAllowedIframeSrc, sanitizeContentHtml } from '../../../src/content/sanitize.js';

// What site content needs must survive rendering and sanitizing intact.

describe('Markdown constructs that survive', () => {
  it('headings, paragraphs, emphasis, strikethrough, line breaks and rules', () => {
    const md = '# One\n\n## Two\n\n###### Six\n\nA *b* **c** ~~d~~ line  \nbreak\n\n---\n';
    expect(renderMarkdown(md)).toBe(
      '<h1>One</h1>\n<h2>Two</h2>\n<h6>Six</h6>\n' +
        '<p>A <em>b</em> <strong>c</strong> <del>d</del> line<br />break</p>\n<hr />\n',
    );
  });

  it('lists, including an ordered list that starts later', () => {
    const $ = cheerio.load(renderMarkdown('- a\n- b\n\n3. c\n4. d\n'), null, false);
    expect($('ul > li').length).toBe(2);
    expect($('ol').attr('start')).toBe('3');
  });

  it('links with title, relative links, mailto and tel', () => {
    const html = renderMarkdown(
      '[Shop](https://shop.example/sale "Big sale") [contact](/contact) ' +
        '[mail](mailto:info@example.cz) [call](tel:+420123456789)',
    );
    const $ = cheerio.load(html, null, false);
    expect(
      $('a')
        .map((_i, a) => $(a).attr('href'))
        .get(),
    ).toEqual([
      'https://shop.example/sale',
      '/contact',
      'mailto:info@example.cz',
      'tel:+420123456789',
    ]);
    expect($('a').first().attr('title')).toBe('Big sale');
  });

  it('images keep src (relative too, so connectors can upload them), alt and title', () => {
    expect(renderMarkdown('![Our shop – Žižkov](photos/shop.jpg "Front")')).toBe(
      '<p><img src="photos/shop.jpg" alt="Our shop – Žižkov" title="Front" /></p>\n',
    );
  });

  it('GFM tables with column alignment', () => {
    const $ = cheerio.load(
      renderMarkdown('| Day | Hours |\n|:---|---:|\n| Mon | 9–17 |\n'),
      null,
      false,
    );
    expect($('table > thead > tr > th').first().attr('align')).toBe('left');
    expect($('table > tbody > tr > td').last().attr('align')).toBe('right');
    expect($('td').last().text()).toBe('9–17');
  });

  it('blockquotes and fenced code with its language class', () => {
    const html = renderMarkdown('> Quoted\n\n```ts\nconst a = 1 < 2;\n```\n');
    expect(html).toBe(
      '<blockquote>\n<p>Quoted</p>\n</blockquote>\n' +
        '<pre><code class="language-ts">const a = 1 &lt; 2;\n</code></pre>\n',
    );
  });
});

describe('raw HTML that survives', () => {
  it('figure with an image (width, height, loading) and caption', () => {
    const html =
      '<figure><img src="https://cdn.example/a.jpg" alt="A" title="T" width="640" height="480" loading="lazy">' +
      '<figcaption>Caption</figcaption></figure>';
    expect(sanitizeContentHtml(html)).toBe(
      '<figure><img src="https://cdn.example/a.jpg" alt="A" title="T" width="640" height="480" loading="lazy" />' +
        '<figcaption>Caption</figcaption></figure>',
    );
  });

  it('tables with caption, tfoot, colspan and rowspan', () => {
    const html =
      '<table><caption>Prices</caption><thead><tr><th colspan="2">A</th></tr></thead>' +
      '<tbody><tr><td rowspan="2" align="center">1</td><td>2</td></tr></tbody><tfoot><tr><td>f</td></tr></tfoot></table>';
    expect(sanitizeContentHtml(html)).toBe(html);
  });

  it('sup, sub, b, i, s and br', () => {
    const html = '<p>m<sup>2</sup> H<sub>2</sub>O <b>b</b> <i>i</i> <s>old</s><br />new</p>';
    expect(sanitizeContentHtml(html)).toBe(html);
  });

  it('YouTube, youtube-nocookie and Vimeo embeds with their safe attributes', () => {
    const iframes = [
      '<iframe src="https://www.youtube.com/embed/dQw4w9WgXcQ" width="560" height="315" title="Video" ' +
        'allow="autoplay; encrypted-media" allowfullscreen frameborder="0" referrerpolicy="strict-origin-when-cross-origin" loading="lazy"></iframe>',
      '<iframe src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"></iframe>',
      '<iframe src="https://player.vimeo.com/video/76979871?h=8272103f6e"></iframe>',
    ];
    for (const iframe of iframes) expect(sanitizeContentHtml(iframe)).toBe(iframe);
  });

  it('links with target=_blank always get noopener noreferrer; other targets and rel values go', () => {
    expect(
      sanitizeContentHtml('<a href="https://p.example" target="_blank" rel="sponsored evil">p</a>'),
    ).toBe('<a href="https://p.example" target="_blank" rel="sponsored noopener noreferrer">p</a>');
    expect(
      sanitizeContentHtml('<a href="https://p.example" target="_top" rel="nofollow">p</a>'),
    ).toBe('<a href="https://p.example" rel="nofollow">p</a>');
  });
});

describe('what is trimmed from allowed tags', () => {
  it('drops classes other than language-xxx, ids, styles and unknown attributes', () => {
    expect(
      sanitizeContentHtml(
        '<p id="x" class="lead" style="color:red" data-x="1">t</p><code class="language-js hl">c</code>',
      ),
    ).toBe('<p>t</p><code class="language-js">c</code>');
  });

  it('drops iframes that are not https embed players', () => {
    for (const src of [
      'http://www.youtube.com/embed/x',
      'https://www.youtube.com/watch?v=x',
      'https://vimeo.com/76979871',
      '//www.youtube.com/embed/x',
      'https://user@www.youtube.com/embed/x',
      'https://evil.example/embed/x',
    ]) {
      expect(isAllowedIframeSrc(src), src).toBe(false);
      expect(sanitizeContentHtml(`<p>a<iframe src="${src}">fallback</iframe>b</p>`), src).toBe(
        '<p>ab</p>',
      );
    }
  });

  it('drops comments and images left without an address, keeping the surrounding text', () => {
    expect(
      sanitizeContentHtml(
        '<p>a<!-- c --><img src="data:image/png;base64,AA">b<img src="">c<img alt=z>d</p>',
      ),
    ).toBe('<p>abcd</p>');
  });

  it('drops task-list checkboxes (no form controls), keeping the item text', () => {
    expect(renderMarkdown('- [x] done\n')).toBe('<ul>\n<li> done</li>\n</ul>\n');
  });
});
