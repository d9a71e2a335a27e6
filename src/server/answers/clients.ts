/** The answers about clients, their sites and private links (see tasks.ts for why). */
import { z } from 'zod';
import { siteKinds } from '../../tasks/schemas/common.js';

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

const checkCause = z.object({ code: z.string(), message: z.string(), fix: z.string().optional() });

/** A site's last check; null when never checked. */
const siteCheckState = z
  .object({ ok: z.boolean(), at: z.string(), cause: checkCause.optional() })
  .nullable();

/** Each step of a check (the connector's verify()). */
const checkSteps = z.array(z.object({ name: z.string(), ok: z.boolean(), message: z.string() }));

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
  checks: checkSteps.optional(),
  secretCleared: z
    .boolean()
    .optional()
    .describe('a change of where it connects deleted its secret (set it again)'),
});

/** What a check of a site found, and the check as now stored on the site. */
export const siteCheckAnswer = z.object({
  siteId: z.string(),
  ok: z.boolean(),
  checks: checkSteps,
  cause: checkCause.optional(),
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
