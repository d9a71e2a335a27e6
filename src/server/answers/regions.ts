/** The answers about page regions (see tasks.ts for why). */
import { z } from 'zod';
import { siteKinds } from '../../tasks/schemas/common.js';

/** A marked part of one page of one site (`<!-- sitedesk:NAME -->` … `<!-- /sitedesk:NAME -->`). */
export const regionAnswer = z.object({
  id: z.string(),
  clientId: z.string(),
  siteId: z.string(),
  siteName: z.string(),
  siteKind: z.enum(siteKinds),
  generator: z.enum(['hugo', 'jekyll', 'eleventy', 'astro']).optional(),
  page: z.object({
    ref: z.string().describe('the WordPress or Ghost id, or the file’s path in the repository'),
    kind: z.enum(['post', 'page']),
    title: z.string(),
    url: z.string().optional(),
  }),
  name: z.string().describe('the marker’s name, e.g. `opening-hours`'),
  label: z.string().describe('what the secretary calls it'),
  content: z.string().describe('the last known text, as Markdown'),
  status: z.enum(['ok', 'missing', 'broken']),
  problem: z
    .object({ code: z.string(), message: z.string(), cause: z.string().optional() })
    .optional()
    .describe('why it is missing or broken, or why the site could not be read now'),
  checkedAt: z.string(),
  updatedAt: z.string().optional(),
  lastTaskId: z.string().optional(),
});

/** What discovery found: the regions, and the pages whose markers are broken. */
export const discoveryAnswer = z.object({
  regions: z.array(regionAnswer),
  problems: z.array(
    z.object({
      pageRef: z.string(),
      pageTitle: z.string(),
      name: z.string().describe('the name in the broken marker'),
      code: z.string(),
      message: z.string(),
    }),
  ),
});

/** The pages of the regions as they will look with the new text in them. */
export const regionPreviewAnswer = z.object({
  pages: z.array(
    z.object({
      regionId: z.string(),
      siteName: z.string(),
      pageTitle: z.string(),
      html: z.string().describe('sanitised HTML'),
    }),
  ),
});

/** The publish task and text an update made; `unchanged`: regions that already held the text. */
export const regionUpdateAnswer = z.object({
  taskId: z.string(),
  contentItemId: z.string(),
  unchanged: z.array(z.string()),
});
