import { z } from 'zod';
import { NotFoundError } from '../../shared/errors.js';
import { idSchema } from '../schemas/common.js';
import { attachmentSchema } from '../schemas/tasks.js';
import type { TaskService } from '../service.js';
import { threadDecisionSchema } from '../thread/thread.js';
import type { PublicationState, Task } from '../types.js';
import { invalid, parseInput } from '../validate.js';

/** The actor name written to the history for changes made through a client's link. */
export function clientActor(clientId: string): string {
  return `client:${clientId}`;
}

/** Where a text stands with the client, as she sees it (who sent it stays with the agency). */
export interface ClientApprovalView {
  round: number;
  state: 'waiting' | 'approved' | 'changes';
  note?: string;
  comment?: string;
  publishWhenApproved: boolean;
  sentAt: string;
  changes?: { title?: { from: string; to: string }; added: string[]; removed: string[] };
}

/** One site of a text being published, as the client sees it. */
export interface ClientSiteView {
  name: string;
  state: 'waiting' | 'live' | 'ended';
  /** The live page, once the site has it. */
  url?: string;
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
  /** For a publishing task: the request it answers (the thread). */
  requestId?: string;
  /** For a publishing task sent to the client: the round she is asked about. */
  approval?: ClientApprovalView;
  /** For a publishing task: each chosen site, and its live page once there. */
  sites?: ClientSiteView[];
  /** For a letter sent to her for approval: its subject and to whom it goes. */
  letter?: { subject: string; recipient: string };
  /** For a promotion: when it goes live and when it is taken down (ISO). */
  startsAt?: string;
  endsAt?: string;
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
  if (task.kind === 'publish') {
    const { requestTaskId, approval } = task.details;
    if (requestTaskId) view.requestId = requestTaskId;
    if (approval) {
      const { sentBy: _agency, decidedAt: _when, ...seen } = approval;
      view.approval = seen;
    }
  }
  if (task.kind === 'letter' && task.details.approval) {
    const { decidedAt: _when, ...seen } = task.details.approval;
    view.approval = { ...seen, publishWhenApproved: false };
    view.letter = { subject: task.details.subject, recipient: task.details.recipient.name };
  }
  return view;
}

/**
 * The kinds of task a client sees in its own space (calls and mail stay with the agency);
 * letters only once they were sent to her for approval.
 */
export const clientVisibleKinds = ['site-edit', 'publish', 'letter'] as const;

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

/** Input of decideOnTask: approve, or ask for changes (`reject`), with a comment. */
export const clientDecisionSchema = threadDecisionSchema;

/**
 * The client approves (→ `approved`, published at once when the secretary said so) or asks
 * for changes (→ `in_progress`, back to the secretary) on a task that waits for her; the
 * comment goes to the history and the event stream tells the secretary.
 */
export async function decideOnTask(
  tasks: TaskService,
  clientId: string,
  taskId: string,
  input: z.input<typeof clientDecisionSchema>,
): Promise<ClientTaskView> {
  const moved = await tasks.decideOnThread(clientId, taskId, input, {
    actor: clientActor(clientId),
  });
  return clientView(moved);
}

// A publication's state in the client's words: her page says live, waiting or failed.
const siteStates: Record<PublicationState, ClientSiteView['state']> = {
  pending: 'waiting',
  publishing: 'waiting',
  scheduled: 'waiting',
  published: 'live',
  // A failure is the secretary's to mend; for the client the page is still on its way.
  failed: 'waiting',
  cancelled: 'ended',
  unpublished: 'ended',
};

/** The client's own requests and the tasks awaiting it, newest first. */
export async function listClientTasks(
  tasks: TaskService,
  clientId: string,
  page: { limit?: number; cursor?: string },
): Promise<{ items: ClientTaskView[]; nextCursor?: string }> {
  const [result, sites] = await Promise.all([
    tasks.listTasks({ clientId, kind: [...clientVisibleKinds], ...page }),
    tasks.listSites({ clientId }),
  ]);
  // A letter she was never asked about stays with the agency (the page may come out shorter).
  const visible = result.items.filter((t) => t.kind !== 'letter' || t.details.approval);
  // "Publish to 2 sites" says little to a client; the text's own title says what it is.
  const items = await Promise.all(
    visible.map(async (task) => {
      const view = clientView(task);
      if (task.kind !== 'publish') return view;
      const [item, publications] = await Promise.all([
        tasks.getContentItem(task.details.contentItemId).catch((error: unknown) => {
          if (error instanceof NotFoundError) return undefined;
          throw error;
        }),
        tasks.listPublications({ taskId: task.id }),
      ]);
      const siteName = new Map(sites.map((s) => [s.id, s.name]));
      const onSite = new Map(publications.map((p) => [p.siteId, p]));
      view.sites = task.details.siteIds.map((siteId) => {
        const p = onSite.get(siteId);
        const state = siteStates[p?.state ?? 'pending'];
        return {
          name: siteName.get(siteId) ?? '',
          state,
          ...(state === 'live' && p?.url ? { url: p.url } : {}),
        };
      });
      if (!item) return view;
      return {
        ...view,
        contentTitle: item.title,
        ...(item.startsAt ? { startsAt: item.startsAt } : {}),
        ...(item.endsAt ? { endsAt: item.endsAt } : {}),
      };
    }),
  );
  return {
    items,
    ...(result.nextCursor ? { nextCursor: result.nextCursor } : {}),
  };
}
