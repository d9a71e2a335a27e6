/**
 * Letter tasks: made and changed only after every check that needs the letterhead (the
 * address fits the window, the body is safe, the reply and uploads belong to the client), and
 * their PDF made on demand and kept (what the client approves and what goes out).
 */
import { DateTime } from 'luxon';
import { ConflictError, type FieldIssue } from '../../shared/errors.js';
import { getClient } from '../clients/clients.js';
import { inTransaction, type Actor, type ServiceDeps } from '../context.js';
import { getTask } from '../task-list/queries.js';
import { insertTask, updateTask } from '../task-list/tasks.js';
import type { Task } from '../types.js';
import { invalid, parseInput } from '../validate.js';
import {
  addressProblems,
  bodyProblems,
  createLetterSchema,
  letterChangeSchema,
  letterContentSchema,
  type CreateLetterInput,
  type LetterContent,
} from './letter-input.js';
import { PDF_WORDS, renderLetterPdf } from './letter-pdf.js';
import { letterheadForPdf } from './letterheads.js';
import type { LetterDetails } from './schemas.js';
import { fillTemplate, getLetterTemplate } from './templates.js';

/** A letter task. */
export type LetterTask = Extract<Task, { kind: 'letter' }>;

/** The default date line of each language (luxon formats). */
const DATE_FORMATS = { cs: 'd. M. yyyy', en: 'd MMMM yyyy' } as const;

/** Every issue of `content` for client `clientId` (letterhead, window, body, references). */
async function contentIssues(
  deps: ServiceDeps,
  clientId: string,
  content: LetterContent & { replyTo?: string },
): Promise<FieldIssue[]> {
  const issues: FieldIssue[] = [...bodyProblems(content.body)];
  const head = await letterheadForPdf(deps, content.letterheadId).catch(() => undefined);
  if (!head || head.clientId !== clientId)
    issues.push({ path: 'letterheadId', message: 'no letterhead of this client has this id' });
  else if (head.archived)
    issues.push({ path: 'letterheadId', message: 'this letterhead was removed; choose another' });
  else issues.push(...addressProblems(content.recipient, head.head));
  const db = deps.db;
  if (content.replyTo) {
    const mail = await db
      .selectFrom('tasks')
      .select(['client_id', 'kind'])
      .where('id', '=', content.replyTo)
      .executeTakeFirst();
    if (mail?.kind !== 'mail' || mail.client_id !== clientId)
      issues.push({ path: 'replyTo', message: 'no mail task of this client has this id' });
  }
  for (const [field, ids] of [
    ['attachments', content.attachments],
    ['dictation', content.dictation],
  ] as const) {
    if (ids.length === 0) continue;
    const found = await deps.db.selectFrom('uploads').select('id').where('id', 'in', ids).execute();
    ids.forEach((id, i) => {
      if (!found.some((f) => f.id === id))
        issues.push({ path: `${field}.${i}`, message: 'no upload has this id' });
    });
  }
  return issues;
}

/** Makes a letter task (status `open`); a template fills subject and body from its fields. */
export async function createLetter(
  deps: ServiceDeps,
  input: CreateLetterInput,
  who: Actor,
): Promise<LetterTask> {
  const data = parseInput(createLetterSchema, input, 'letter');
  let subject = data.subject;
  let body = data.body;
  if (data.template) {
    const template = await getLetterTemplate(deps, data.template.id).catch(() => undefined);
    if (!template || template.clientId !== data.clientId)
      throw invalid('letter', [
        { path: 'template.id', message: 'no template of this client has this id' },
      ]);
    const issues: FieldIssue[] = [];
    const fields = { name: data.recipient.name, ...data.template.fields };
    subject = fillTemplate(subject ?? template.subject, fields, issues);
    body = fillTemplate(body.trim() === '' ? template.body : body, fields, issues);
    if (issues.length) throw invalid('letter', issues);
  }
  if (!subject) throw invalid('letter', [{ path: 'subject', message: 'must not be empty' }]);
  const details = parseInput(
    letterContentSchema,
    { ...pickContent({ ...data, subject }), body },
    'letter',
  );
  const issues = await contentIssues(deps, data.clientId, { ...details, replyTo: data.replyTo });
  if (issues.length) throw invalid('letter', issues);
  return inTransaction(deps, who, async (unit) => {
    const task = await insertTask(
      deps,
      unit,
      {
        kind: 'letter',
        clientId: data.clientId,
        priority: 'normal',
        source: 'manual',
        ...(data.dueAt ? { dueAt: data.dueAt } : {}),
        details: { ...details, ...(data.replyTo ? { replyTo: data.replyTo } : {}) },
      },
      { status: 'open' },
    );
    return task as LetterTask;
  });
}

