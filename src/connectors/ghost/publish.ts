/**
 * publish() for Ghost: find the post (by remote id, else slug), place images, then update it
 * with the `updated_at` just read, or create it. A new post costs two requests (lookup,
 * create) plus one per new image. Idempotent: a repeated publish finds what the first one
 * made; a create whose answer was lost is recovered by looking the slug up again.
 */
import { renderMarkdown } from '../../content/markdown.js';
import { ValidationError } from '../../shared/errors.js';
import type { Clock } from '../../shared/clock.js';
import type { Logger } from '../../shared/logger.js';
import type { ContentItem, PublishOptions, PublishResult, PublishStatus } from '../types.js';
import type {
  GhostClient,
  GhostPost,
  GhostPostInput,
  GhostResource,
  ReadOptions,
  WriteOptions,
} from './client.js';
import { GhostRemoteError } from './errors.js';
import { knownUploads, placeFeatureImage, placeImages } from './images.js';
import { checkGhostPlainFields, ghostTagName } from './plain-fields.js';

/** What publishing needs besides the item. */
export interface PublishContext {
  client: GhostClient;
  clock: Clock;
  logger: Logger;
  /** Extra attempts to recover a create whose outcome is unknown. */
  retries: number;
  /** Wait before recovery attempt `n` (0-based), in ms. */
  backoff(attempt: number): number;
}

/**
 * Columns a lookup asks for. Naming fields also makes Ghost skip its default relations
 * (tags, authors, email, tiers …): a smaller answer, measured ~8% faster on Ghost 5.130.
 */
export const LOOKUP_FIELDS = 'id,slug,status,updated_at,published_at,url,feature_image';

/** The Ghost collection an item belongs to. */
export function resourceOf(kind: ContentItem['kind']): GhostResource {
  if (kind === 'region') {
    throw new ValidationError(
      'a region text is put into its page’s region, not published as a post of its own',
      [{ path: 'kind', message: 'use "post", "page" or "promotion"' }],
    );
  }
  return kind === 'page' ? 'pages' : 'posts';
}

function plannedStatus(
  item: ContentItem,
  options: PublishOptions,
  now: number,
): { status: PublishStatus; at?: Date } {
  const at = options.publishAt ?? item.startsAt;
  const status =
    options.status ?? (item.startsAt && item.startsAt.getTime() > now ? 'scheduled' : 'published');
  if (status !== 'scheduled') return { status };
  if (!at || at.getTime() <= now) {
    throw new ValidationError('a scheduled publish needs a time in the future', [
      {
        path: 'publishAt',
        message: `give a future time, e.g. ${new Date(now + 3_600_000).toISOString()}`,
      },
    ]);
  }
  return { status, at };
}

/** Creates or updates `item` on Ghost. */
export async function publishToGhost(
  ctx: PublishContext,
  item: ContentItem,
  options: PublishOptions = {},
): Promise<PublishResult> {
  const resource = resourceOf(item.kind);
  checkGhostPlainFields(item);
  const plan = plannedStatus(item, options, ctx.clock.now());
  // The current HTML is only needed to recognise inline images already uploaded.
  const lookup: ReadOptions = {
    fields: LOOKUP_FIELDS,
    formats: item.images?.length ? 'html' : undefined,
  };
  const found = findExisting(ctx.client, resource, item.slug, options.remoteId, lookup);
  // Render while the lookup is on the wire.
  const rendered = renderMarkdown(item.markdown);
  const existing = await found;

  const known = knownUploads(existing?.html, existing?.feature_image);
  const upload = (file: Parameters<GhostClient['uploadImage']>[0]) => ctx.client.uploadImage(file);
  const html = await placeImages(rendered, item.images ?? [], known, upload);
  const input: GhostPostInput = {
    title: item.title,
    slug: item.slug,
    html,
    custom_excerpt: item.excerpt ?? null,
    ...(item.tags ? { tags: item.tags.map((name) => ({ name: ghostTagName(name.trim()) })) } : {}),
    ...(item.featureImage
      ? {
          feature_image: await placeFeatureImage(item.featureImage, known, upload),
          feature_image_alt: item.featureImage.alt ?? null,
        }
      : { feature_image: null }),
  };

  const newsletter = resource === 'posts' ? options.newsletter : undefined;
  const write: WriteOptions = { sourceHtml: true };
  let post: GhostPost;
  let created = false;
  let newsletterPlanned = false;
  if (!existing) {
    // Ghost sends a newsletter only on the edit that publishes: create a draft first then.
    const firstStatus = newsletter && plan.status !== 'draft' ? 'draft' : plan.status;
    post = await createRecovering(
      ctx,
      resource,
      { ...input, ...statusFields(firstStatus, plan.at) },
      write,
    );
    created = true;
    newsletterPlanned = firstStatus !== plan.status;
  } else {
    post = existing;
    newsletterPlanned = Boolean(newsletter) && plan.status !== 'draft' && post.status === 'draft';
  }
  if (existing || newsletterPlanned) {
    const fields = { ...input, ...statusFields(plan.status, plan.at, post) };
    const withNewsletter: WriteOptions =
      newsletterPlanned && newsletter
        ? { ...write, newsletter: newsletter.slug, emailSegment: newsletter.segment }
        : write;
    post = await updateFresh(ctx, resource, post, fields, withNewsletter);
  }

  return {
    remoteId: post.id,
    url: post.url ?? '',
    status: toPublishStatus(post.status),
    created,
    ...(options.newsletter
      ? { newsletter: newsletterOutcome(resource, post, newsletterPlanned) }
      : {}),
  };
}

