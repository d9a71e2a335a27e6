/**
 * The client approves a letter before it goes (issue 20), the same way she approves a site
 * text (src/tasks/thread.ts): the secretary sends it to her private link (a new round, the task
 * waits for her), she sees the PDF there and approves it or asks for changes with a comment.
 * Only an approved letter of a client who asked to see it can be sent (send.ts).
 */
import { z } from 'zod';
import { ConflictError, NotFoundError } from '../../shared/errors.js';
import { inTransaction, type Actor, type ServiceDeps } from '../context.js';
import { loadTaskRow } from '../task-list/tasks.js';
import { parseInput } from '../validate.js';
import { writeLetterDetails } from './letter-writes.js';
import { getLetter, letterPdf, type LetterTask } from './letters.js';
import { letterDetailsSchema, type LetterDetails } from './schemas.js';

/** Input of askForApproval: a word to the client with this version. */
export const letterApprovalRequestSchema = z.strictObject({
  note: z.string().trim().max(5000).optional(),
});

/** Input of decideOnLetter: the client's answer (as for texts: approve, or reject = changes). */
export const letterDecisionSchema = z.strictObject({
  decision: z.enum(['approve', 'reject']),
  comment: z.string().trim().max(5000).default(''),
});

/** Sends the letter to its client for approval: a new round; the task waits for her. */
export async function askForApproval(
  deps: ServiceDeps,
  id: string,
  input: z.input<typeof letterApprovalRequestSchema>,
  who: Actor,
): Promise<LetterTask> {
  const { note } = parseInput(letterApprovalRequestSchema, input, 'approval request');
  const letter = await getLetter(deps, id);
  if (letter.details.delivery)
    throw new ConflictError('This letter has already gone out (or is going).', {
      code: 'letter_sent',
    });
  await inTransaction(deps, who, async (unit) => {
    const row = await loadTaskRow(unit, id);
    const details = letterDetailsSchema.parse(JSON.parse(row.details));
    const next: LetterDetails = {
      ...details,
      // She asked to see this one: once sent to her, it also waits for her answer to go.
      approvalWanted: true,
      approval: {
        state: 'waiting',
        round: (details.approval?.round ?? 0) + 1,
        sentAt: unit.at,
        ...(note ? { note } : {}),
      },
    };
    await writeLetterDetails(deps, unit, row, next, 'waiting_client');
  });
  return getLetter(deps, id);
}

// A letter of this client that was sent to her; another client's is "not found" alike.
async function herLetter(deps: ServiceDeps, clientId: string, id: string): Promise<LetterTask> {
  const letter = await getLetter(deps, id).catch(() => undefined);
  if (!letter || letter.clientId !== clientId || !letter.details.approval)
    throw new NotFoundError(`No letter with id ${id} waits for you.`);
  return letter;
}

/**
 * The client's answer: approved (the task is `approved`, the secretary may send it) or changes
 * asked for with her comment (back to the secretary, `in_progress`).
 */
export async function decideOnLetter(
  deps: ServiceDeps,
  clientId: string,
  id: string,
  input: z.input<typeof letterDecisionSchema>,
  who: Actor,
): Promise<LetterTask> {
  const data = parseInput(letterDecisionSchema, input, 'decision');
  const letter = await herLetter(deps, clientId, id);
  if (letter.status !== 'waiting_client' || letter.details.approval?.state !== 'waiting')
    throw new ConflictError('This is not waiting for your decision any more.');
  await inTransaction(deps, who, async (unit) => {
    const row = await loadTaskRow(unit, id);
    const details = letterDetailsSchema.parse(JSON.parse(row.details));
    if (!details.approval)
      throw new ConflictError('This is not waiting for your decision any more.');
    const { comment: _earlier, ...round } = details.approval;
    const approve = data.decision === 'approve';
    await writeLetterDetails(
      deps,
      unit,
      row,
      {
        ...details,
        approval: {
          ...round,
          state: approve ? 'approved' : 'changes',
          ...(data.comment ? { comment: data.comment } : {}),
          decidedAt: unit.at,
        },
      },
      approve ? 'approved' : 'in_progress',
    );
  });
  return getLetter(deps, id);
}

/** The PDF of a letter sent to the client for approval (what she decides on). */
export async function clientLetterPdf(
  deps: ServiceDeps,
  clientId: string,
  id: string,
): Promise<Buffer> {
  await herLetter(deps, clientId, id);
  return (await letterPdf(deps, id)).pdf;
}
