/**
 * The parts of WordPress REST answers sitedesk reads, as zod schemas (loose: WordPress and
 * plugins add fields). An answer that does not fit is a `remote_bad_response`, not a crash.
 */
import { z } from 'zod';

/** A post or page as asked for with `_fields=id,status,link,slug,date_gmt`. */
export const wpPostRefSchema = z.looseObject({
  id: z.number().int(),
  status: z.string(),
  link: z.string(),
  slug: z.string(),
  date_gmt: z.string().nullable().optional(),
});
export type WpPostRef = z.infer<typeof wpPostRefSchema>;

/** A post or page with its raw content (`context=edit`). */
export const wpPostRawSchema = z.looseObject({
  id: z.number().int(),
  content: z.looseObject({ raw: z.string() }),
});

/** A full post or page as listed (`context=edit` for drafts too). */
export const wpPostSchema = z.looseObject({
  id: z.number().int(),
  status: z.string(),
  link: z.string(),
  slug: z.string(),
  date_gmt: z.string().nullable().optional(),
  title: z.looseObject({ rendered: z.string(), raw: z.string().optional() }),
});
export type WpPost = z.infer<typeof wpPostSchema>;

/** A tag or category. */
export const wpTermSchema = z.looseObject({
  id: z.number().int(),
  name: z.string(),
  slug: z.string(),
});
export type WpTerm = z.infer<typeof wpTermSchema>;

/** An uploaded attachment. */
export const wpMediaSchema = z.looseObject({
  id: z.number().int(),
  source_url: z.string(),
  slug: z.string(),
});
export type WpMedia = z.infer<typeof wpMediaSchema>;

/** `/wp/v2/users/me?context=edit`: who we are and what we may do. */
export const wpMeSchema = z.looseObject({
  id: z.number().int(),
  name: z.string().optional(),
  roles: z.array(z.string()).optional(),
  capabilities: z.record(z.string(), z.boolean()).optional(),
});

/** The REST index (`/wp-json/`). */
export const wpIndexSchema = z.looseObject({
  name: z.string().optional(),
  namespaces: z.array(z.string()),
  authentication: z.union([z.record(z.string(), z.unknown()), z.array(z.unknown())]).optional(),
});
export type WpIndex = z.infer<typeof wpIndexSchema>;

/** WordPress's error body: `{ code, message, data: { status } }`. */
export const wpErrorSchema = z.looseObject({
  code: z.string(),
  message: z.string().optional(),
  data: z.unknown().optional(),
});
