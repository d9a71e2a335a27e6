import { load } from 'cheerio';
import { fromFrontMatterText } from '../../../content/plain-text.js';
import { messageOf } from '../../../shared/errors.js';

/** The answer of a live check: `detail` says what was (not) found, for a person. */
export interface LiveCheckResult {
  ok: boolean;
  detail: string;
}

/** Checks that the page at `url` is up and shows `title`. */
export type LiveCheck = (url: string, title: string) => Promise<LiveCheckResult>;

/** Settings of the default live check. */
export interface LiveCheckConfig {
  /** How long one page may take, in ms; default 10,000. */
  timeoutMs?: number;
}

// Both sides alike: the look-alikes a static site's front matter carries (‹ › “ ” ’ ＆) and the
// typography WordPress adds to titles (’ “ ” – — …) read as the plain characters typed.
const normalise = (text: string): string =>
  fromFrontMatterText(text)
    .replace(/[\u2013\u2014]/g, '-')
    .replace(/\u2026/g, '...')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();

/**
 * The default live check: GET the public URL (redirects followed) and look for the title in
 * the page's `<title>`, `og:title`, headings or text — themes differ in where they put it, and
 * HTML entities or extra spaces must not count as a difference.
 */
export function createLiveCheck(
  config: LiveCheckConfig = {},
  deps: { fetch?: typeof fetch } = {},
): LiveCheck {
  const doFetch = deps.fetch ?? fetch;
  return async (url, title) => {
    let response: Response;
    try {
      response = await doFetch(url, {
        redirect: 'follow',
        signal: AbortSignal.timeout(config.timeoutMs ?? 10_000),
        headers: { accept: 'text/html' },
      });
    } catch (error) {
      return { ok: false, detail: `${url} could not be fetched (${messageOf(error)})` };
    }
    if (response.status !== 200) {
      await response.body?.cancel();
      return { ok: false, detail: `${url} answered ${response.status}, not the page` };
    }
    const $ = load(await response.text());
    const wanted = normalise(title);
    const places = [
      $('title').text(),
      $('meta[property="og:title"]').attr('content') ?? '',
      $('h1, h2').text(),
      $('body').text(),
    ];
    if (places.some((text) => normalise(text).includes(wanted)))
      return { ok: true, detail: `${url} shows “${title}”` };
    return { ok: false, detail: `${url} is up but does not show the title “${title}”` };
  };
}
