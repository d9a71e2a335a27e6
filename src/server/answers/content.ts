/** The answers about content items (texts), their previews, publish requests and git conflicts (see tasks.ts for why). */
import { z } from 'zod';
import { contentKinds } from '../../tasks/schemas/common.js';
import { publicationAnswer, taskAnswer } from './tasks.js';

/** A text: what gets published. Images name their upload; the server's file paths stay out. */
export const contentItemAnswer = z.object({
  id: z.string(),
  clientId: z.string(),
  kind: z.enum(contentKinds),
  title: z.string(),
  slug: z.string(),
  markdown: z.string(),
  excerpt: z.string().nullable(),
  tags: z.array(z.string()),
  categories: z.array(z.string()),
  images: z.array(
    z.object({
      filename: z.string(),
      contentType: z.string(),
      alt: z.string().optional(),
      uploadId: z.string().optional(),
      url: z.string().optional().describe('an uploaded image: where to fetch it'),
    }),
  ),
  language: z.string().nullable(),
  startsAt: z.string().nullable(),
  endsAt: z.string().nullable(),
  regionIds: z.array(z.string()).describe('kind `region`: the regions it fills'),
  createdAt: z.string(),
  updatedAt: z.string(),
  revision: z.number().int().describe('saved versions so far; a change names it as `baseRevision`'),
  siteIds: z.array(z.string()).describe('the sites chosen while it is written'),
  publishAt: z.string().nullable().describe('when she chose to publish it; null: not chosen'),
});

/** A new preview link; the token is in this answer only. */
export const previewLinkAnswer = z.object({
  id: z.string(),
  contentItemId: z.string(),
  taskId: z.string().nullable(),
  expiresAt: z.string(),
  token: z.string(),
  url: z.string().describe('the preview page, relative to this server'),
});

/** The publish task and one publication per site. */
export const publishRequestAnswer = z.object({
  task: taskAnswer,
  publications: z.array(publicationAnswer),
});

/** A git conflict: the file on the site and what sitedesk would write, side by side. */
export const publicationConflictAnswer = z.object({
  publicationId: z.string(),
  siteId: z.string(),
  path: z.string().describe('the file in the site’s repository'),
  theirs: z.string(),
  ours: z.string(),
  version: z.string().describe('the version of `theirs`; a decision names it'),
  detectedAt: z.string(),
  decision: z
    .object({ choice: z.enum(['theirs', 'ours', 'edit']), by: z.string(), at: z.string() })
    .optional(),
});

/** A file uploaded for a text or a reply; its bytes are at `url`. */
export const uploadAnswer = z.object({
  id: z.string(),
  filename: z.string(),
  contentType: z.string(),
  bytes: z.number().int(),
  url: z.string(),
  createdAt: z.string(),
});
