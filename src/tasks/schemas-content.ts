import { z } from 'zod';
import { idSchema, instantSchema, languageSchema, slugSchema } from './schemas-common.js';
import {
  contentItemFields,
  endsAfterStart,
  endsAfterStartIssue,
  regionsNamed,
} from './schemas-entities.js';
import { altTextSchema, excerptSchema, termNamesSchema } from './schemas-plain.js';
import { uploadedImageSchema } from './uploads.js';

/** Images of a content item given by upload id, their alt texts plain text; at most 20. */
const uploadedImages = z
  .array(uploadedImageSchema.extend({ alt: altTextSchema.optional() }))
  .max(20);

/**
 * Input of createContentItemFromUploads (the API's content item): images by upload id only.
 * A `path` is refused as an unknown field: an API caller may not name files on the server.
 */
export const apiContentItemSchema = z
  .strictObject({ ...contentItemFields, images: uploadedImages.default([]) })
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
  })
  .refine(endsAfterStart, endsAfterStartIssue);
export type UpdateContentItemInput = z.input<typeof updateContentItemSchema>;

/** Filter and paging of listContentItems: newest first, `cursor` is the last id of a page. */
export const listContentItemsSchema = z.strictObject({
  clientId: idSchema.optional(),
  /** Page size; default 50, at most 200. */
  limit: z.number().int().min(1).max(200).default(50),
  cursor: idSchema.optional(),
});
export type ListContentItemsInput = z.input<typeof listContentItemsSchema>;
