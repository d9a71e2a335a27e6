/**
 * A client's calendar (one per client) and meeting rules, as stored. The calendar's password
 * is never here: it is `calendar:<id>` in the secret store, set separately.
 */
import { z } from 'zod';
import { calendarSettingsSchema, type CalendarSettings } from '../../connectors/calendar/index.js';
import { NotFoundError } from '../../shared/errors.js';
import { assertClientExists } from '../clients/clients.js';
import type { ServiceDeps } from '../context.js';
import { getMailbox } from '../mail/mailboxes.js';
import { invalid, parseInput } from '../validate.js';
import { DEFAULT_RULES, meetingRulesSchema, type MeetingRules } from './rules.js';

/** Input of setCalendar: the settings (their id is the calendar id) and the invitations' mailbox. */
export const setCalendarSchema = z.strictObject({
  /** The calendar's id (its secret is `calendar:<id>`); default: from the client id. Kept on a change. */
  id: calendarSettingsSchema.shape.id.optional(),
  url: calendarSettingsSchema.shape.url,
  username: calendarSettingsSchema.shape.username,
  calendar: calendarSettingsSchema.shape.calendar,
  /** The client's mailbox invitations are sent from; without one, nobody is invited by mail. */
  mailboxId: z.string().min(1).max(100).optional(),
});

/** A client's calendar as the API shows it. */
export interface ClientCalendar {
  clientId: string;
  settings: CalendarSettings;
  mailboxId?: string;
  /** The secret store account of its password. */
  secretAccount: string;
  updatedAt: string;
}

/** The calendar id of a client: the client id itself (one calendar per client). */
export function calendarIdOf(clientId: string): string {
  return (
    clientId
      .toLowerCase()
      .replace(/[^a-z0-9-]/g, '-')
      .replace(/^-+/, '') || 'calendar'
  );
}

/** Saves (creates or replaces) the calendar of a client. */
export async function setCalendar(
  deps: ServiceDeps,
  clientId: string,
  input: unknown,
): Promise<ClientCalendar> {
  const data = parseInput(setCalendarSchema, input, 'calendar');
  await assertClientExists(deps.db, clientId);
  if (data.mailboxId !== undefined) {
    const mailbox = await getMailbox(deps, data.mailboxId).catch(() => undefined);
    if (!mailbox || mailbox.clientId !== clientId) {
      throw invalid('calendar', [
        { path: 'mailboxId', message: 'must be a mailbox of this client' },
      ]);
    }
  }
  const known = await deps.db
    .selectFrom('calendars')
    .select('id')
    .where('client_id', '=', clientId)
    .executeTakeFirst();
  const settings = calendarSettingsSchema.parse({
    id: known?.id ?? data.id ?? calendarIdOf(clientId),
    url: data.url,
    username: data.username,
    calendar: data.calendar,
  });
  const at = new Date(deps.clock.now()).toISOString();
  await deps.db
    .insertInto('calendars')
    .values({
      id: settings.id,
      client_id: clientId,
      settings: JSON.stringify(settings),
      mailbox_id: data.mailboxId ?? null,
      created_at: at,
      updated_at: at,
    })
    .onConflict((oc) =>
      oc.column('client_id').doUpdateSet({
        settings: JSON.stringify(settings),
        mailbox_id: data.mailboxId ?? null,
        updated_at: at,
      }),
    )
    .execute();
  return getCalendar(deps, clientId);
}

/** The client's calendar, or NotFoundError when none is set. */
export async function getCalendar(
  deps: Pick<ServiceDeps, 'db'>,
  clientId: string,
): Promise<ClientCalendar> {
  const row = await deps.db
    .selectFrom('calendars')
    .selectAll()
    .where('client_id', '=', clientId)
    .executeTakeFirst();
  if (!row) throw new NotFoundError(`Client ${clientId} has no calendar set up yet.`);
  const settings = calendarSettingsSchema.parse(JSON.parse(row.settings));
  return {
    clientId,
    settings,
    ...(row.mailbox_id ? { mailboxId: row.mailbox_id } : {}),
    secretAccount: `calendar:${settings.id}`,
    updatedAt: row.updated_at,
  };
}

/** Saves a client's meeting rules (whole, validated). */
export async function setMeetingRules(
  deps: ServiceDeps,
  clientId: string,
  input: unknown,
): Promise<MeetingRules> {
  const rules = parseInput(meetingRulesSchema, input, 'meeting rules');
  await assertClientExists(deps.db, clientId);
  const at = new Date(deps.clock.now()).toISOString();
  await deps.db
    .insertInto('client_meeting_rules')
    .values({ client_id: clientId, rules: JSON.stringify(rules), updated_at: at })
    .onConflict((oc) =>
      oc.column('client_id').doUpdateSet({ rules: JSON.stringify(rules), updated_at: at }),
    )
    .execute();
  return rules;
}

/** A client's meeting rules; the defaults until they are set. */
export async function getMeetingRules(
  deps: Pick<ServiceDeps, 'db'>,
  clientId: string,
): Promise<MeetingRules> {
  await assertClientExists(deps.db, clientId);
  const row = await deps.db
    .selectFrom('client_meeting_rules')
    .select('rules')
    .where('client_id', '=', clientId)
    .executeTakeFirst();
  return row ? meetingRulesSchema.parse(JSON.parse(row.rules)) : DEFAULT_RULES;
}

/** The calendars of clients that are not removed, with the client's name, by client name. */
export async function listCalendars(
  deps: Pick<ServiceDeps, 'db'>,
): Promise<(ClientCalendar & { clientName: string })[]> {
  const rows = await deps.db
    .withTables<{ clients: { id: string; name: string; archived_at: string | null } }>()
    .selectFrom('calendars')
    .innerJoin('clients', 'clients.id', 'calendars.client_id')
    .select([
      'calendars.client_id as clientId',
      'calendars.settings as settings',
      'calendars.mailbox_id as mailboxId',
      'calendars.updated_at as updatedAt',
      'clients.name as clientName',
    ])
    .where('clients.archived_at', 'is', null)
    .orderBy('clients.name')
    .execute();
  return rows.map((row) => {
    const settings = calendarSettingsSchema.parse(JSON.parse(row.settings));
    return {
      clientId: row.clientId,
      clientName: row.clientName,
      settings,
      ...(row.mailboxId ? { mailboxId: row.mailboxId } : {}),
      secretAccount: `calendar:${settings.id}`,
      updatedAt: row.updatedAt,
    };
  });
}