async function findExisting(
  client: GhostClient,
  resource: GhostResource,
  slug: string,
  remoteId: string | undefined,
  lookup: ReadOptions,
): Promise<GhostPost | undefined> {
  if (remoteId) {
    const byId = await client.read(resource, remoteId, lookup);
    if (byId) return byId;
  }
  return client.findBySlug(resource, slug, lookup);
}

/**
 * The status fields of a write. A post already live keeps its original published_at; a
 * scheduled one gets the planned time.
 */
function statusFields(
  status: PublishStatus,
  at: Date | undefined,
  current?: GhostPost,
): Pick<GhostPostInput, 'status' | 'published_at'> {
  if (status === 'scheduled') return { status, published_at: at?.toISOString() ?? null };
  if (status === 'published' && current?.status === 'published') return { status };
  if (status === 'published') return { status, published_at: null };
  return { status };
}

/** Creates; when the answer is lost (reset, timeout, 5xx) looks for the slug before trying again. */
async function createRecovering(
  ctx: PublishContext,
  resource: GhostResource,
  input: GhostPostInput,
  write: WriteOptions,
): Promise<GhostPost> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await ctx.client.create(resource, input, write);
    } catch (error) {
      if (!(error instanceof GhostRemoteError) || !error.retryable || attempt >= ctx.retries)
        throw error;
      ctx.logger.warn(
        { code: error.code, url: error.url, attempt: attempt + 1 },
        'ghost create outcome unknown; checking before retrying',
      );
      await ctx.clock.sleep(error.retryAfterMs ?? ctx.backoff(attempt));
      const made = input.slug
        ? await ctx.client.findBySlug(resource, input.slug, { fields: LOOKUP_FIELDS })
        : undefined;
      if (made) return made;
    }
  }
}

/**
 * Edits with the `updated_at` last read. On 409 (someone saved in between) re-reads and tries
 * once more with the fresh `updated_at`; a second collision is reported, never forced.
 */
export async function updateFresh(
  ctx: Pick<PublishContext, 'client' | 'logger'>,
  resource: GhostResource,
  current: GhostPost,
  input: GhostPostInput,
  write: WriteOptions,
): Promise<GhostPost> {
  try {
    return await ctx.client.update(
      resource,
      current.id,
      { ...input, updated_at: current.updated_at },
      write,
    );
  } catch (error) {
    if (!(error instanceof GhostRemoteError) || error.remoteCode !== 'UpdateCollisionError')
      throw error;
    ctx.logger.warn(
      { url: error.url, details: error.ghostError?.details },
      'ghost post changed since it was read; re-reading once',
    );
    const fresh = await ctx.client.read(resource, current.id, {
      fields: 'id,slug,status,updated_at',
    });
    if (!fresh) throw error;
    return ctx.client.update(
      resource,
      current.id,
      { ...input, updated_at: fresh.updated_at },
      write,
    );
  }
}

function toPublishStatus(status: string): PublishStatus {
  if (status === 'scheduled' || status === 'draft') return status;
  return 'published'; // "published" and "sent" (e-mail only) are both out
}

function newsletterOutcome(
  resource: GhostResource,
  post: GhostPost,
  planned: boolean,
): { sent: boolean; detail: string } {
  if (resource === 'pages') return { sent: false, detail: 'pages cannot be sent as a newsletter' };
  if (!planned) {
    return {
      sent: false,
      detail: 'not sent: Ghost e-mails a post only on the publish that takes it live from draft',
    };
  }
  const email = post.email;
  if (post.status === 'scheduled')
    return {
      sent: false,
      detail: `scheduled: Ghost e-mails it when it goes live (${post.published_at ?? ''})`,
    };
  if (!email) return { sent: false, detail: 'Ghost created no e-mail (is the newsletter active?)' };
  if (email.email_count === 0)
    return {
      sent: false,
      detail:
        'Ghost created the e-mail but it has no recipients (no members subscribed in that segment)',
    };
  // Ghost hands the e-mail to its mail provider in the background: "pending" means accepted.
  const sent = email.status !== 'failed';
  const count = email.email_count == null ? '' : ` to ${email.email_count} recipient(s)`;
  return { sent, detail: `e-mail ${email.status}${count}${email.error ? `: ${email.error}` : ''}` };
}
