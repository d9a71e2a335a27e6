import type { JSX } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { Marked } from 'marked';
import { useI18n } from '../i18n/i18n.js';

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * The text as HTML while it is typed. Raw HTML in the Markdown is shown as text here (the
 * server sanitises it for the sites; the styled preview shows that result), images named by
 * an uploaded file's name point at the upload. It lives in a frame without scripts.
 */
export function renderLive(
  markdown: string,
  urls: Map<string, string>,
  MarkedClass: typeof Marked,
): string {
  const marked = new MarkedClass({
    gfm: true,
    async: false,
    renderer: { html: ({ text }) => escapeHtml(text) },
    walkTokens: (token) => {
      if (token.type === 'image') token.href = urls.get(token.href) ?? token.href;
    },
  });
  return marked.parse(markdown, { async: false });
}

// Marked is loaded with the Write screen, not with the first screen (budget of issue 15).
let loadedMarked: typeof Marked | undefined;

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
  const [MarkedClass, setMarked] = useState(() => loadedMarked);
  useEffect(() => {
    if (MarkedClass) return;
    void import('marked').then((m) => setMarked(() => (loadedMarked = m.Marked)));
  }, [MarkedClass]);
  const doc = useMemo(() => {
    const urls = new Map(props.images.map((i) => [i.filename, i.url]));
    const body = MarkedClass ? renderLive(props.markdown, urls, MarkedClass) : '';
    return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><link rel="stylesheet" href="/preview-frame.css"></head><body><h1>${escapeHtml(props.title)}</h1>${body}</body></html>`;
  }, [props.markdown, props.title, props.images, lang, MarkedClass]);
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
