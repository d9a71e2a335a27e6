/**
 * Publishing a content item as a WordPress post or page, idempotently: the existing object is
 * found first (by stored remote id, else by slug across draft/future/publish/private/pending)
 * and updated; only when none exists is one created. Always look up before creating —
 * WordPress does not refuse a duplicate slug, it quietly renames it `slug-2`.
 * A new post costs two requests: the slug lookup and the create.
 */
import { renderMarkdown } from '../../content/markdown.js';
import { plainTextProblem, toWordPressText } from '../../content/plain-text.js';
import { RemoteError, ValidationError } from '../../shared/errors.js';
import type { ContentItem, PublishOptions, PublishResult, PublishStatus } from '../types.js';
import type { WordPressClient } from './client.js';
import { uploadInlineImages, uploadMediaFile } from './media.js';
import { unsure, withRecovery, type RecoveryContext } from './recovery.js';
import { wpPostRefSchema, type WpPostRef } from './schemas.js';
import type { TermResolver } from './terms.js';

/** What publishing needs from the connector. */
export interface PublishContext extends RecoveryContext {
  client: WordPressClient;
  terms: TermResolver;
}

const REF_FIELDS = 'id,status,link,slug,date_gmt';
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** `posts` or `pages`: the REST collection of a content kind. */
export function collectionOf(kind: 'post' | 'page'): 'posts' | 'pages' {
  return kind === 'page' ? 'pages' : 'posts';
}

/** WordPress's status in sitedesk's words. */
export function publishStatusOf(wpStatus: string): PublishStatus {
  if (wpStatus === 'publish') return 'published';
  if (wpStatus === 'future') return 'scheduled';
  return 'draft';
}

/** WordPress's `date_gmt` format: UTC without a zone suffix (the field is GMT by definition). */
export function toWpDateGmt(date: Date): string {
  return date.toISOString().slice(0, 19);
}

/** Finds a post or page by slug in any status but trash. */
export async function findBySlug(
  client: WordPressClient,
  collection: string,
  slug: string,
): Promise<WpPostRef | undefined> {
  const { data } = await client.call(
    {
      route: `/wp/v2/${collection}`,
      query: { slug, status: 'any', context: 'edit', _fields: REF_FIELDS },
    },
    wpPostRefSchema.array(),
  );
  return data.sort((a, b) => a.id - b.id)[0];
}

function validate(item: ContentItem, options: PublishOptions, nowMs: number): void {
  const issues: { path: string; message: string }[] = [];
  if (item.kind === 'region')
    issues.push({
      path: 'kind',
      message: 'a region text is put into its page’s region, not published as a post of its own',
    });
  if (!SLUG.test(item.slug))
    issues.push({
      path: 'slug',
      message: "must be lowercase letters, digits and hyphens, e.g. 'summer-sale'",
    });
  if (item.title.trim() === '') issues.push({ path: 'title', message: 'must not be empty' });
  const plain = { title: plainTextProblem(item.title), excerpt: excerptProblem(item.excerpt) };
  for (const [path, message] of Object.entries(plain)) if (message) issues.push({ path, message });
  if (
    options.status === 'scheduled' &&
    (!options.publishAt || options.publishAt.getTime() <= nowMs)
  ) {
    issues.push({
      path: 'publishAt',
      message: 'a scheduled publish needs a time in the future, e.g. 2026-06-01T08:00:00Z',
    });
  }
  if (issues.length > 0)
    throw new ValidationError(
      `cannot publish "${item.slug}": ${issues.map((i) => `${i.path} ${i.message}`).join('; ')}`,
      issues,
    );
}

function excerptProblem(excerpt: string | undefined): string | undefined {
  return excerpt === undefined ? undefined : plainTextProblem(excerpt, { multiline: true });
}

/** The status and UTC date to send: `scheduled` → `future` + `date_gmt`. */
function statusFields(
  item: ContentItem,
  options: PublishOptions,
  nowMs: number,
): { status: string; date_gmt?: string } {
  const publishAt = options.publishAt ?? item.startsAt;
  const wanted =
    options.status ?? (publishAt && publishAt.getTime() > nowMs ? 'scheduled' : 'published');
  if (wanted === 'draft') return { status: 'draft' };
  if (wanted === 'scheduled' && publishAt)
    return { status: 'future', date_gmt: toWpDateGmt(publishAt) };
  return { status: 'publish' };
}

/** Creates or updates the post/page of `item`; see the module comment. */
export async function publishItem(
  context: PublishContext,
  item: ContentItem,
  options: PublishOptions = {},
): Promise<PublishResult> {
  const nowMs = context.clock.now();
  validate(item, options, nowMs);
  const { client } = context;
  const collection = collectionOf(item.kind === 'page' ? 'page' : 'post');
  const upload = (file: Parameters<typeof uploadMediaFile>[1]) =>
    withRecovery(context, `upload ${file.filename}`, () => uploadMediaFile(client, file));

  const content = await uploadInlineImages(
    client,
    renderMarkdown(item.markdown),
    item.images ?? [],
    (_, file) => upload(file),
  );
  const body: Record<string, unknown> = {
    // Plain text, escaped: WordPress keeps an administrator's title as HTML (issue 16).
    title: toWordPressText(item.title),
    slug: item.slug,
    content,
    excerpt: toWordPressText(item.excerpt ?? ''),
    ...statusFields(item, options, nowMs),
  };
  if (item.featureImage) body.featured_media = (await upload(item.featureImage)).id;
  // Pages have no tags or categories in WordPress core.
  if (collection === 'posts') {
    if (item.tags?.length) body.tags = await context.terms.ids('tags', item.tags);
    if (item.categories?.length)
      body.categories = await context.terms.ids('categories', item.categories);
  }

  const update = async (id: number, fields: Record<string, unknown> = body): Promise<WpPostRef> => {
    const { data } = await client.call(
      {
        method: 'POST',
        route: `/wp/v2/${collection}/${id}`,
        query: { _fields: REF_FIELDS },
        data: fields,
        idempotent: true,
      },
      wpPostRefSchema,
    );
    // Publishing now a post that was scheduled: WordPress keeps it `future` while its date is
    // ahead, so the date is moved to now (only then: a published post keeps its date).
    if (fields.status === 'publish' && data.status === 'future')
      return update(id, { ...fields, date_gmt: toWpDateGmt(new Date(nowMs)) });
    return data;
  };

  if (options.remoteId !== undefined) {
    try {
      return result(await update(Number(options.remoteId)), false);
    } catch (error) {
      // The stored id is stale (deleted for good, or another site's id): fall back to the slug.
      if (!(error instanceof RemoteError) || error.status !== 404) throw error;
      context.logger.info(
        { remoteId: options.remoteId, slug: item.slug },
        'wordpress: stored id not found, looking up by slug',
      );
    }
  }

  return withRecovery(context, `publish ${item.slug}`, async () => {
    const existing = await findBySlug(client, collection, item.slug);
    if (existing) return result(await update(existing.id), false);
    const { data } = await unsure(
      client.call(
        {
          method: 'POST',
          route: `/wp/v2/${collection}`,
          query: { _fields: REF_FIELDS },
          data: body,
        },
        wpPostRefSchema,
      ),
    );
    return result(data, true);
  });
}

function result(post: WpPostRef, created: boolean): PublishResult {
  return {
    remoteId: String(post.id),
    url: post.link,
    status: publishStatusOf(post.status),
    created,
  };
}
