/**
 * Templates for recurring letters (reminder, quote cover letter, thank-you): subject and body
 * with `{{field}}` placeholders, filled from the fields given with the letter. A placeholder
 * left without a value is a 400 naming it, so no letter goes out with `{{amount}}` in it.
 */
import { z } from 'zod';
import { NotFoundError, type FieldIssue } from '../../shared/errors.js';
import { appendHistory } from '../../store/index.js';
import { clientIssues } from '../task-list/references.js';
import { inTransaction, type Actor, type ServiceDeps, type Unit } from '../context.js';
import { invalid, parseInput } from '../validate.js';
import { plainLine } from './letterhead-schema.js';

/** Input of a template. */
export const letterTemplateSchema = z.strictObject({
  name: plainLine(100).pipe(z.string().min(1, 'must not be empty')),
  subject: plainLine(200).pipe(z.string().min(1, 'must not be empty')),
  body: z.string().min(1, 'must not be empty').max(100_000),
});
export type LetterTemplateInput = z.input<typeof letterTemplateSchema>;

/** A saved template. */
export interface LetterTemplate {
  id: string;
  clientId: string;
  name: string;
  subject: string;
  body: string;
  /** The placeholders it has, in order of first use. */
  fields: string[];
}

const PLACEHOLDER = /\{\{\s*([a-z][a-zA-Z0-9_]{0,40})\s*\}\}/g;

/** The placeholder names in `texts`, each once. */
export function placeholders(...texts: string[]): string[] {
  return [...new Set(texts.flatMap((t) => [...t.matchAll(PLACEHOLDER)].map((m) => m[1]!)))];
}

/** `text` with every placeholder filled; missing ones are reported under `template.fields.<name>`. */
export function fillTemplate(
  text: string,
  fields: Record<string, string>,
  issues: FieldIssue[],
): string {
  return text.replace(PLACEHOLDER, (whole, name: string) => {
    const value = fields[name];
    if (value !== undefined) return value;
    if (!issues.some((i) => i.path === `template.fields.${name}`))
      issues.push({ path: `template.fields.${name}`, message: 'the template needs this field' });
    return whole;
  });
}

type Row = { id: string; client_id: string; name: string; subject: string; body: string };
const view = (row: Row): LetterTemplate => ({
  id: row.id,
  clientId: row.client_id,
  name: row.name,
  subject: row.subject,
  body: row.body,
  fields: placeholders(row.subject, row.body),
});

/** Saves a template of `clientId`. */
export async function createLetterTemplate(
  deps: ServiceDeps,
  clientId: string,
  input: LetterTemplateInput,
  who: Actor,
): Promise<LetterTemplate> {
  const data = parseInput(letterTemplateSchema, input, 'letter template');
  return inTransaction(deps, who, async (unit) => {
    const problems = await clientIssues(unit.trx, clientId);
    if (problems.length) throw invalid('letter template', problems);
    const row = {
      id: deps.newId(),
      client_id: clientId,
      ...data,
      created_at: unit.at,
      updated_at: unit.at,
    };
    await unit.trx.insertInto('letter_templates').values(row).execute();
    await appendHistory(unit.trx, deps.newId, {
      entity: 'client',
      entityId: clientId,
      action: 'updated',
      actor: unit.actor,
      at: unit.at,
      changes: { letterTemplate: { id: row.id, name: data.name } },
    });
    return view(row);
  });
}

/** The templates of a client, by name. */
export async function listLetterTemplates(
  deps: Pick<ServiceDeps, 'db'>,
  clientId: string,
): Promise<LetterTemplate[]> {
  const rows = await deps.db
    .selectFrom('letter_templates')
    .selectAll()
    .where('client_id', '=', clientId)
    .orderBy('name')
    .execute();
  return rows.map(view);
}

/** One template; NotFoundError when missing. */
export async function getLetterTemplate(
  deps: Pick<ServiceDeps, 'db'>,
  id: string,
): Promise<LetterTemplate> {
  const row = await deps.db
    .selectFrom('letter_templates')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw new NotFoundError(`No letter template with id ${id}.`);
  return view(row);
}

/** A change of a template: only the fields given change. */
export const letterTemplateChangeSchema = letterTemplateSchema
  .partial()
  .refine((change) => Object.keys(change).length > 0, {
    message: 'must change at least one field',
    // Said only when nothing else is wrong (an unknown field is not "no change").
    when: (payload) => (payload.issues ?? []).length === 0,
  });
export type LetterTemplateChange = z.input<typeof letterTemplateChangeSchema>;

/** Template `id` of `clientId` inside `unit`; 404 for an unknown one or another client's. */
async function ownRow(unit: Unit, clientId: string, id: string): Promise<Row> {
  const row = await unit.trx
    .selectFrom('letter_templates')
    .selectAll()
    .where('id', '=', id)
    .where('client_id', '=', clientId)
    .executeTakeFirst();
  if (!row) throw new NotFoundError(`The client has no letter template with id ${id}.`);
  return row;
}

/**
 * Changes template `id` of `clientId`. A template only fills a new letter when it is written,
 * so letters already written from it keep their words.
 */
export async function updateLetterTemplate(
  deps: ServiceDeps,
  clientId: string,
  id: string,
  input: LetterTemplateChange,
  who: Actor,
): Promise<LetterTemplate> {
  const change = parseInput(letterTemplateChangeSchema, input, 'letter template change');
  return inTransaction(deps, who, async (unit) => {
    const row = { ...(await ownRow(unit, clientId, id)), ...change, updated_at: unit.at };
    await unit.trx
      .updateTable('letter_templates')
      .set({ name: row.name, subject: row.subject, body: row.body, updated_at: row.updated_at })
      .where('id', '=', id)
      .execute();
    await appendHistory(unit.trx, deps.newId, {
      entity: 'client',
      entityId: clientId,
      action: 'updated',
      actor: unit.actor,
      at: unit.at,
      changes: { letterTemplate: { id, name: row.name, changed: Object.keys(change) } },
    });
    return view(row);
  });
}

/** Deletes template `id` of `clientId`; letters written from it keep their words. */
export async function removeLetterTemplate(
  deps: ServiceDeps,
  clientId: string,
  id: string,
  who: Actor,
): Promise<{ id: string }> {
  return inTransaction(deps, who, async (unit) => {
    const row = await ownRow(unit, clientId, id);
    await unit.trx.deleteFrom('letter_templates').where('id', '=', id).execute();
    await appendHistory(unit.trx, deps.newId, {
      entity: 'client',
      entityId: clientId,
      action: 'updated',
      actor: unit.actor,
      at: unit.at,
      changes: { letterTemplateRemoved: { id, name: row.name } },
    });
    return { id };
  });
}
