/** The answers about accounts, sign-in and the client's own page (see tasks.ts for why). */
import { z } from 'zod';
import { roles, userLanguages } from '../../tasks/accounts/index.js';
import { taskKinds } from '../../tasks/schemas/common.js';
import { taskStatuses } from '../../tasks/task-list/transitions.js';

/** An agency user. */
export const userAnswer = z.object({
  id: z.string(),
  username: z.string(),
  role: z.enum(roles),
  createdAt: z.string(),
});

/** A signed-in user with the language she chose (null until chosen: the browser's applies). */
export const signedInUserAnswer = userAnswer.extend({
  language: z.enum(userLanguages).nullable(),
});

/** The answer of login and of set-up: the user, her CSRF token, and when the session ends. */
export const signedInAnswer = z.object({
  user: signedInUserAnswer,
  csrfToken: z.string().describe('send it as X-CSRF-Token with every cookie write'),
  expiresAt: z.string(),
});

/** Who is calling: an agency user, or a client's private link. */
export const meAnswer = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('user'), user: signedInUserAnswer }),
  z.object({ kind: z.literal('client'), clientId: z.string() }),
]);

/** Whether set-up is still open (no account exists yet). */
export const setupStateAnswer = z.object({ setupOpen: z.boolean() });

/** What a private link opens: the client and its sites (names and addresses only). */
export const clientMeAnswer = z.object({
  id: z.string(),
  name: z.string(),
  timezone: z.string(),
  sites: z.array(z.object({ id: z.string(), name: z.string(), url: z.string() })),
});

/** Where a text stands with its client (who sent it stays with the agency). */
const clientApproval = z.object({
  round: z.number().int(),
  state: z.enum(['waiting', 'approved', 'changes']),
  note: z.string().optional(),
  comment: z.string().optional(),
  publishWhenApproved: z.boolean(),
  sentAt: z.string(),
  changes: z
    .object({
      title: z.object({ from: z.string(), to: z.string() }).optional(),
      added: z.array(z.string()),
      removed: z.array(z.string()),
    })
    .optional(),
});

/** What a client sees of one of her tasks: no details of calls or mail, no assignee. */
export const clientTaskAnswer = z.object({
  id: z.string(),
  kind: z.enum(taskKinds),
  title: z.string(),
  status: z.enum(taskStatuses),
  request: z.string().optional(),
  contentTitle: z.string().optional().describe('a publishing task: its text’s title'),
  requestId: z.string().optional().describe('a publishing task: the request it answers'),
  approval: clientApproval.optional().describe('the round she is asked about'),
  sites: z
    .array(
      z.object({
        name: z.string(),
        state: z.enum(['waiting', 'live', 'ended']),
        url: z.string().optional(),
      }),
    )
    .optional(),
  letter: z.object({ subject: z.string(), recipient: z.string() }).optional(),
  startsAt: z.string().optional().describe('a promotion: when it goes live'),
  endsAt: z.string().optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

/** An API token as listed (never the token itself). */
export const apiTokenAnswer = z.object({
  id: z.string(),
  name: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
});

/** A new API token with the token, shown only in this answer. */
export const newApiTokenAnswer = apiTokenAnswer.extend({
  token: z.string().describe('send it as `Authorization: Bearer <token>`'),
});
