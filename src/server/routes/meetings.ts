import { z } from 'zod';
import { CalendarError } from '../../connectors/calendar/index.js';
import { calendarSecretAccount } from '../../secrets/account.js';
import { setCalendarSchema } from '../../tasks/meetings/calendars.js';
import {
  bookMeetingSchema,
  moveMeetingSchema,
  slotsQuerySchema,
} from '../../tasks/meetings/model.js';
import { listMeetingsSchema } from '../../tasks/meetings/queries.js';
import { meetingRulesSchema } from '../../tasks/meetings/rules.js';
import type { MeetingDesk } from '../../tasks/meetings/index.js';
import { actorOf, route, type ApiRoute } from '../api/define.js';
import type { RouteDeps } from '../api/deps.js';
import { idParams } from '../api/params.js';
import { HttpError } from '../http-errors.js';
import {
  calendarAnswer,
  meetingAnswer,
  meetingRulesAnswer,
  slotListAnswer,
} from '../answers/meetings.js';
import { verifyAnswer } from '../answers/checks.js';
import { answers } from '../answers/page.js';

/** The meeting desk, or 503 when the server was started without it. */
function requireMeetings(meetings: MeetingDesk | undefined): MeetingDesk {
  if (!meetings)
    throw new HttpError(503, 'meetings_unavailable', 'This server was started without meetings.');
  return meetings;
}

/**
 * The client's calendar did not answer or refused (no password saved, wrong password, gone):
 * a 502 with the calendar's own code and words, not an unexplained 500.
 */
async function orCalendarTrouble<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (!(error instanceof CalendarError)) throw error;
    throw new HttpError(502, error.code, `The client’s calendar: ${error.message}`);
  }
}

// A query string carries every value as text.
const slotsQuery = slotsQuerySchema.extend({
  limit: z.coerce.number().int().min(1).max(100).optional(),
});

