import type { JSX } from 'preact';
import { useMemo } from 'preact/hooks';
import { Marked } from 'marked';
import { useI18n } from '../i18n/i18n.js';

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * The text as HTML while it is typed. Raw HTML in the Markdown is shown as text here (the
 * server sanitises it for the sites; the styled preview shows that result), images named by
 * an uploaded file's name point at the upload. It lives in a frame without scripts.
 */
export function renderLive(markdown: string, urls: Map<string, string>): string {
  const marked = new Marked({
    gfm: true,
    async: false,
    renderer: { html: ({ text }) => escapeHtml(text) },
    walkTokens: (token) => {
      if (token.type === 'image') token.href = urls.get(token.href) ?? token.href;
    },
  });
  return marked.parse(markdown, { async: false });
}

/**
 * The live preview: a srcdoc frame with the app's own stylesheet for previews. Its sandbox has
 * no allow-scripts; allow-same-origin lets the uploaded images load with the session cookie.
 */
export function LivePreview(props: {
  title: string;
  markdown: string;
  images: { filename: string; url: string }[];
}): JSX.Element {
  const { t, lang } = useI18n();
  const doc = useMemo(() => {
    const urls = new Map(props.images.map((i) => [i.filename, i.url]));
    const body = renderLive(props.markdown, urls);
    return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><link rel="stylesheet" href="/preview-frame.css"></head><body><h1>${escapeHtml(props.title)}</h1>${body}</body></html>`;
  }, [props.markdown, props.title, props.images, lang]);
  return (
    <iframe
      class="live-preview"
      title={t('livePreview')}
      sandbox="allow-same-origin"
      // Out of the Tab order: it repeats the text just typed, and the keyboard path from the
      // text to the image button should not stop in a frame.
      tabIndex={-1}
      srcDoc={doc}
    />
  );
}
