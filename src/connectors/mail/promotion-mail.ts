/**
 * Promotional e-mail compiled from the same content item as the promotion page: an HTML part
 * (rendered and sanitized by src/content) and a plain-text part, images inline (`cid:`) or
 * linked to where the site serves them, the live page link, and per recipient an unsubscribe
 * link plus `List-Unsubscribe` and `List-Unsubscribe-Post` (RFC 8058 one-click) headers.
 */
import { renderMarkdown, rewriteImageSources } from '../../content/index.js';
import type { ContentItem } from '../types.js';
import type { OutgoingAttachment, OutgoingMail } from './outgoing.js';
import type { MailAddress } from './parse.js';

/**
 * The content the promotion is made of: the promotion's content item (title, Markdown, images
 * referenced by filename, language) and the live page it was published to.
 */
export type PromotionContent = Pick<ContentItem, 'title' | 'markdown' | 'images' | 'language'> & {
  /** The promotion's live page; a mailing written only as a mail has none (no "see it" link). */
  pageUrl?: string | undefined;
};

/** How to build the e-mail. */
export interface PromotionOptions {
  from: MailAddress;
  /** `inline` attaches the images (cid:), `linked` points at `imageUrls`. */
  images: 'inline' | 'linked';
  /** filename → public URL, for `linked`. */
  imageUrls?: Record<string, string>;
  /** The recipient's unsubscribe page (HTTPS, accepting a one-click POST per RFC 8058). */
  unsubscribeUrl(email: string): string;
  /** An address that unsubscribes whoever writes to it, offered as a second way. */
  unsubscribeMailto?: string;
}

/** One recipient of a mailing. */
export interface PromotionRecipient {
  email: string;
  name?: string;
}

/** A compiled promotion: `problems` must be empty before anything is sent. */
export interface CompiledPromotion {
  problems: string[];
  forRecipient(recipient: PromotionRecipient): OutgoingMail;
}

/** The few words of the mail around the text, in the content's language (English otherwise). */
const WORDS = {
  en: {
    see: 'See it on our website',
    unwanted: "Don't want these e-mails?",
    unsubscribe: 'Unsubscribe',
  },
  cs: {
    see: 'Podívejte se na náš web',
    unwanted: 'Nechcete tyto e-maily?',
    unsubscribe: 'Odhlásit se',
  },
} as const;

/** The words for `language` (`cs`, `cs-CZ`, … → Czech). */
export function promotionWords(language: string | undefined): (typeof WORDS)[keyof typeof WORDS] {
  return language?.toLowerCase().startsWith('cs') ? WORDS.cs : WORDS.en;
}

/**
 * RFC 8058 wants the one-click address on https; plain http is allowed only for a sitedesk on
 * this machine (trying it out, tests), which no outside mail program can reach anyway.
 */
function acceptableUnsubscribeUrl(url: string): boolean {
  if (/^https:\/\//i.test(url)) return true;
  try {
    const { protocol, hostname } = new URL(url);
    return protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(hostname);
  } catch {
    return false;
  }
}

/** The Markdown without a first heading that only repeats the title (the mail shows the title once). */
function withoutRepeatedTitle(markdown: string, title: string): string {
  const match = /^\s*#\s+(.+?)\s*#*\s*(?:\n|$)/.exec(markdown);
  return match && match[1]!.trim().toLowerCase() === title.trim().toLowerCase()
    ? markdown.slice(match[0].length)
    : markdown;
}

const escapeHtml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The Markdown as readable plain text: images become their alt text, links show their URL. */
export function markdownToText(markdown: string): string {
  return markdown
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, (_m, alt: string) => (alt ? `[${alt}]` : ''))
    .replace(/\[([^\]]+)\]\(([^)\s]+)[^)]*\)/g, '$1 ($2)')
    .replace(/^#{1,6}\s+/gm, '')
    .replace(/\*\*([^*]+)\*\*|__([^_]+)__/g, '$1$2')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** Compiles the parts shared by every recipient and checks them. */
export function compilePromotion(
  content: PromotionContent,
  options: PromotionOptions,
): CompiledPromotion {
  const problems: string[] = [];
  const byName = new Map((content.images ?? []).map((image) => [image.filename, image]));
  const attachments: OutgoingAttachment[] = [];
  const cids = new Map<string, string>();
  const markdown = withoutRepeatedTitle(content.markdown, content.title);
  const words = promotionWords(content.language);
  const body = rewriteImageSources(renderMarkdown(markdown), (src) => {
    if (/^https?:\/\//i.test(src)) return undefined; // already on the web
    if (options.images === 'linked') {
      const url = options.imageUrls?.[src];
      if (!url)
        problems.push(
          `image "${src}" has no public URL (give it in imageUrls, or send images inline)`,
        );
      return url;
    }
    const image = byName.get(src);
    if (!image) {
      problems.push(`image "${src}" is referenced but not supplied`);
      return undefined;
    }
    let cid = cids.get(src);
    if (!cid) {
      cid = `img${cids.size + 1}@sitedesk`;
      cids.set(src, cid);
      attachments.push({
        filename: image.filename,
        contentType: image.contentType,
        content: Buffer.from(image.data),
        cid,
      });
    }
    return `cid:${cid}`;
  });
  if (!acceptableUnsubscribeUrl(options.unsubscribeUrl('test@example.com'))) {
    problems.push(
      'the unsubscribe URL must be https:// (RFC 8058 one-click unsubscribe requires it)',
    );
  }
  if (content.pageUrl !== undefined && !/^https?:\/\//i.test(content.pageUrl))
    problems.push(`the page link "${content.pageUrl}" is not a web address`);
  const text = markdownToText(markdown);
  const lang = content.language ? ` lang="${escapeHtml(content.language)}"` : '';

  return {
    problems,
    forRecipient(recipient) {
      const unsubscribe = options.unsubscribeUrl(recipient.email);
      const listUnsubscribe = [`<${unsubscribe}>`];
      if (options.unsubscribeMailto) {
        listUnsubscribe.push(`<mailto:${options.unsubscribeMailto}?subject=unsubscribe>`);
      }
      const html =
        `<!doctype html><html${lang}><head><meta charset="utf-8"><title>${escapeHtml(content.title)}</title></head><body>` +
        `<h1>${escapeHtml(content.title)}</h1>${body}` +
        (content.pageUrl
          ? `<p><a href="${escapeHtml(content.pageUrl)}">${escapeHtml(words.see)}</a></p>`
          : '') +
        `<hr><p style="font-size:small">${escapeHtml(words.unwanted)} <a href="${escapeHtml(unsubscribe)}">${escapeHtml(words.unsubscribe)}</a>.</p>` +
        '</body></html>';
      const plain =
        `${content.title}\n\n${text}\n\n` +
        (content.pageUrl ? `${words.see}: ${content.pageUrl}\n\n` : '') +
        `${words.unwanted} ${words.unsubscribe}: ${unsubscribe}\n`;
      return {
        from: options.from,
        to: [{ address: recipient.email, name: recipient.name ?? '' }],
        subject: content.title,
        text: plain,
        html,
        headers: {
          'List-Unsubscribe': listUnsubscribe.join(', '),
          'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
        },
        attachments,
      };
    },
  };
}
