/**
 * The thread: a client's request (a `site-edit` task), the text written for it (a content
 * item, linked by the request's `content_item_id`), the one `publish` task of that text (its
 * `details.requestTaskId` names the request; `details.approval` says where the client stands)
 * and its publications. Every screen reads the thread from these links; state moves only here
 * and through the publishing outbox (publications.ts, runner/outbox.ts).
 */
import type { Kysely, Selectable } from 'kysely';
import { z } from 'zod';
import { ConflictError, NotFoundError } from '../../shared/errors.js';
import { appendHistory, type Database, type TasksTable } from '../../store/index.js';
import { inTransaction, type Actor, type ServiceDeps, type Unit } from '../context.js';
import { insertContentItem } from '../content-items/items.js';
import { queuePublish } from '../publishing/publications.js';
import { checkSites } from '../task-list/references.js';
import { taskFromRow } from '../rows.js';
import { findRequestRow, findThreadTaskRow } from './queries.js';
import { idSchema } from '../schemas/common.js';
import { contentItemFields } from '../schemas/entities.js';
import { apiContentItemSchema, draftPlanFields } from '../schemas/content.js';
import { publishDetailsSchema, type Approval } from '../schemas/tasks.js';
import { applyTransition, insertTask, loadTaskRow } from '../task-list/tasks.js';
import { textChanges } from '../content-items/text-changes.js';
import type { StoredContentItem, Task } from '../types.js';
import { uploadedImageSchema, resolveUploadedImages } from '../content-items/uploads.js';
import { invalid, parseInput } from '../validate.js';

/** Input of startTextForRequest: a content item without its client (the request's is used). */
export const requestTextSchema = z
  .strictObject({
    ...contentItemFields,
    ...draftPlanFields,
    images: z.array(uploadedImageSchema).max(20).default([]),
  })
  .omit({ clientId: true });

/** Input of sendForApproval. */
export const sendForApprovalSchema = z.strictObject({
  siteIds: publishDetailsSchema.shape.siteIds,
  /** A word to the client with this version. */
  note: z.string().trim().max(5000).optional(),
  /** Approval publishes at once (default: the approved text waits for the secretary). */
  publishWhenApproved: z.boolean().default(false),
});
export type SendForApprovalInput = z.input<typeof sendForApprovalSchema>;

/** Input of decideOnThread: the client's answer to what she was shown. */
export const threadDecisionSchema = z.strictObject({
  decision: z.enum(['approve', 'reject']),
  comment: z.string().trim().max(5000).default(''),
});

/**
 * Starts the text for a client's request: saves the content item for the request's client,
 * links it to the request and moves an open request to `in_progress`, in one transaction.
 * A request has one text: a second one is a conflict that names the first.
 */
export async function startTextForRequest(
  deps: ServiceDeps,
  requestId: string,
  input: z.input<typeof requestTextSchema>,
  who: Actor,
): Promise<{ item: StoredContentItem; request: Task }> {
  const fields = parseInput(requestTextSchema, input, 'content item');
  return inTransaction(deps, who, async (unit) => {
    let row = await loadTaskRow(unit, requestId);
    if (row.kind !== 'site-edit')
      throw new ConflictError(`Task ${requestId} is not a request; only a request gets a text.`);
    if (row.content_item_id)
      throw new ConflictError(
        `The request already has its text (content item ${row.content_item_id}); open that one.`,
      );
    const data = parseInput(
      apiContentItemSchema,
      { ...fields, clientId: row.client_id },
      'content item',
    );
    const images = await resolveUploadedImages(unit.trx, data.images, 'content item');
    const item = await insertContentItem(deps, unit, { ...data, images });
    row = await setTaskColumns(unit, row, { content_item_id: item.id });
    await appendHistory(unit.trx, deps.newId, {
      entity: 'task',
      entityId: row.id,
      taskId: row.id,
      action: 'text-started',
      actor: unit.actor,
      at: unit.at,
      changes: { contentItemId: item.id, title: item.title },
    });
    const request =
      row.status === 'open'
        ? await applyTransition(deps, unit, row, 'in_progress')
        : announce(unit, row, ['content_item_id']);
    return { item, request };
  });
}

/**
 * Sends a text to its client for approval: its one publish task (made now, or the one it
 * has) takes the chosen sites and a new approval round, and waits for the client. The round
 * says what changed since the version she saw before. A text being published cannot be sent.
 */
