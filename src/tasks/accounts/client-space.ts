import { z } from 'zod';
import { ConflictError, NotFoundError } from '../../shared/errors.js';
import { idSchema } from '../schemas-common.js';
import { attachmentSchema } from '../schemas-tasks.js';
import type { TaskService } from '../service.js';
import type { Task } from '../types.js';
import { invalid, parseInput } from '../validate.js';

/** The actor name written to the history for changes made through a client's link. */
export function clientActor(clientId: string): string {
  return `client:${clientId}`;
}

/** What a client may see of a task: no details of calls or mail, no assignee. */
export interface ClientTaskView {
  id: string;
  kind: Task['kind'];
  title: string;
  status: Task['status'];
  request?: string;
  /** For a publishing task: the title of the text it publishes (the list names it). */
  contentTitle?: string;
  createdAt: string;
  updatedAt: string;
}

/** The client's view of a task. */
export function clientView(task: Task): ClientTaskView {
  const view: ClientTaskView = {
    id: task.id,
    kind: task.kind,
    title: task.title,
    status: task.status,
    createdAt: task.createdAt,
    updatedAt: task.updatedAt,
  };
  if (task.kind === 'site-edit') view.request = task.details.request;
  return view;
}

/** The kinds of task a client sees in its own space (calls and mail stay with the agency). */
export const clientVisibleKinds = ['site-edit', 'publish'] as const;

/** Input of submitClientRequest (attachments were already checked and saved by the caller). */
export const clientRequestSchema = z.strictObject({
  request: z.string().trim().min(1, 'must say what should change').max(20_000),
  siteId: idSchema.optional(),
  attachments: z.array(attachmentSchema).max(10).default([]),
});

/** A client asks for a change on its site: a `site-edit` task with source `client`. */
export async function submitClientRequest(
  tasks: TaskService,
  clientId: string,
  input: z.input<typeof clientRequestSchema>,
): Promise<ClientTaskView> {
  const data = parseInput(clientRequestSchema, input, 'request');
  if (data.siteId !== undefined) {
    const sites = await tasks.listSites({ clientId });
    if (!sites.some((s) => s.id === data.siteId))
      throw invalid('request', [{ path: 'siteId', message: 'is not one of your sites' }]);
  }
  const firstLine = data.request.split('\n')[0]?.slice(0, 120) ?? 'Change request';
  const task = await tasks.createTask(
    {
      kind: 'site-edit',
      clientId,
      source: 'client',
      title: `Client request: ${firstLine}`,
      details: { request: data.request, siteId: data.siteId, attachments: data.attachments },
    },
    { actor: clientActor(clientId) },
  );
  return clientView(task);
}

/** Input of decideOnTask: approve or reject what the client was shown, with a comment. */
export const clientDecisionSchema = z.strictObject({
  decision: z.enum(['approve', 'reject']),
  comment: z.string().trim().max(5000).default(''),
});

/**
 * The client approves (→ `approved`) or rejects (→ `in_progress`, back to the secretary) a task
 * that waits for it; the comment goes to the history and the event stream tells the secretary.
 * A task of another client is "not found", never "forbidden".
 */
export async function decideOnTask(
  tasks: TaskService,
  clientId: string,
  taskId: string,
  input: z.input<typeof clientDecisionSchema>,
): Promise<ClientTaskView> {
  const data = parseInput(clientDecisionSchema, input, 'decision');
  const { task } = await tasks.getTask(taskId).catch((error: unknown) => {
    throw error instanceof NotFoundError ? new NotFoundError(`No task with id ${taskId}.`) : error;
  });
  if (task.clientId !== clientId) throw new NotFoundError(`No task with id ${taskId}.`);
  if (task.status !== 'waiting_client')
    throw new ConflictError(
      `Task ${taskId} is not waiting for your decision (it is ${task.status}).`,
    );
  const to = data.decision === 'approve' ? 'approved' : 'in_progress';
  const note = `${data.decision === 'approve' ? 'approved' : 'rejected'} by the client${data.comment ? `: ${data.comment}` : ''}`;
  const moved = await tasks.transitionTask(taskId, to, {
    actor: clientActor(clientId),
    note,
    expectedVersion: task.version,
  });
  return clientView(moved);
}

/** The client's own requests and the tasks awaiting it, newest first. */
export async function listClientTasks(
  tasks: TaskService,
  clientId: string,
  page: { limit?: number; cursor?: string },
): Promise<{ items: ClientTaskView[]; nextCursor?: string }> {
  const result = await tasks.listTasks({ clientId, kind: [...clientVisibleKinds], ...page });
  // "Publish to 2 sites" says little to a client; the text's own title says what it is.
  const items = await Promise.all(
    result.items.map(async (task) => {
      const view = clientView(task);
      if (task.kind !== 'publish') return view;
      const item = await tasks
        .getContentItem(task.details.contentItemId)
        .catch((error: unknown) => {
          if (error instanceof NotFoundError) return undefined;
          throw error;
        });
      return item ? { ...view, contentTitle: item.title } : view;
    }),
  );
  return {
    items,
    ...(result.nextCursor ? { nextCursor: result.nextCursor } : {}),
  };
}
