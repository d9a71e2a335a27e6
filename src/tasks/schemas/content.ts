import { z } from 'zod';
import { idSchema, instantSchema, languageSchema, slugSchema } from './common.js';
import {
  contentItemFields,
  endsAfterStart,
  endsAfterStartIssue,
  regionsNamed,
} from './entities.js';
import { altTextSchema, excerptSchema, termNamesSchema } from './plain.js';

/** An image of a content item as an API caller gives it: an upload id and an alt text. */
export const uploadedImageSchema = z.strictObject({
  uploadId: idSchema,
  alt: z.string().max(500).optional(),
});

/** Images of a content item given by upload id, their alt texts plain text; at most 20. */
const uploadedImages = z
  .array(uploadedImageSchema.extend({ alt: altTextSchema.optional() }))
  .max(20);

/** The sites she picked for a text and when it should go out, kept with the draft (issue 15). */
export const draftPlanFields = {
  siteIds: z.array(idSchema).max(50).optional(),
  publishAt: instantSchema.optional(),
};

/**
 * Input of createContentItemFromUploads (the API's content item): images by upload id only.
 * A `path` is refused as an unknown field: an API caller may not name files on the server.
 */
export const apiContentItemSchema = z
  .strictObject({ ...contentItemFields, ...draftPlanFields, images: uploadedImages.default([]) })
  .refine(endsAfterStart, endsAfterStartIssue)
  .superRefine(regionsNamed);
export type ApiContentItemInput = z.input<typeof apiContentItemSchema>;

/**
 * Input of updateContentItem: any of the editable fields (null clears an optional one).
 * `clientId` and `kind` stay: a post that became a page would be a second object on a site.
 */
export const updateContentItemSchema = z
  .strictObject({
    title: contentItemFields.title.optional(),
    slug: slugSchema.max(200).optional(),
    markdown: contentItemFields.markdown.optional(),
    excerpt: excerptSchema.nullable().optional(),
    tags: termNamesSchema.optional(),
    categories: termNamesSchema.optional(),
    images: uploadedImages.optional(),
    language: languageSchema.nullable().optional(),
    startsAt: instantSchema.nullable().optional(),
    endsAt: instantSchema.nullable().optional(),
    siteIds: draftPlanFields.siteIds,
    publishAt: instantSchema.nullable().optional(),
    /**
     * The revision the change was made on: when the item has been saved since (another tab or
     * person), the change is refused (409 `edit_conflict`) with the current version.
     */
    baseRevision: z.number().int().min(1).optional(),
  })
  .refine(endsAfterStart, endsAfterStartIssue);
export type UpdateContentItemInput = z.input<typeof updateContentItemSchema>;

/**
 * Where a text stands, for the editor's lists: `published` is live on at least one site,
 * `scheduled` waits to go out (or is going out) and is live nowhere yet, `draft` is neither.
 */
export const textStates = ['draft', 'scheduled', 'published'] as const;
export type TextState = (typeof textStates)[number];

/** Filter and paging of listContentItems: newest first, `cursor` is the last id of a page. */
export const listContentItemsSchema = z.strictObject({
  clientId: idSchema.optional(),
  state: z.enum(textStates).optional(),
  /** Page size; default 50, at most 200. */
  limit: z.number().int().min(1).max(200).default(50),
  cursor: idSchema.optional(),
});
export type ListContentItemsInput = z.input<typeof listContentItemsSchema>;