export async function sendForApproval(
  deps: ServiceDeps,
  contentItemId: string,
  input: SendForApprovalInput,
  who: Actor,
): Promise<Task> {
  const data = parseInput(sendForApprovalSchema, input, 'approval request');
  return inTransaction(deps, who, async (unit) => {
    const item = await unit.trx
      .selectFrom('content_items')
      .selectAll()
      .where('id', '=', contentItemId)
      .executeTakeFirst();
    if (!item) throw new NotFoundError(`No content item with id ${contentItemId}.`);
    const siteIssues = await checkSites(unit.trx, item.client_id, data.siteIds, 'siteIds');
    if (siteIssues.length) throw invalid('approval request', siteIssues);
    const request = await findRequestRow(unit.trx, contentItemId);
    const existing = await findThreadTaskRow(unit.trx, contentItemId);
    if (existing?.status === 'scheduled')
      throw new ConflictError(
        `The text “${item.title}” is being published right now; send it for approval once its sites are done.`,
      );
    const before = existing ? parseDetails(existing).approval : undefined;
    const snapshot = { title: item.title, markdown: item.markdown };
    const previous = existing ? await lastSentSnapshot(unit.trx, existing.id) : undefined;
    const approval: Approval = {
      round: (before?.round ?? 0) + 1,
      state: 'waiting',
      ...(data.note ? { note: data.note } : {}),
      publishWhenApproved: data.publishWhenApproved,
      sentAt: unit.at,
      sentBy: unit.actor,
      ...(previous ? { changes: textChanges(previous, snapshot) } : {}),
    };
    const details = {
      contentItemId,
      siteIds: data.siteIds,
      ...(request ? { requestTaskId: request.id } : {}),
      approval,
    };
    let task: Task;
    if (!existing) {
      task = await insertTask(
        deps,
        unit,
        {
          kind: 'publish',
          clientId: item.client_id,
          title: `Publish “${item.title}”`,
          priority: 'normal',
          source: 'manual',
          details,
        },
        { status: 'waiting_client' },
      );
    } else {
      const row = await setTaskColumns(unit, existing, { details: JSON.stringify(details) });
      task =
        row.status === 'waiting_client'
          ? announce(unit, row, ['details'])
          : await applyTransition(deps, unit, row, 'waiting_client', undefined, {
              reopen: true,
            });
    }
    await appendHistory(unit.trx, deps.newId, {
      entity: 'task',
      entityId: task.id,
      taskId: task.id,
      action: 'approval-sent',
      actor: unit.actor,
      at: unit.at,
      changes: {
        round: approval.round,
        ...(data.note ? { note: data.note } : {}),
        siteIds: data.siteIds,
        publishWhenApproved: data.publishWhenApproved,
        snapshot,
      },
    });
    if (request?.status === 'open') await applyTransition(deps, unit, request, 'in_progress');
    return task;
  });
}

/**
 * The client's answer on a task that waits for her: a text's approval round is approved
 * (published at once when the secretary said so) or sent back with her comment; any other
 * waiting task moves the same way. Another client's task is "not found", never "forbidden".
 */
export async function decideOnThread(
  deps: ServiceDeps,
  clientId: string,
  taskId: string,
  input: z.input<typeof threadDecisionSchema>,
  who: Actor,
): Promise<Task> {
  const data = parseInput(threadDecisionSchema, input, 'decision');
  return inTransaction(deps, who, async (unit) => {
    let row = await loadTaskRow(unit, taskId).catch((error: unknown) => {
      throw error instanceof NotFoundError
        ? new NotFoundError(`No task with id ${taskId}.`)
        : error;
    });
    if (row.client_id !== clientId) throw new NotFoundError(`No task with id ${taskId}.`);
    if (row.status !== 'waiting_client')
      throw new ConflictError(`This is not waiting for your decision any more.`);
    const approve = data.decision === 'approve';
    const approval = row.kind === 'publish' ? parseDetails(row).approval : undefined;
    if (approval) {
      const { comment: _earlier, ...rest } = approval;
      const decided: Approval = {
        ...rest,
        state: approve ? 'approved' : 'changes',
        ...(data.comment ? { comment: data.comment } : {}),
        decidedAt: unit.at,
      };
      const details = { ...parseDetails(row), approval: decided };
      row = await setTaskColumns(unit, row, { details: JSON.stringify(details) });
    }
    const task = await applyTransition(deps, unit, row, approve ? 'approved' : 'in_progress', '', {
      changes: {
        decision: data.decision,
        ...(data.comment ? { comment: data.comment } : {}),
        ...(approval ? { round: approval.round } : {}),
      },
    });
    if (!approve || !approval?.publishWhenApproved) return task;
    const details = parseDetails(row);
    const queued = await queuePublish(
      deps,
      unit,
      { contentItemId: details.contentItemId, siteIds: details.siteIds, taskId },
      'client',
    );
    return queued.task;
  });
}

const idList = z.array(idSchema);

function parseDetails(row: Selectable<TasksTable>): z.output<typeof publishDetailsSchema> {
  const raw = JSON.parse(row.details) as Record<string, unknown>;
  const parsed = publishDetailsSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  // Rows are written through the schema; an older row without the newer fields still reads.
  return {
    contentItemId: String(raw.contentItemId),
    siteIds: idList.catch([]).parse(raw.siteIds),
  };
}

// The title and text the client saw in the newest round, from its history entry.
async function lastSentSnapshot(
  trx: Kysely<Database>,
  taskId: string,
): Promise<{ title: string; markdown: string } | undefined> {
  const entry = await trx
    .selectFrom('history')
    .select('changes')
    .where('task_id', '=', taskId)
    .where('action', '=', 'approval-sent')
    .orderBy('id', 'desc')
    .executeTakeFirst();
  if (!entry) return undefined;
  const snapshot = (JSON.parse(entry.changes) as { snapshot?: unknown }).snapshot;
  const parsed = z.object({ title: z.string(), markdown: z.string() }).safeParse(snapshot);
  return parsed.success ? parsed.data : undefined;
}

// Writes columns of a task row with a new version; answers the row as it now is.
async function setTaskColumns(
  unit: Unit,
  row: Selectable<TasksTable>,
  columns: Partial<Pick<Selectable<TasksTable>, 'content_item_id' | 'details'>>,
): Promise<Selectable<TasksTable>> {
  const next = { ...row, ...columns, version: row.version + 1, updated_at: unit.at };
  await unit.trx
    .updateTable('tasks')
    .set({ ...columns, version: next.version, updated_at: unit.at })
    .where('id', '=', row.id)
    .execute();
  return next;
}

// Tells listeners (the web app, the client's page) that a task changed without a status move.
function announce(unit: Unit, row: Selectable<TasksTable>, fields: string[]): Task {
  const task = taskFromRow(row);
  unit.emit({ type: 'task.updated', task, actor: unit.actor, fields });
  return task;
}
