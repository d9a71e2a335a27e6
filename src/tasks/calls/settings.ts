/**
 * A client's call settings: availability and forwarding rules (the calls connector's profile),
 * how taken messages reach the client (at once, or a daily digest at a local time), where they
 * go (default the client's contact e-mail), the mailbox they are sent from (default the
 * client's first mailbox), and the client's phone lines (to match telephony webhook events).
 */
import { z } from 'zod';
import {
  callProfileSchema,
  checkForwardingRules,
  digestSettingsSchema,
  type CallProfile,
} from '../../connectors/calls/index.js';
import type { FieldIssue } from '../../shared/errors.js';
import type { ServiceDeps } from '../context.js';
import { parseInput } from '../validate.js';
import { assertClientExists } from '../clients/clients.js';

const phone = z
  .string()
  .regex(/^\+?[0-9 ()./-]{3,30}$/, 'must be a phone number such as +420 601 234 567');

/** How messages taken reach the client. */
export const deliverySchema = z.discriminatedUnion('mode', [
  z.strictObject({ mode: z.literal('at-once') }),
  digestSettingsSchema.extend({ mode: z.literal('digest') }).strict(),
]);
export type Delivery = z.infer<typeof deliverySchema>;

/** Input of setCallSettings. */
export const callSettingsSchema = z.strictObject({
  profile: callProfileSchema,
  delivery: deliverySchema.default({ mode: 'at-once' }),
  notifyTo: z.email().optional(),
  mailboxId: z.string().min(1).max(100).optional(),
  lines: z.array(phone).max(50).default([]),
});
export type CallSettingsInput = z.input<typeof callSettingsSchema>;

/** A client's validated call settings. */
export interface CallSettings {
  clientId: string;
  profile: CallProfile;
  delivery: Delivery;
  notifyTo?: string;
  mailboxId?: string;
  lines: string[];
}

/** Saves a client's call settings; answers them with rules that can never match. */
export async function setCallSettings(
  deps: ServiceDeps,
  clientId: string,
  input: unknown,
): Promise<{ settings: CallSettings; problems: FieldIssue[] }> {
  const data = parseInput(callSettingsSchema, input, 'call settings');
  const db = deps.db;
  await assertClientExists(deps.db, clientId);
  const values = {
    profile: JSON.stringify(data.profile),
    delivery: JSON.stringify(data.delivery),
    notify_to: data.notifyTo ?? null,
    mailbox_id: data.mailboxId ?? null,
    lines: JSON.stringify(data.lines),
    updated_at: new Date(deps.clock.now()).toISOString(),
  };
  await db
    .insertInto('client_call_settings')
    .values({ client_id: clientId, ...values })
    .onConflict((oc) => oc.column('client_id').doUpdateSet(values))
    .execute();
  return {
    settings: { clientId, ...data },
    problems: checkForwardingRules(data.profile.forwarding).map((p) => ({
      ...p,
      path: `profile.${p.path}`,
    })),
  };
}

type Row = {
  client_id: string;
  profile: string;
  delivery: string;
  notify_to: string | null;
  mailbox_id: string | null;
  lines: string;
};

function fromRow(row: Row): CallSettings {
  const settings: CallSettings = {
    clientId: row.client_id,
    profile: callProfileSchema.parse(JSON.parse(row.profile)),
    delivery: deliverySchema.parse(JSON.parse(row.delivery)),
    lines: z.array(z.string()).parse(JSON.parse(row.lines)),
  };
  if (row.notify_to) settings.notifyTo = row.notify_to;
  if (row.mailbox_id) settings.mailboxId = row.mailbox_id;
  return settings;
}

/** A client's call settings, or undefined when none were saved. */
export async function getCallSettings(
  deps: Pick<ServiceDeps, 'db'>,
  clientId: string,
): Promise<CallSettings | undefined> {
  const row = await deps.db
    .selectFrom('client_call_settings')
    .selectAll()
    .where('client_id', '=', clientId)
    .executeTakeFirst();
  return row ? fromRow(row) : undefined;
}

/** Every client's call settings. */
export async function listCallSettings(deps: Pick<ServiceDeps, 'db'>): Promise<CallSettings[]> {
  const rows = await deps.db.selectFrom('client_call_settings').selectAll().execute();
  return rows.map(fromRow);
}