function pickContent(data: LetterContent): LetterContent {
  const { letterheadId, recipient, subject, body, attachments, dictation, approvalWanted } = data;
  return { letterheadId, recipient, subject, body, attachments, dictation, approvalWanted };
}

/** The letter task `id`; a 400 when the task is of another kind. */
export async function getLetter(deps: Pick<ServiceDeps, 'db'>, id: string): Promise<LetterTask> {
  const { task } = await getTask(deps, id);
  if (task.kind !== 'letter')
    throw invalid('letter', [{ path: 'taskId', message: 'this task is not a letter' }]);
  return task;
}

/** Changes what a letter says; refused once it went out (or is going). */
export async function updateLetter(
  deps: ServiceDeps,
  id: string,
  input: Partial<LetterContent> & { expectedVersion?: number },
  who: Actor,
): Promise<LetterTask> {
  const letter = await getLetter(deps, id);
  if (letter.details.delivery && letter.details.delivery.state !== 'failed')
    throw new ConflictError(
      'This letter has already gone out (or is going); write a new one instead.',
      { code: 'letter_sent' },
    );
  const { expectedVersion, ...change } = input;
  const content = parseInput(letterChangeSchema, change, 'letter change');
  const merged = parseInput(
    letterContentSchema,
    { ...pickContent(letter.details), ...content },
    'letter change',
  );
  const issues = await contentIssues(deps, letter.clientId, {
    ...merged,
    replyTo: letter.details.replyTo,
  });
  if (issues.length) throw invalid('letter change', issues);
  // A change after the client's decision needs a new decision.
  const approval = letter.details.approval && {
    ...letter.details.approval,
    state: 'changes' as const,
  };
  const details: Partial<LetterDetails> = {
    ...merged,
    ...(approval && letter.details.approval?.state === 'approved' ? { approval } : {}),
  };
  const updated = await updateTask(
    deps,
    id,
    { details, ...(expectedVersion ? { expectedVersion } : {}) },
    who,
  );
  return updated as LetterTask;
}

/** The date line of a letter made at `at` in the client's zone and the letterhead's format. */
export function letterDate(
  at: number,
  zone: string,
  head: { language: 'cs' | 'en'; dateFormat?: string | undefined },
): { printed: string; day: string; year: number } {
  const local = DateTime.fromMillis(at, { zone }).setLocale(head.language);
  return {
    printed: local.toFormat(head.dateFormat ?? DATE_FORMATS[head.language]),
    day: local.toISODate() ?? '',
    year: local.year,
  };
}

/**
 * Makes the letter's PDF now (dated today in the client's zone, numbered when `number` is
 * given) and keeps it as the letter's latest PDF.
 */
export async function makeLetterPdf(
  deps: ServiceDeps,
  letter: LetterTask,
  options: { number?: string; at?: number } = {},
): Promise<Buffer> {
  const at = options.at ?? deps.clock.now();
  const { head } = await letterheadForPdf(deps, letter.details.letterheadId);
  const client = await getClient(deps, letter.clientId);
  const date = letterDate(at, client.timezone, head);
  const pdf = await renderLetterPdf({
    letterhead: head,
    recipient: letter.details.recipient,
    subject: letter.details.subject,
    body: letter.details.body,
    date: date.printed,
    ...(options.number ? { number: options.number } : {}),
    at,
  });
  const row = {
    task_id: letter.id,
    version: letter.version,
    pdf: pdf.toString('base64'),
    created_at: new Date(at).toISOString(),
  };
  await deps.db
    .insertInto('letter_pdfs')
    .values(row)
    .onConflict((oc) =>
      oc
        .column('task_id')
        .doUpdateSet({ version: row.version, pdf: row.pdf, created_at: row.created_at }),
    )
    .execute();
  return pdf;
}

/** The PDF of a letter: what went out when it did, else a fresh draft (kept as the latest). */
export async function letterPdf(
  deps: ServiceDeps,
  id: string,
): Promise<{ pdf: Buffer; final: boolean }> {
  const letter = await getLetter(deps, id);
  const sent = await deps.db
    .selectFrom('letter_register')
    .select('pdf')
    .where('task_id', '=', id)
    .executeTakeFirst();
  if (sent) return { pdf: Buffer.from(sent.pdf, 'base64'), final: true };
  return { pdf: await makeLetterPdf(deps, letter), final: false };
}

/** Words the letter's PDF prints that other layers need (the draft mark). */
export const letterWords = PDF_WORDS;
