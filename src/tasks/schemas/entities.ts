import { z } from 'zod';
import {
  clockTimeSchema,
  contentKinds,
  idSchema,
  instantSchema,
  languageSchema,
  siteKinds,
  slugSchema,
  timezoneSchema,
} from './common.js';
import { altTextSchema, excerptSchema, plainText, termNamesSchema, titleSchema } from './plain.js';

const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

/** When a client can be reached, in the client's own timezone. */
export const availabilitySchema = z
  .object({ day: z.enum(weekdays), from: clockTimeSchema, to: clockTimeSchema })
  .refine((w) => w.from < w.to, { message: 'from must be before to', path: ['to'] });

const clientContactSchema = z.strictObject({
  email: z.email().optional(),
  phone: z
    .string()
    .regex(/^\+?[0-9 ()./-]{3,30}$/, 'must be a phone number')
    .optional(),
  note: z.string().max(2000).optional(),
  /** Plain text put under replies sent from the client's mailboxes (after `-- `). */
  signature: z.string().trim().max(2000).optional(),
});

/** A client's fields, none with a default (a change names only what it changes). */
const clientFields = {
  name: z.string().trim().min(1).max(200),
  timezone: timezoneSchema,
  languages: z.array(languageSchema),
  contact: clientContactSchema,
  availability: z.array(availabilitySchema),
};

/** Input of createClient; the schema is the type. */
export const createClientSchema = z.strictObject({
  ...clientFields,
  languages: clientFields.languages.default([]),
  contact: clientContactSchema.default({}),
  availability: clientFields.availability.default([]),
});
export type CreateClientInput = z.input<typeof createClientSchema>;

/**
 * Input of updateClient: any field of createClient. Built from the fields without their
 * defaults: zod 4 applies a default even inside `.partial()`, which turned a change of the
 * contact alone into "no languages, no availability".
 */
export const updateClientSchema = z.strictObject(clientFields).partial();
export type UpdateClientInput = z.input<typeof updateClientSchema>;

// Settings are stored in plain text in the database, so anything that looks like a credential
// is refused here: it belongs in the SecretStore (`site:<id>`), which `sitedesk site add` fills.
const SECRET_KEY = /(pass(word)?|secret|token|api_?key|admin_?key|credential|private_?key)$/i;

function secretKeys(value: unknown, path: string[] = []): string[] {
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, inner]) => [
    ...(SECRET_KEY.test(key) ? [[...path, key].join('.')] : []),
    ...secretKeys(inner, [...path, key]),
  ]);
}

/** A site's kind-specific settings; anything that looks like a secret is refused. */
export const siteSettingsSchema = z.record(z.string(), z.unknown()).superRefine((settings, ctx) => {
  for (const key of secretKeys(settings)) {
    ctx.addIssue({
      code: 'custom',
      path: key.split('.'),
      message:
        'looks like a secret; secrets go to the secret store (sitedesk site add asks for it), never into settings',
    });
  }
});

/** A site's public address: http(s), without credentials. */
export const siteUrlSchema = z
  .url({ protocol: /^https?$/ })
  .refine((u) => !/\/\/[^/]*@/.test(u), 'must not contain a user name or password');

/** Input of createSite: settings only — never a secret. */
export const createSiteSchema = z.strictObject({
  clientId: idSchema,
  name: z.string().trim().min(1).max(200),
  kind: z.enum(siteKinds),
  url: siteUrlSchema,
  settings: siteSettingsSchema.default({}),
});
export type CreateSiteInput = z.input<typeof createSiteSchema>;

/** Input of updateSite: `settings` replaces them all; `kind` and the client stay. */
export const updateSiteSchema = z.strictObject({
  name: z.string().trim().min(1).max(200).optional(),
  url: siteUrlSchema.optional(),
  settings: siteSettingsSchema.optional(),
});
export type UpdateSiteInput = z.input<typeof updateSiteSchema>;

/** An image of a content item, by reference (the bytes stay in the data folder). */
export const imageRefSchema = z.strictObject({
  filename: plainText(255).min(1),
  contentType: z
    .string()
    .regex(/^image\/[a-z0-9.+-]+$/, 'must be an image MIME type such as image/jpeg'),
  path: z.string().min(1),
  alt: altTextSchema.optional(),
  /** The agency upload it came from (images given through the API); absent for local files. */
  uploadId: idSchema.optional(),
});

/** The fields of a content item, shared by the local input and the API's (which differ in images). */
export const contentItemFields = {
  clientId: idSchema,
  kind: z.enum(contentKinds).default('post'),
  // Plain text (schemas-plain.ts): validated here, sent to each site in the form it shows as text.
  title: titleSchema,
  /** Default: the title's slug (src/content/slug.ts), the same the web app proposes. */
  slug: slugSchema.max(200).optional(),
  markdown: z.string().trim().min(1, 'must not be empty').max(200_000),
  excerpt: excerptSchema.optional(),
  tags: termNamesSchema.default([]),
  categories: termNamesSchema.default([]),
  language: languageSchema.optional(),
  startsAt: instantSchema.optional(),
  endsAt: instantSchema.optional(),
  /** Kind `region` only, and then required: the regions (from discovery) the text fills. */
  regionIds: z
    .array(idSchema)
    .max(100)
    .refine((ids) => new Set(ids).size === ids.length, 'must not name a region twice')
    .optional(),
};

/**
 * A region item names its regions (issue 23: it used to be accepted and then fail on every
 * site); any other kind names none. Adds the issue on `regionIds`.
 */
export function regionsNamed(
  item: { kind?: string | undefined; regionIds?: string[] | undefined },
  ctx: z.RefinementCtx,
): void {
  const count = item.regionIds?.length ?? 0;
  if (item.kind === 'region' && count === 0)
    ctx.addIssue({
      code: 'custom',
      path: ['regionIds'],
      message:
        'must name at least one region (a region item fills regions found on the client’s sites; see GET /api/v1/clients/{id}/regions)',
    });
  if (item.kind !== 'region' && item.regionIds !== undefined)
    ctx.addIssue({
      code: 'custom',
      path: ['regionIds'],
      message: 'is only for items of kind "region"',
    });
}

/** Refinement: a promotion ends after it starts (`.refine(endsAfterStart, endsAfterStartIssue)`). */
export const endsAfterStart = (item: {
  startsAt?: string | null | undefined;
  endsAt?: string | null | undefined;
}): boolean => !item.startsAt || !item.endsAt || item.startsAt < item.endsAt;
/** The issue endsAfterStart reports. */
export const endsAfterStartIssue = { message: 'must be after startsAt', path: ['endsAt'] };

/** Input of createContentItem: images by local path (the CLI reads local files on purpose). */
export const createContentItemSchema = z
  .strictObject({ ...contentItemFields, images: z.array(imageRefSchema).default([]) })
  .refine(endsAfterStart, endsAfterStartIssue)
  .superRefine(regionsNamed);
export type CreateContentItemInput = z.input<typeof createContentItemSchema>;
