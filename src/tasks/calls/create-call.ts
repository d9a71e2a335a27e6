/**
 * A call task with the decision the secretary needs at that moment: forward now or take a
 * message, and why (from the client's availability and forwarding rules). A message taken is
 * queued for the client (call_messages) in the same transaction as the task; clients who want
 * messages at once get it right after the commit, the others in the daily digest.
 */
import { z } from 'zod';
import { decideCall, type CallDecision } from '../../connectors/calls/index.js';
import type { Actor } from '../context.js';
import { inTransaction } from '../context.js';
import { idSchema, instantSchema, priorities } from '../schemas/common.js';
import { callDetailsSchema, createTaskSchema } from '../schemas/tasks.js';
import { insertTask } from '../task-list/tasks.js';
import type { Task } from '../types.js';
import { parseInput } from '../validate.js';
import type { MailContext } from '../mail/context.js';
import { deliverAtOnce } from './deliver.js';
import { getCallSettings } from './settings.js';

/** Input of createCallTask: the call; `at` defaults to now. */
export const createCallSchema = z.strictObject({
  clientId: idSchema,
  caller: callDetailsSchema.shape.caller,
  number: callDetailsSchema.shape.number,
  at: instantSchema.optional(),
  topic: z.string().trim().max(500).optional(),
  message: z.string().max(10_000).default(''),
  callbackWanted: z.boolean().default(false),
  priority: z.enum(priorities).optional(),
  eventId: z.string().max(200).optional(),
  recordingUrl: z.url().max(2000).optional(),
  via: callDetailsSchema.shape.via,
});
export type CreateCallInput = z.input<typeof createCallSchema>;

/** The task and the decision shown to the secretary. */
export interface CallOutcome {
  task: Task;
  decision: CallDecision;
}

/** Creates a call task with its forward-or-message decision. */
export async function createCallTask(
  ctx: MailContext,
  input: CreateCallInput,
  who: Actor,
): Promise<CallOutcome> {
  const call = parseInput(createCallSchema, input, 'call');
  const at = call.at ?? new Date(ctx.deps.clock.now()).toISOString();
  const settings = await getCallSettings(ctx.deps, call.clientId);
  const decision: CallDecision = settings
    ? decideCall(settings.profile, {
        number: call.number,
        callerName: call.caller,
        at: Date.parse(at),
        ...(call.topic ? { topic: call.topic } : {}),
      })
    : // Without hours or rules nothing goes through: take a message.
      { action: 'take-message', why: { code: 'no-settings' } };
  const queued = decision.action === 'take-message';
  const data = parseInput(
    createTaskSchema,
    {
      kind: 'call',
      clientId: call.clientId,
      ...(call.priority ? { priority: call.priority } : {}),
      details: {
        caller: call.caller,
        number: call.number,
        at,
        message: call.message,
        callbackWanted: call.callbackWanted,
        ...(call.topic ? { topic: call.topic } : {}),
        decision,
        ...(queued ? { delivery: { state: 'waiting' } } : {}),
        ...(call.eventId ? { eventId: call.eventId } : {}),
        ...(call.recordingUrl ? { recordingUrl: call.recordingUrl } : {}),
        ...(call.via ? { via: call.via } : {}),
      },
    },
    'call',
  );
  const task = await inTransaction(ctx.deps, who, async (unit) => {
    const created = await insertTask(ctx.deps, unit, data, { status: 'open' });
    if (queued) {
      await unit.trx
        .insertInto('call_messages')
        .values({
          task_id: created.id,
          client_id: call.clientId,
          at: Date.parse(at),
          state: 'waiting',
          digest_due: null,
          sent_at: null,
          detail: null,
        })
        .execute();
    }
    return created;
  });
  if (queued && settings?.delivery.mode !== 'digest') {
    return { task: await deliverAtOnce(ctx, task.id), decision };
  }
  return { task, decision };
}
