/**
 * Meetings in the client's own calendar (issue 19), as one object the server and the CLI share:
 * a calendar and meeting rules per client, free slots read live from the calendar, booking,
 * moving and cancelling from a call or mail task, and the outbox worker that writes the event
 * (stable UID) and mails the invitation (iTIP) from the client's mailbox.
 *
 * Glossary: a *meeting* is one row per task; its *sequence* is the version the calendar and the
 * invitation must reach; the *outbox* is the worker that brings them there, by lease.
 */
import {
  createCalendarConnector,
  type CalendarConnector,
  type CalendarSettings,
} from '../../connectors/calendar/index.js';
import { createMailSender, type MailSender } from '../../connectors/mail/index.js';
import type { SecretStore } from '../../secrets/types.js';
import type { Logger } from '../../shared/logger.js';
import type { Actor } from '../context.js';
import type { TaskService } from '../service.js';
import { bookMeeting, cancelMeeting, moveMeeting } from './book.js';
import {
  getCalendar,
  getMeetingRules,
  listCalendars,
  setCalendar,
  setMeetingRules,
} from './calendars.js';
import type { MeetingContext } from './context.js';
import { createMeetingOutbox, type MeetingOutboxOptions } from './outbox.js';
import { getMeeting, listMeetings, listSlots, meetingOfTask } from './queries.js';

export type { Meeting, BookMeetingInput } from './model.js';
export type { ClientCalendar } from './calendars.js';
export type { MeetingRules, MeetingRulesInput, MeetingPlace } from './rules.js';
export type { SlotList } from './queries.js';

/** What the meeting desk needs. */
export interface MeetingDeskDeps {
  tasks: TaskService;
  secrets: SecretStore;
  logger: Logger;
  /** Builds a calendar's connector (default: CalDAV with the global fetch). */
  calendarFor?: (settings: CalendarSettings) => CalendarConnector;
}

/** Creates the meeting desk; the outbox runs only after start(). */
export function createMeetingDesk(deps: MeetingDeskDeps, options: MeetingOutboxOptions = {}) {
  const senders = new Map<string, { key: string; sender: MailSender }>();
  const logger = deps.logger.child({ area: 'meetings' });
  const ctx: MeetingContext = {
    deps: deps.tasks.deps,
    secrets: deps.secrets,
    logger,
    calendarFor:
      deps.calendarFor ??
      ((settings) => createCalendarConnector(settings, { secrets: deps.secrets })),
    senderFor(settings) {
      const key = JSON.stringify(settings);
      const known = senders.get(settings.id);
      if (known?.key === key) return known.sender;
      known?.sender.close();
      const sender = createMailSender(settings, {
        secrets: deps.secrets,
        logger,
        clock: deps.tasks.deps.clock,
      });
      senders.set(settings.id, { key, sender });
      return sender;
    },
    wake: () => outbox.wake(),
  };
  const outbox = createMeetingOutbox(ctx, options);
  return {
    /** Starts the outbox worker (takes over meetings a dead process left half-written). */
    start: () => outbox.start(),
    async stop() {
      await outbox.stop();
      for (const { sender } of senders.values()) sender.close();
      senders.clear();
    },
    /** One outbox pass now (the CLI and tests). */
    runOutbox: () => outbox.runOnce(),
    /** Writes meeting `id` the job queue handed this worker (see MeetingOutbox.deliver). */
    deliver: (id: string) => outbox.deliver(id),
    setCalendar: (clientId: string, input: unknown) => setCalendar(ctx.deps, clientId, input),
    getCalendar: (clientId: string) => getCalendar(ctx.deps, clientId),
    /** The calendars of the clients still served, with each client's name (the doctor). */
    listCalendars: () => listCalendars(ctx.deps),
    /** Checks the client's calendar (read-only) and answers with causes; never throws for the server's answer. */
    async checkCalendar(clientId: string) {
      const calendar = await getCalendar(ctx.deps, clientId);
      return ctx.calendarFor(calendar.settings).verify();
    },
    setRules: (clientId: string, input: unknown) => setMeetingRules(ctx.deps, clientId, input),
    getRules: (clientId: string) => getMeetingRules(ctx.deps, clientId),
    slots: (clientId: string, query: unknown) => listSlots(ctx, clientId, query),
    book: (taskId: string, input: unknown, who: Actor) => bookMeeting(ctx, taskId, input, who),
    move: (meetingId: string, input: unknown, who: Actor) =>
      moveMeeting(ctx, meetingId, input, who),
    cancel: (meetingId: string, who: Actor) => cancelMeeting(ctx, meetingId, who),
    get: (meetingId: string) => getMeeting(ctx, meetingId),
    ofTask: (taskId: string) => meetingOfTask(ctx, taskId),
    list: (query: unknown) => listMeetings(ctx, query),
  };
}

/** The meeting desk (see createMeetingDesk). */
export type MeetingDesk = ReturnType<typeof createMeetingDesk>;
