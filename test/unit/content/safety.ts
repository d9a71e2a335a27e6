import * as cheerio from 'cheerio';

/**
 * An independent safety check of sanitized HTML: it parses the output with parse5 (through
 * cheerio), as a browser would, and lists everything that could run script or load
 * something we did not allow. It does not reuse the sanitizer's allow-list on purpose.
 */

const ALLOWED_TAGS = new Set(
  [
    'h1 h2 h3 h4 h5 h6 p br hr blockquote ul ol li a img figure figcaption pre code',
    'table caption thead tbody tfoot tr th td em strong i b del s sup sub iframe',
  ]
    .join(' ')
    .split(' '),
);

const URL_ATTRIBUTES = new Set([
  'href',
  'src',
  'action',
  'formaction',
  'xlink:href',
  'srcdoc',
  'data',
  'poster',
  'background',
  'srcset',
  'content',
]);

const IFRAME_HOSTS = new Set([
  'www.youtube.com',
  'youtube.com',
  'www.youtube-nocookie.com',
  'youtube-nocookie.com',
  'player.vimeo.com',
]);

/** A URL as a browser would resolve its scheme: entities decoded (by the parser), controls and whitespace gone. */
function schemeView(value: string): string {
  // eslint-disable-next-line no-control-regex
  return value.replace(/[\u0000-\u0020\u007f-\u009f]/g, '').toLowerCase();
}

/** Everything unsafe in `html`; an empty list means safe. */
export function unsafeParts(html: string): string[] {
  const $ = cheerio.load(html, null, false);
  const problems: string[] = [];
  $('*').each((_index, node) => {
    const element = $(node);
    const tag = (element.prop('tagName') ?? '').toLowerCase();
    const attributes = element.attr() ?? {};
    if (!ALLOWED_TAGS.has(tag)) problems.push(`tag <${tag}>`);
    for (const [name, value] of Object.entries(attributes)) {
      const attr = name.toLowerCase();
      if (attr.startsWith('on')) problems.push(`event handler ${attr} on <${tag}>`);
      if (attr === 'style') problems.push(`style attribute on <${tag}>`);
      if (URL_ATTRIBUTES.has(attr) && /^(javascript|vbscript|data):/.test(schemeView(value))) {
        problems.push(`${attr}="${value}" on <${tag}>`);
      }
    }
    if (tag === 'iframe') {
      const src = attributes['src'] ?? '';
      let url: URL | undefined;
      try {
        url = new URL(src);
      } catch {
        url = undefined;
      }
      if (!url || url.protocol !== 'https:' || !IFRAME_HOSTS.has(url.hostname)) {
        problems.push(`iframe from "${src}"`);
      }
    }
  });
  return problems;
}
