import sanitizeHtml from 'sanitize-html';
import type { Attributes, IFrame, IOptions } from 'sanitize-html';

/**
 * The allow-list for HTML that sitedesk sends to a site. Everything not named here is
 * dropped: scripts, styles and `style` attributes, event handlers, forms and inputs, `<base>`,
 * `<meta>`, `<link>`, `<object>`/`<embed>`, SVG and MathML, `id`/`class` (except the code
 * language class). Text inside a dropped tag is kept as escaped text, except inside
 * script-like tags, whose content is dropped too.
 */

/** Iframe hosts we embed, each with the only path prefix its embed player uses. */
const IFRAME_PLAYERS: Readonly<Record<string, string>> = {
  'www.youtube.com': '/embed/',
  'youtube.com': '/embed/',
  'www.youtube-nocookie.com': '/embed/',
  'youtube-nocookie.com': '/embed/',
  'player.vimeo.com': '/video/',
};

const ALLOWED_TAGS = [
  ...['h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'p', 'br', 'hr', 'blockquote'],
  ...['ul', 'ol', 'li', 'a', 'img', 'figure', 'figcaption', 'pre', 'code'],
  ...['table', 'caption', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td'],
  ...['em', 'strong', 'i', 'b', 'del', 's', 'sup', 'sub', 'iframe'],
];

const ALIGN = { name: 'align', values: ['left', 'center', 'right'] };
const LOADING = { name: 'loading', values: ['lazy', 'eager'] };

/**
 * Links may carry `rel` and `target`: promotions link out to partners, and `rel="sponsored"`
 * / `nofollow` is how sites mark paid links for search engines. `target` may only be
 * `_blank`, and then `noopener noreferrer` is always added so the opened page cannot reach
 * back into the site (`window.opener`).
 */
const REL_VALUES = ['nofollow', 'noopener', 'noreferrer', 'sponsored', 'ugc', 'external'];

const OPTIONS: IOptions = {
  allowedTags: ALLOWED_TAGS,
  allowedAttributes: {
    a: [
      'href',
      'title',
      { name: 'rel', multiple: true, values: REL_VALUES },
      { name: 'target', values: ['_blank'] },
    ],
    img: ['src', 'alt', 'title', 'width', 'height', LOADING],
    ol: ['start'],
    th: [ALIGN, 'colspan', 'rowspan'],
    td: [ALIGN, 'colspan', 'rowspan'],
    code: ['class'],
    iframe: [
      ...['src', 'width', 'height', 'title', 'allow', 'allowfullscreen', 'frameborder'],
      ...['referrerpolicy', LOADING],
    ],
  },
  // Only the `language-xxx` class marked puts on fenced code, for the site's highlighter.
  allowedClasses: { code: [/^language-[a-z0-9_+#.-]+$/i] },
  // data: URLs are not allowed anywhere, images included: sites get real uploaded images
  // (connectors upload and rewrite them), and data: is a classic carrier for script payloads.
  allowedSchemes: ['http', 'https', 'mailto', 'tel'],
  allowedSchemesByTag: { img: ['http', 'https'], iframe: ['https'] },
  allowedSchemesAppliedToAttributes: ['href', 'src', 'cite', 'action', 'formaction'],
  allowedIframeHostnames: Object.keys(IFRAME_PLAYERS),
  allowIframeRelativeUrls: false,
  // Script-like containers lose their content too, not just the tag.
  nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'template', 'title'],
  disallowedTagsMode: 'discard',
  transformTags: { a: secureTargetBlank },
  exclusiveFilter: dropEmptyEmbeds,
};

/** HTML → HTML that keeps only the allow-listed content constructs above. */
export function sanitizeContentHtml(html: string): string {
  return sanitizeHtml(html, OPTIONS);
}

/** Whether the sanitizer keeps elements named `name` (lower case). */
export function isAllowedTag(name: string): boolean {
  return ALLOWED_TAGS.includes(name);
}

/** Whether `src` is an https URL of one of the embed players we allow. */
export function isAllowedIframeSrc(src: string): boolean {
  let url: URL;
  try {
    url = new URL(src);
  } catch {
    return false;
  }
  const prefix = IFRAME_PLAYERS[url.hostname];
  return url.protocol === 'https:' && !url.username && !url.password && prefix !== undefined
    ? url.pathname.startsWith(prefix)
    : false;
}

// An iframe whose src was rejected (or never there) is removed whole, content and all,
// rather than left as an empty frame on the page; an image without a src (e.g. a data:
// URL that was stripped) would only show as a broken-image icon, so it goes too.
function dropEmptyEmbeds(frame: IFrame): boolean {
  const src = frame.attribs['src'];
  if (frame.tag === 'img') return src === undefined || src === '';
  if (frame.tag === 'iframe') return src === undefined || !isAllowedIframeSrc(src);
  return false;
}

function secureTargetBlank(tagName: string, attribs: Attributes): sanitizeHtml.Tag {
  if (attribs['target'] !== '_blank') {
    const { target: _dropped, ...rest } = attribs;
    return { tagName, attribs: rest };
  }
  const rel = new Set((attribs['rel'] ?? '').split(/\s+/).filter(Boolean));
  rel.add('noopener').add('noreferrer');
  return { tagName, attribs: { ...attribs, rel: [...rel].join(' ') } };
}