/** A client's calendar and meeting rules, free slots, and meetings booked from call and mail tasks. */
export function meetingRoutes(deps: RouteDeps): ApiRoute[] {
  const desk = () => requireMeetings(deps.meetings);
  return [
    route(
      {
        method: 'get',
        path: '/api/v1/clients/:id/calendar',
        access: 'agency',
        tag: 'meetings',
        summary:
          'A client’s calendar (CalDAV address, login name, calendar; never the password); null when none',
        params: idParams,
        responses: answers(
          200,
          'The calendar, null when none',
          z.object({ calendar: calendarAnswer.nullable() }),
        ),
      },
      async ({ params }) => {
        await deps.tasks.getClient(params.id);
        const calendar = await desk()
          .getCalendar(params.id)
          .catch(() => null);
        return { json: { calendar } };
      },
    ),
    route(
      {
        method: 'put',
        path: '/api/v1/clients/:id/calendar',
        access: 'agency',
        tag: 'meetings',
        summary: 'Set a client’s calendar; its password goes to the secret store as calendar:<id>',
        params: idParams,
        body: setCalendarSchema,
        responses: answers(200, 'The saved calendar', z.object({ calendar: calendarAnswer })),
      },
      async ({ params, body }) => ({
        json: { calendar: await desk().setCalendar(params.id, body) },
      }),
    ),
    route(
      {
        method: 'put',
        path: '/api/v1/clients/:id/calendar/password',
        access: 'agency',
        tag: 'meetings',
        summary:
          'Save the calendar’s (app) password in the secret store (calendar:<id>); never answered back',
        params: idParams,
        body: z.strictObject({ password: z.string().min(1, 'must not be empty').max(4096) }),
        responses: answers(
          200,
          'Saved, and under which secret store account',
          z.object({ saved: z.literal(true), account: z.string() }),
        ),
      },
      async ({ params, body }) => {
        const calendar = await desk().getCalendar(params.id);
        await deps.secrets.set(calendarSecretAccount(calendar.settings.id), body.password);
        return { json: { saved: true, account: calendar.secretAccount } };
      },
    ),
    route(
      {
        method: 'post',
        path: '/api/v1/clients/:id/calendar/check',
        access: 'agency',
        tag: 'meetings',
        summary:
          'Check the client’s calendar (read-only): address, login, calendar, write access — with causes',
        params: idParams,
        responses: answers(200, 'What the check found', verifyAnswer),
      },
      async ({ params }) => ({ json: await desk().checkCalendar(params.id) }),
    ),
    route(
      {
        method: 'get',
        path: '/api/v1/clients/:id/meeting-rules',
        access: 'agency',
        tag: 'meetings',
        summary:
          'A client’s meeting rules (hours per weekday, lengths, buffer, days ahead, places)',
        params: idParams,
        responses: answers(200, 'The rules', z.object({ rules: meetingRulesAnswer })),
      },
      async ({ params }) => ({ json: { rules: await desk().getRules(params.id) } }),
    ),
    route(
      {
        method: 'put',
        path: '/api/v1/clients/:id/meeting-rules',
        access: 'agency',
        tag: 'meetings',
        summary: 'Save a client’s meeting rules',
        params: idParams,
        body: meetingRulesSchema,
        responses: answers(200, 'The saved rules', z.object({ rules: meetingRulesAnswer })),
      },
      async ({ params, body }) => ({ json: { rules: await desk().setRules(params.id, body) } }),
    ),
    route(
      {
        method: 'get',
        path: '/api/v1/clients/:id/slots',
        access: 'agency',
        tag: 'meetings',
        summary:
          'The next free slots, read live from the client’s calendar and rules (times in UTC, with the client’s zone)',
        params: idParams,
        query: slotsQuery,
        responses: answers(200, 'The free slots', slotListAnswer),
      },
      async ({ params, query }) => ({
        json: await orCalendarTrouble(() => desk().slots(params.id, query)),
      }),
    ),
    route(
      {
        method: 'get',
        path: '/api/v1/meetings',
        access: 'agency',
        tag: 'meetings',
        summary:
          'Meetings, soonest first: of one client or all, of one local day (`day=YYYY-MM-DD`) or upcoming',
        query: listMeetingsSchema,
        responses: answers(
          200,
          'The meetings, soonest first',
          z.object({ meetings: z.array(meetingAnswer) }),
        ),
      },
      async ({ query }) => ({ json: { meetings: await desk().list(query) } }),
    ),
    route(
      {
        method: 'get',
        path: '/api/v1/tasks/:id/meeting',
        access: 'agency',
        tag: 'meetings',
        summary: 'The meeting booked from a task; null when none',
        params: idParams,
        responses: answers(
          200,
          'The meeting, null when none',
          z.object({ meeting: meetingAnswer.nullable() }),
        ),
      },
      async ({ params }) => ({ json: { meeting: (await desk().ofTask(params.id)) ?? null } }),
    ),
    route(
      {
        method: 'post',
        path: '/api/v1/tasks/:id/meeting',
        access: 'agency',
        tag: 'meetings',
        summary:
          'Book a meeting from a call or mail task (the slot is checked again now); 409 when it was just taken; the same booking again answers the first',
        params: idParams,
        body: bookMeetingSchema,
        success: 201,
        responses: {
          ...answers(201, 'The booked meeting', z.object({ meeting: meetingAnswer })),
          ...answers(200, 'The same booking made before', z.object({ meeting: meetingAnswer })),
        },
      },
      async ({ params, body, who }) => {
        const { meeting, created } = await orCalendarTrouble(() =>
          desk().book(params.id, body, actorOf(who)),
        );
        return { status: created ? 201 : 200, json: { meeting } };
      },
    ),
    route(
      {
        method: 'post',
        path: '/api/v1/meetings/:id/move',
        access: 'agency',
        tag: 'meetings',
        summary:
          'Move a meeting: the same event gets the new time and the person an update; 409 when the time is taken',
        params: idParams,
        body: moveMeetingSchema,
        responses: answers(200, 'The moved meeting', z.object({ meeting: meetingAnswer })),
      },
      async ({ params, body, who }) => ({
        json: {
          meeting: await orCalendarTrouble(() => desk().move(params.id, body, actorOf(who))),
        },
      }),
    ),
    route(
      {
        method: 'post',
        path: '/api/v1/meetings/:id/cancel',
        access: 'agency',
        tag: 'meetings',
        summary:
          'Cancel a meeting: the event leaves the calendar and the person gets a cancellation',
        params: idParams,
        responses: answers(200, 'The cancelled meeting', z.object({ meeting: meetingAnswer })),
      },
      async ({ params, who }) => ({
        json: { meeting: await desk().cancel(params.id, actorOf(who)) },
      }),
    ),
  ];
}
