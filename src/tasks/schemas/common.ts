import { IANAZone } from 'luxon';
import { z } from 'zod';

/** A point in time: ISO-8601 with `Z` or an offset; stored as UTC with milliseconds. */
export const instantSchema = z.iso
  .datetime({ offset: true })
  .transform((value) => new Date(value).toISOString());

/** An IANA timezone such as `Europe/Prague`, normalised to its canonical spelling. */
export const timezoneSchema = z
  .string()
  .refine(
    (zone) => IANAZone.isValidZone(zone) && (zone.includes('/') || zone.toUpperCase() === 'UTC'),
    {
      message: 'must be an IANA timezone such as Europe/Prague or America/New_York',
    },
  )
  .transform(
    (zone) => new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone,
  );

/** An id made by the store (ULID). */
export const idSchema = z
  .string()
  .regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'must be a sitedesk id (26 characters)');

/** Who made a change, for the history: a user name, `client:<id>`, `schedule:<id>`, `system`. */
export const actorSchema = z.string().trim().min(1, 'must name who makes the change').max(200);

/** A BCP 47 language tag such as `cs` or `en-GB`. */
export const languageSchema = z
  .string()
  .regex(/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/, 'must be a language tag such as cs or en-GB');

/** Local clock time `HH:MM` (24 h). */
export const clockTimeSchema = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time such as 09:00');

/** A URL slug. */
export const slugSchema = z
  .string()
  .regex(
    /^[a-z0-9]+(?:-[a-z0-9]+)*$/,
    'must be lowercase letters, digits and single hyphens, e.g. weekly-menu',
  );

/** Who or what made a task. */
export const taskSources = ['manual', 'client', 'mail', 'schedule'] as const;
/** How urgent a task is. */
export const priorities = ['low', 'normal', 'high', 'urgent'] as const;
/** Every task status, in the order work usually flows. */
export const taskStatuses = [
  'open',
  'in_progress',
  'waiting_client',
  'approved',
  'scheduled',
  'done',
  'failed',
  'cancelled',
] as const;
export type TaskStatus = (typeof taskStatuses)[number];
/** The kinds of task. */
export const taskKinds = ['call', 'mail', 'site-edit', 'publish', 'letter'] as const;
/** The kinds of site. */
export const siteKinds = ['wordpress', 'ghost', 'git'] as const;
/** The kinds of content item. */
export const contentKinds = ['post', 'page', 'promotion', 'region'] as const;
