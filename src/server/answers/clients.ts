/** The answers about clients, their sites and private links (see tasks.ts for why). */
import { z } from 'zod';
import { siteKinds } from '../../tasks/schemas/common.js';
import { checkCauseAnswer, checkStepsAnswer } from './checks.js';

/** A business the secretary works for. */
export const clientAnswer = z.object({
  id: z.string(),
  name: z.string(),
  timezone: z.string(),
  languages: z.array(z.string()),
  contact: z.object({
    email: z.string().optional(),
    phone: z.string().optional(),
    note: z.string().optional(),
    signature: z.string().optional(),
  }),
  availability: z.array(
    z.object({
      day: z.enum(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']),
      from: z.string().describe('HH:MM, the client’s local time'),
      to: z.string(),
    }),
  ),
  createdAt: z.string(),
  updatedAt: z.string(),
  archivedAt: z.string().optional().describe('when it was archived; absent while in use'),
});

/** A site's last check; null when never checked. */
const siteCheckState = z
  .object({ ok: z.boolean(), at: z.string(), cause: checkCauseAnswer.optional() })
  .nullable();

/** A website of a client; its secret is never sent, only whether the secret store holds one. */
export const siteAnswer = z.object({
  id: z.string(),
  clientId: z.string(),
  name: z.string(),
  kind: z.enum(siteKinds),
  url: z.string(),
  settings: z.record(z.string(), z.unknown()),
  createdAt: z.string(),
  updatedAt: z.string(),
  archivedAt: z.string().optional(),
  hasSecret: z.boolean(),
  check: siteCheckState,
});

/** A site just added or changed: `checks` when it was checked now. */
export const changedSiteAnswer = siteAnswer.extend({
  checks: checkStepsAnswer.optional(),
  secretCleared: z
    .boolean()
    .optional()
    .describe('a change of where it connects deleted its secret (set it again)'),
});

/** What a check of a site found, and the check as now stored on the site. */
export const siteCheckAnswer = z.object({
  siteId: z.string(),
  ok: z.boolean(),
  checks: checkStepsAnswer,
  cause: checkCauseAnswer.optional(),
  check: siteCheckState,
});

/** A client's private link as listed; the token is never in it. */
export const clientLinkAnswer = z.object({
  id: z.string(),
  clientId: z.string(),
  label: z.string(),
  createdAt: z.string(),
  expiresAt: z.string(),
  revokedAt: z.string().nullable(),
  lastUsedAt: z
    .string()
    .nullable()
    .describe('when it last opened the client’s page (to the minute), null if never'),
});

/** A new private link with its token, shown only in this answer. */
export const newClientLinkAnswer = clientLinkAnswer.extend({ token: z.string() });

/** A client just archived: its sites archived with it, its running schedules paused. */
export const clientArchiveAnswer = z.object({
  client: clientAnswer,
  archivedAt: z.string().describe('when it was archived (the first time, on a repeated call)'),
  siteIds: z.array(z.string()),
  pausedScheduleIds: z.array(z.string()),
});

/** A site removed: deleted when nothing named it, else archived (kept for the history). */
export const siteRemovalAnswer = z.object({
  id: z.string(),
  removal: z.enum(['deleted', 'archived']),
});

/** What a final removal needs to know about an archived client. */
export const removalStateAnswer = z.object({
  clientId: z.string(),
  name: z.string(),
  archivedAt: z.string().nullable(),
  lastExport: z
    .object({
      at: z.string(),
      actor: z.string(),
      file: z.string(),
      bytes: z.number().int(),
      sha256: z.string(),
    })
    .nullable(),
  lastChangeAt: z.string(),
  exportCurrent: z.boolean().describe('an export newer than the last change exists'),
});

/** What a final removal removed. */
export const finalRemovalAnswer = z.object({
  clientId: z.string(),
  removedAt: z.string(),
  rows: z.record(z.string(), z.number().int()).describe('rows deleted per table'),
  secrets: z.number().int(),
  files: z.number().int(),
  filesLeft: z.array(z.string()).describe('files that could not be deleted'),
  compacted: z.boolean().describe('whether the database file was rewritten without free space'),
});
