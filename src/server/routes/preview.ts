import { z } from 'zod';
import { renderMarkdown } from '../../content/markdown.js';
import type { Site, StoredContentItem } from '../../tasks/index.js';
import { NotFoundError } from '../../shared/errors.js';
import { clientActor } from '../../tasks/accounts/client-space.js';
import { clientOf, route, type ApiRoute } from '../api/define.js';
import { idParams } from '../api/params.js';
import type { RouteDeps } from '../api/deps.js';
import { sendStoredFile } from '../send-file.js';
import { PREVIEW_WORDS, windowLine, type PreviewWords } from './preview-words.js';
import { getRegion } from '../../tasks/regions/index.js';
import { answers } from '../answers/page.js';

const tokenSchema = z.string().regex(/^sdp_[A-Za-z0-9_-]{43}$/, 'is not a preview link');

/**
 * The item's images, which its Markdown names by file name, are shown from this preview's own
 * image URLs: whoever holds the preview link (the client too) sees them without signing in.
 */
function withImageUrls(html: string, item: StoredContentItem, token: string): string {
  let out = html;
  item.images.forEach((image, n) => {
    const url = `/preview/${token}/images/${n}`;
    for (const written of new Set([image.filename, encodeURI(image.filename)]))
      out = out.split(`src="${escapeHtml(written)}"`).join(`src="${url}"`);
  });
  return out;
}

/**
 * No scripts, no plugins, no forms; inline styles and images only. Framed only by the web app
 * itself (same origin), which shows it in a sandboxed frame next to the editor (issue 8).
 */
export const PREVIEW_CSP =
  "default-src 'none'; img-src 'self' https: data:; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'self'";

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

// Every kind receives the same sanitized HTML from renderMarkdown (WordPress and Ghost as the
// post body, a static generator renders the same Markdown); each section says where it goes.
function section(item: StoredContentItem, body: string, label: string): string {
  const excerpt = item.excerpt ? `<p class="excerpt">${escapeHtml(item.excerpt)}</p>` : '';
  return `<section><p class="target">${escapeHtml(label)}</p><article><h1>${escapeHtml(item.title)}</h1>${excerpt}${body}</article></section>`;
}

function page(
  item: StoredContentItem,
  sections: string[],
  words: PreviewWords,
  window: string | undefined,
): string {
  return `<!doctype html><html lang="${escapeHtml(item.language ?? 'en')}"><head><meta charset="utf-8"><meta name="robots" content="noindex, nofollow"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${words.title}: ${escapeHtml(item.title)}</title><style>body{font-family:system-ui,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;line-height:1.5}section{border:1px solid #ccc;border-radius:8px;padding:1rem;margin:1rem 0}.target{color:#555;font-size:.9rem;margin:0}.window{font-weight:600}img{max-width:100%}</style></head><body><p>${words.banner}</p>${window ? `<p class="window">${escapeHtml(window)}</p>` : ''}${sections.join('')}</body></html>`;
}

/** `GET /preview/:token`: the content item as each target site will receive it. */
export function previewRoutes(deps: RouteDeps): ApiRoute[] {
  const { tasks } = deps;
  return [
    route(
      {
        method: 'get',
        path: '/preview/:token',
        access: 'public',
        tag: 'previews',
        summary: 'A preview page (unguessable URL, noindex, no scripts)',
        params: z.strictObject({ token: tokenSchema }),
        // The web app asks for its viewer's language; the default is English.
        query: z.strictObject({ lang: z.enum(['en', 'cs']).optional() }),
        produces: 'text/html',
      },
      async ({ params, query, res }) => {
        const words = PREVIEW_WORDS[query.lang ?? 'en'];
        const preview = await deps.accounts.findPreview(params.token);
        if (!preview) throw new NotFoundError('This preview does not exist or has expired.');
        const item = await tasks.getContentItem(preview.contentItemId);
        let sites: Site[] = [];
        if (preview.taskId) {
          const { task } = await tasks.getTask(preview.taskId);
          if (task.kind === 'publish')
            sites = await Promise.all(task.details.siteIds.map((id) => tasks.getSite(id)));
        }
        const body = withImageUrls(renderMarkdown(item.markdown), item, params.token);
        // A region text is no post of its own: it shows where it goes, without a title.
        const regions =
          item.kind === 'region'
            ? await Promise.all(item.regionIds.map((id) => getRegion(tasks.deps, id)))
            : [];
        const sections = regions.length
          ? regions.map(
              (r) =>
                `<section><p class="target">${escapeHtml(words.inRegion(r.label, r.page.title, r.siteName, r.siteKind))}</p><article>${body}</article></section>`,
            )
          : sites.length
            ? sites.map((s) => section(item, body, words.onSite(s.name, s.kind, s.url)))
            : (['wordpress', 'ghost', 'git'] as const).map((k) =>
                section(item, body, words.onKind(k)),
              );
        // A promotion's start and end, in the client's time: what the client approves.
        const zone = (await tasks.getClient(item.clientId)).timezone;
        const window = windowLine(item, zone, words);
        res.status(200).set({
          'Content-Type': 'text/html; charset=utf-8',
          'Content-Security-Policy': PREVIEW_CSP,
          'X-Robots-Tag': 'noindex, nofollow, noarchive',
          'Cache-Control': 'no-store',
          'Referrer-Policy': 'no-referrer',
        });
        // The app-wide X-Frame-Options: DENY would forbid the app's own frame; the CSP's
        // frame-ancestors 'self' above is what limits framing here (browsers prefer it).
        res.removeHeader('X-Frame-Options');
        res.send(page(item, sections, words, window));
        return undefined;
      },
    ),
    route(
      {
        method: 'post',
        path: '/api/v1/client/tasks/:id/preview',
        access: 'client',
        tag: 'client space',
        summary:
          'A preview link of one of my publishing tasks (to look at before approving); valid 14 days',
        params: idParams,
        success: 201,
        responses: answers(
          201,
          'The preview page and when the link ends',
          z.object({ url: z.string(), expiresAt: z.string() }),
        ),
      },
      async ({ params, who }) => {
        const clientId = clientOf(who);
        const { task } = await tasks.getTask(params.id).catch((error: unknown) => {
          if (error instanceof NotFoundError) return { task: undefined };
          throw error;
        });
        // Another client's task, or one that publishes nothing, is "not found" alike.
        if (!task || task.clientId !== clientId || task.kind !== 'publish')
          throw new NotFoundError('You have no publishing task with this id.');
        const preview = await deps.accounts.createPreview(
          task.details.contentItemId,
          { taskId: task.id },
          clientActor(clientId),
        );
        return {
          status: 201,
          json: { url: `/preview/${preview.token}`, expiresAt: preview.expiresAt },
        };
      },
    ),
    route(
      {
        method: 'get',
        path: '/preview/:token/images/:index',
        access: 'public',
        tag: 'previews',
        summary: 'An image of a preview (the n-th of its content item), for as long as the preview',
        params: z.strictObject({
          token: tokenSchema,
          index: z
            .string()
            .regex(/^\d{1,3}$/, 'must be the number of an image')
            .transform(Number),
        }),
        produces: '*/*',
      },
      async ({ params, res }) => {
        const preview = await deps.accounts.findPreview(params.token);
        if (!preview) throw new NotFoundError('This preview does not exist or has expired.');
        const item = await tasks.getContentItem(preview.contentItemId);
        const image = item.images[params.index];
        if (!image) throw new NotFoundError('This preview has no such image.');
        // The preview page is no-store; its images may be kept a little (they never change).
        await sendStoredFile(res, image, 'private, max-age=3600');
        return undefined;
      },
    ),
  ];
}
