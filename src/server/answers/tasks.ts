/**
 * The answers about tasks, their history and publications (RouteSpec `responses`): what the
 * routes send, checked under the test runner (src/server/api/answer-check.ts), and the source
 * of the web app's generated types.
 */
import { z } from 'zod';
import { priorities, taskKinds, taskSources } from '../../tasks/schemas/common.js';
import { taskStatuses } from '../../tasks/task-list/transitions.js';
import type { PublicationState } from '../../tasks/types.js';

/** The states of a publication. */
export const publicationStates = [
  'pending',
  'publishing',
  'published',
  'scheduled',
  'failed',
  'cancelled',
  'unpublished',
] as const satisfies readonly PublicationState[];

/** One task; `details` depends on `kind` (docs/api-guide.md describes each kind's). */
export const taskAnswer = z.object({
  id: z.string(),
  clientId: z.string(),
  kind: z.enum(taskKinds),
  status: z.enum(taskStatuses),
  title: z.string(),
  priority: z.enum(priorities),
  dueAt: z.string().nullable(),
  assignee: z.string().nullable(),
  source: z.enum(taskSources),
  details: z.record(z.string(), z.unknown()),
  contentItemId: z
    .string()
    .nullable()
    .describe('the text of a publish task, or the text written for a client’s request'),
  scheduleId: z.string().nullable(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

/** One history entry: who did what, when; `changes` depends on `action`. */
export const historyEntryAnswer = z.object({
  id: z.string(),
  entity: z
    .string()
    .describe('`task`, `publication`, `content_item`, `schedule`, `client` or `site`'),
  entityId: z.string(),
  action: z.string(),
  actor: z.string(),
  at: z.string(),
  changes: z.unknown(),
});

/** One content item on one site. */
export const publicationAnswer = z.object({
  id: z.string(),
  taskId: z.string(),
  contentItemId: z.string(),
  siteId: z.string(),
  state: z.enum(publicationStates),
  remoteId: z.string().nullable(),
  url: z.string().nullable(),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  nextAttemptAt: z.string().nullable(),
  verifiedAt: z.string().nullable(),
  nextVerifyAt: z.string().nullable(),
  owner: z.string().nullable().optional().describe('while publishing: the runner working on it'),
  leaseUntil: z
    .string()
    .nullable()
    .optional()
    .describe('while publishing: when its runner’s lease runs out (past: the runner is gone)'),
  createdAt: z.string(),
  updatedAt: z.string(),
});

/** A task with its history (oldest first) and its publications. */
export const taskWithHistoryAnswer = z.object({
  task: taskAnswer,
  history: z.array(historyEntryAnswer),
  publications: z.array(publicationAnswer),
});

/** The request a text answers and its publish task, when they exist. */
export const threadAnswer = z.object({
  request: taskAnswer.optional(),
  task: taskAnswer.optional().describe('absent until the text is sent or published'),
});

/** One promotion live on at least one site. */
export const livePromotionAnswer = z.object({
  taskId: z.string(),
  clientId: z.string(),
  contentItemId: z.string(),
  title: z.string(),
  startsAt: z.string().nullable(),
  endsAt: z
    .string()
    .describe('when it is taken down; may have passed while the take-down is still to be done'),
  sites: z.array(z.object({ siteId: z.string(), url: z.string().nullable() })),
});
