/**
 * `sitedesk meeting slots|book|move|cancel`: the free slots of a client, and meetings booked
 * from a call or mail task, written to the client's calendar and mailed to the person right
 * away (one outbox pass; `sitedesk serve` retries what could not go out).
 */
import { createMeetingDesk, type Meeting, type MeetingDesk } from '../../tasks/meetings/index.js';
import { asFlags, findClient, instantFlag, intFlag, required } from '../cli-input.js';
import { parseCommandArgs, println, type CliIo } from '../command.js';
import { ExitCode } from '../exit-codes.js';
import { commandGroup, noPositionals, onePositional } from '../group.js';
import { formatTable, localTime } from '../table.js';
import { withWorkspace, type Workspace } from '../workspace.js';

async function withDesk(
  io: CliIo,
  work: (desk: MeetingDesk, ws: Workspace) => Promise<ExitCode>,
): Promise<ExitCode> {
  return withWorkspace(io.env, async (ws) => {
    const desk = createMeetingDesk({
      tasks: ws.tasks,
      secrets: ws.secrets.store,
      logger: ws.logger,
    });
    try {
      return await work(desk, ws);
    } finally {
      await desk.stop();
    }
  });
}

/** Writes the meeting, then how far its event and invitation got. */
async function report(io: CliIo, desk: MeetingDesk, meeting: Meeting, what: string): Promise<void> {
  await desk.runOutbox();
  const after = await desk.get(meeting.id);
  println(
    io.stdout,
    `${what}: ${after.title} — ${localTime(after.start, after.timezone)} (${after.timezone}), meeting ${after.id}`,
  );
  const state =
    after.sync.state === 'done'
      ? 'in the calendar' +
        (after.person.email
          ? `; ${after.person.email} got the ${after.state === 'cancelled' ? 'cancellation' : 'invitation'}`
          : '')
      : after.sync.state === 'failed'
        ? `NOT in the calendar: ${after.sync.lastError ?? 'refused'}`
        : `waiting for the calendar (${after.sync.lastError ?? 'not written yet'}); sitedesk serve tries again`;
  println(io.stderr, state);
}

const slotsHelp = `Usage: sitedesk meeting slots --client CLIENT [--length MINUTES] [--from TIME] [--limit N]

The next free slots of the client, read now from the client's calendar and meeting rules,
shown in the client's time. --length is one of the client's meeting lengths (default the
first); --from an ISO time with offset; --limit at most 100 (default 12). The same as
GET /api/v1/clients/:id/slots.`;

const bookHelp = `Usage: sitedesk meeting book TASK --start TIME --length MINUTES --place PLACE [--title TEXT] [--person NAME] [--email ADDRESS] [--note TEXT]

Books a meeting from call or mail task TASK (its id) at --start (ISO time with offset, e.g.
2026-10-13T14:00:00+02:00, as "meeting slots" lists it). The slot is checked again in the
client's calendar; if it was just taken the booking is refused. The person defaults to the
caller or sender; with --email they get an invitation from the client's mailbox. Booking the
same again changes nothing. The same as POST /api/v1/tasks/:id/meeting.`;

const moveHelp = `Usage: sitedesk meeting move MEETING --start TIME [--length MINUTES]

Moves meeting MEETING (its id): the same event in the client's calendar gets the new time and
the person an update. The same as POST /api/v1/meetings/:id/move.`;

const cancelHelp = `Usage: sitedesk meeting cancel MEETING

Cancels meeting MEETING: its event leaves the client's calendar and the person gets a
cancellation. The same as POST /api/v1/meetings/:id/cancel.`;

const flags = {
  start: '--start',
  lengthMinutes: '--length',
  placeId: '--place',
  title: '--title',
  'person.name': '--person',
  'person.email': '--email',
  note: '--note',
};

