/**
 * Mailboxes in the database: settings (validated by the mail connector's schema, never a
 * password), the client they belong to, routes of an agency mailbox, and the last health the
 * intake reported (so `sitedesk doctor` and Today see it from another process).
 */
import { z } from 'zod';
import {
  checkMailRoutes,
  checkMailRules,
  clientMailRulesSchema,
  mailRoutesSchema,
  mailboxSettingsSchema,
  type ClientMailRules,
  type MailRoute,
  type MailboxSettings,
  type RuleProblem,
} from '../../connectors/mail/index.js';
import type { FieldIssue } from '../../shared/errors.js';
import { ConflictError, NotFoundError } from '../../shared/errors.js';
import { idSchema } from '../schemas/common.js';
import type { ServiceDeps } from '../context.js';
import { invalid, parseInput } from '../validate.js';
import { shownHealth } from './intake-heartbeat.js';
import { type MailboxesTable } from '../../store/tables/mail.js';
import { assertClientExists } from '../clients/clients.js';

/** Input of addMailbox: the connector's settings plus the client and (agency mailbox) routes. */
export const addMailboxSchema = z.strictObject({
  /** The client whose mail this is; for an agency mailbox, the client unrouted mail goes to. */
  clientId: idSchema,
  // Two characters at least: the API's mailbox paths refuse one-letter ids as typos.
  settings: mailboxSettingsSchema.refine((s) => s.id.length >= 2 && s.id.length <= 100, {
    path: ['id'],
    message: '2 to 100 characters',
  }),
  /** Agency mailbox: the first matching route names the client; unmatched mail goes to clientId. */
  routes: mailRoutesSchema.default([]),
  /** `new` skips mail already in the folder when first connected. Default `all`. */
  startFrom: z.enum(['all', 'new']).default('all'),
});
export type AddMailboxInput = z.input<typeof addMailboxSchema>;

/** A configured mailbox as the API shows it. */
export interface Mailbox {
  id: string;
  clientId: string;
  settings: MailboxSettings;
  routes: MailRoute[];
  startFrom: 'all' | 'new';
  /** The running intake's health, or `not running` (no fresh heartbeat, or its process is gone). */
  health: { state: string; reason?: string; since?: string };
  /** ISO-8601 when archived: its mails stay in tasks, the intake no longer reads it. */
  archivedAt?: string;
  createdAt: string;
}

type Row = Omit<MailboxesTable, 'updated_at'>;

function fromRow(row: Row, now: number): Mailbox {
  // Only a running intake's word counts (intake-heartbeat.ts): never a healthy from before a crash.
  const health = shownHealth(row, now);
  return {
    ...(row.archived_at ? { archivedAt: row.archived_at } : {}),
    id: row.id,
    clientId: row.client_id,
    settings: mailboxSettingsSchema.parse(JSON.parse(row.settings)),
    routes: mailRoutesSchema.parse(JSON.parse(row.routes)),
    startFrom: row.start_from === 'new' ? 'new' : 'all',
    health,
    createdAt: row.created_at,
  };
}

/** Adds a mailbox; its client and every routed client must exist, its id must be new. */
export async function addMailbox(deps: ServiceDeps, input: unknown): Promise<Mailbox> {
  const data = parseInput(addMailboxSchema, input, 'mailbox');
  const issues: FieldIssue[] = checkMailRoutes(data.routes).map((i) => ({
    ...i,
    path: `routes.${i.path}`,
  }));
  const db = deps.db;
  const clientIds = [data.clientId, ...data.routes.map((r) => r.clientId)];
  const known = new Set(
    (await db.selectFrom('clients').select('id').where('id', 'in', clientIds).execute()).map(
      (r) => r.id,
    ),
  );
  if (!known.has(data.clientId)) issues.push({ path: 'clientId', message: 'no such client' });
  data.routes.forEach((r, i) => {
    if (!known.has(r.clientId))
      issues.push({ path: `routes.${i}.clientId`, message: 'no such client' });
  });
  if (issues.length) throw invalid('mailbox', issues);
  const at = new Date(deps.clock.now()).toISOString();
  const existing = await db
    .selectFrom('mailboxes')
    .select('id')
    .where('id', '=', data.settings.id)
    .executeTakeFirst();
  if (existing) throw new ConflictError(`a mailbox "${data.settings.id}" already exists`);
  const row = {
    id: data.settings.id,
    client_id: data.clientId,
    settings: JSON.stringify(data.settings),
    routes: JSON.stringify(data.routes),
    start_from: data.startFrom,
    health_state: 'starting',
    health_reason: null,
    health_since: at,
    archived_at: null,
    health_owner: null,
    health_beat_at: null,
    health_every_ms: null,
    created_at: at,
    updated_at: at,
  };
  await db.insertInto('mailboxes').values(row).execute();
  return fromRow(row, deps.clock.now());
}

/** Every mailbox, oldest first. */
export async function listMailboxes(deps: Pick<ServiceDeps, 'db' | 'clock'>): Promise<Mailbox[]> {
  const rows = await deps.db.selectFrom('mailboxes').selectAll().orderBy('created_at').execute();
  return rows.map((row) => fromRow(row, deps.clock.now()));
}

/** One mailbox; NotFoundError when there is none. */
export async function getMailbox(
  deps: Pick<ServiceDeps, 'db' | 'clock'>,
  id: string,
): Promise<Mailbox> {
  const row = await deps.db
    .selectFrom('mailboxes')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw new NotFoundError(`no mailbox "${id}"`);
  return fromRow(row, deps.clock.now());
}

/** Saves a client's urgent-mail rules; answers the problems (rules that can never match). */
export async function setClientMailRules(
  deps: ServiceDeps,
  clientId: string,
  input: unknown,
): Promise<{ rules: ClientMailRules; problems: RuleProblem[] }> {
  const rules = parseInput(clientMailRulesSchema, input, 'mail rules');
  const db = deps.db;
  await assertClientExists(deps.db, clientId);
  const at = new Date(deps.clock.now()).toISOString();
  await db
    .insertInto('client_mail_rules')
    .values({ client_id: clientId, rules: JSON.stringify(rules), updated_at: at })
    .onConflict((oc) =>
      oc.column('client_id').doUpdateSet({ rules: JSON.stringify(rules), updated_at: at }),
    )
    .execute();
  return { rules, problems: checkMailRules(rules) };
}

/** A client's urgent-mail rules (none: no rule, nothing forwarded). */
export async function getClientMailRules(
  deps: Pick<ServiceDeps, 'db'>,
  clientId: string,
): Promise<ClientMailRules> {
  const row = await deps.db
    .selectFrom('client_mail_rules')
    .select('rules')
    .where('client_id', '=', clientId)
    .executeTakeFirst();
  return clientMailRulesSchema.parse(row ? JSON.parse(row.rules) : {});
}
