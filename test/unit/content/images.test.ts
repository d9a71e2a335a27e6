import { describe, expect, it } from 'vitest';
import { imageSources, rewriteImageSources } from '../../../src/content/images.js';
import { renderMarkdown } from '../../../src/content/markdown.js';

describe('imageSources', () => {
  it('lists img src values in order, decoded, duplicates kept', () => {
    const html =
      '<p><img src="a.jpg" alt="a"><IMG SRC=\'b&amp;c.png\'><img alt="no src"></p>' +
      '<img src=bare.gif><img src="a.jpg" src="second-ignored.jpg">';
    expect(imageSources(html)).toEqual(['a.jpg', 'b&c.png', 'bare.gif', 'a.jpg']);
  });

  it('ignores images inside comments, scripts and attribute text', () => {
    const html =
      '<!-- <img src="c.jpg"> --><script>"<img src=s.jpg>"</script><p title="<img src=t.jpg>">x</p>';
    expect(imageSources(html)).toEqual([]);
  });

  it('finds the images of rendered Markdown', () => {
    expect(
      imageSources(renderMarkdown('![a](photo.jpg) text ![b](https://x.example/b.png)')),
    ).toEqual(['photo.jpg', 'https://x.example/b.png']);
  });
});

describe('rewriteImageSources', () => {
  it('replaces only the mapped src attributes and keeps every other byte', () => {
    const html =
      '<p>Žluťoučký kůň\r\n<img alt="kůň" src = "photo.jpg" width=10>&nbsp;<img src=\'keep.png\'>' +
      '<!-- <img src="photo.jpg"> --></p>\n<IMG\n SRC=photo.jpg>';
    const out = rewriteImageSources(html, (src) =>
      src === 'photo.jpg' ? 'https://site.example/wp-content/uploads/2026/11/photo.jpg' : undefined,
    );
    expect(out).toBe(
      '<p>Žluťoučký kůň\r\n<img alt="kůň" src="https://site.example/wp-content/uploads/2026/11/photo.jpg" width=10>' +
        '&nbsp;<img src=\'keep.png\'><!-- <img src="photo.jpg"> --></p>\n' +
        '<IMG\n src="https://site.example/wp-content/uploads/2026/11/photo.jpg">',
    );
  });

  it('escapes the new URL for an attribute', () => {
    const out = rewriteImageSources(
      '<img src="a.jpg">',
      () => 'https://cdn.example/i?a=1&b="2"<x>',
    );
    expect(out).toBe('<img src="https://cdn.example/i?a=1&amp;b=&quot;2&quot;&lt;x>">');
    expect(imageSources(out)).toEqual(['https://cdn.example/i?a=1&b="2"<x>']);
  });

  it('passes the decoded src to the map and returns the input unchanged when nothing maps', () => {
    const seen: string[] = [];
    const html = '<img src="a&amp;b.jpg"><img src="c.jpg">';
    expect(rewriteImageSources(html, (src) => void seen.push(src))).toBe(html);
    expect(seen).toEqual(['a&b.jpg', 'c.jpg']);
  });

  it('rewrites rendered Markdown so the uploaded URLs are what the site gets', () => {
    const html = renderMarkdown('Hello\n\n![Shop](shop.jpg "Front")\n');
    const uploaded = new Map([['shop.jpg', 'https://blog.example/content/images/shop.jpg']]);
    expect(rewriteImageSources(html, (src) => uploaded.get(src))).toBe(
      '<p>Hello</p>\n<p><img src="https://blog.example/content/images/shop.jpg" alt="Shop" title="Front" /></p>\n',
    );
  });
});