export const meetingCommand = commandGroup(
  'meeting',
  'free slots and meetings in client calendars',
  {
    slots: {
      summary: 'the next free slots of a client, in the client’s time',
      help: slotsHelp,
      async run(argv, io) {
        const { values, positionals } = parseCommandArgs(argv, {
          client: { type: 'string' },
          length: { type: 'string' },
          from: { type: 'string' },
          limit: { type: 'string' },
        });
        noPositionals(positionals, 'meeting slots');
        return withDesk(io, async (desk, ws) => {
          const client = await findClient(
            ws.tasks,
            required(values.client, '--client', '"Plumber Dvořák"'),
            '--client',
          );
          const length = intFlag(values.length, '--length', 5, 480);
          const limit = intFlag(values.limit, '--limit', 1, 100);
          const from = instantFlag(values.from, '--from', ws.clock.now());
          const list = await asFlags(
            { lengthMinutes: '--length', from: '--from', limit: '--limit' },
            () =>
              desk.slots(client.id, {
                ...(length !== undefined ? { lengthMinutes: length } : {}),
                ...(limit !== undefined ? { limit } : {}),
                ...(from ? { from } : {}),
              }),
          );
          if (list.slots.length === 0) {
            println(
              io.stderr,
              `No free slot of ${list.lengthMinutes} minutes within the client's rules.`,
            );
            return ExitCode.ok;
          }
          println(
            io.stdout,
            formatTable(
              [`start (${list.timezone})`, 'end', '--start for "meeting book"'],
              list.slots.map((s) => [
                localTime(s.start, list.timezone),
                localTime(s.end, list.timezone).slice(11),
                s.start,
              ]),
            ),
          );
          return ExitCode.ok;
        });
      },
    },
    book: {
      summary: 'book a meeting from a call or mail task',
      help: bookHelp,
      async run(argv, io) {
        const { values, positionals } = parseCommandArgs(argv, {
          start: { type: 'string' },
          length: { type: 'string' },
          place: { type: 'string' },
          title: { type: 'string' },
          person: { type: 'string' },
          email: { type: 'string' },
          note: { type: 'string' },
        });
        const taskId = onePositional(
          positionals,
          'meeting book needs one TASK id, e.g. sitedesk meeting book 01J… --start …',
        );
        return withDesk(io, async (desk, ws) => {
          const start = instantFlag(
            required(values.start, '--start', '2026-10-13T14:00:00+02:00'),
            '--start',
            ws.clock.now(),
          );
          const length = intFlag(required(values.length, '--length', '60'), '--length', 5, 480);
          const { meeting, created } = await asFlags(flags, () =>
            desk.book(
              taskId,
              {
                start,
                lengthMinutes: length,
                placeId: required(values.place, '--place', 'office'),
                ...(values.title ? { title: values.title } : {}),
                ...(values.person
                  ? {
                      person: {
                        name: values.person,
                        ...(values.email ? { email: values.email } : {}),
                      },
                    }
                  : {}),
                ...(values.note ? { note: values.note } : {}),
              },
              ws.actor,
            ),
          );
          await report(io, desk, meeting, created ? 'Booked' : 'Already booked');
          return ExitCode.ok;
        });
      },
    },
    move: {
      summary: 'move a meeting to another time (the same event, an update to the person)',
      help: moveHelp,
      async run(argv, io) {
        const { values, positionals } = parseCommandArgs(argv, {
          start: { type: 'string' },
          length: { type: 'string' },
        });
        const id = onePositional(positionals, 'meeting move needs one MEETING id.');
        return withDesk(io, async (desk, ws) => {
          const start = instantFlag(
            required(values.start, '--start', '2026-10-14T09:00:00+02:00'),
            '--start',
            ws.clock.now(),
          );
          const length = intFlag(values.length, '--length', 5, 480);
          const meeting = await asFlags(flags, () =>
            desk.move(
              id,
              { start, ...(length !== undefined ? { lengthMinutes: length } : {}) },
              ws.actor,
            ),
          );
          await report(io, desk, meeting, 'Moved');
          return ExitCode.ok;
        });
      },
    },
    cancel: {
      summary: 'cancel a meeting (the event leaves the calendar, the person is told)',
      help: cancelHelp,
      async run(argv, io) {
        const { positionals } = parseCommandArgs(argv, {});
        const id = onePositional(positionals, 'meeting cancel needs one MEETING id.');
        return withDesk(io, async (desk, ws) => {
          const meeting = await desk.cancel(id, ws.actor);
          await report(io, desk, meeting, 'Cancelled');
          return ExitCode.ok;
        });
      },
    },
  },
);
