/**
 * The meeting parts' words (issue 19): the server's meeting and calendar codes become sentences
 * in English and Czech (never the code), the calendar form's field checks are worded, and a
 * booking is filled in from its call or mail as the server would default it.
 */
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../src/ui/src/api/client.js';
import type { Task } from '../../../src/ui/src/api/types.js';
import { cs } from '../../../src/ui/src/i18n/cs.js';
import { en, type MessageKey } from '../../../src/ui/src/i18n/en.js';
import { csMeetings } from '../../../src/ui/src/i18n/meetings-cs.js';
import { enMeetings } from '../../../src/ui/src/i18n/meetings-en.js';
import { fromTask } from '../../../src/ui/src/meetings/prefill.js';
import { causeWords, fieldsOf, meetingProblem } from '../../../src/ui/src/meetings/problems.js';
import type { W } from '../../../src/ui/src/meetings/words.js';

const fill = (text: string, values?: Record<string, string | number>): string =>
  values ? text.replace(/\{(\w+)\}/g, (_, k: string) => String(values[k] ?? '')) : text;
const words =
  (catalog: typeof enMeetings): W =>
  (key, values) =>
    fill(catalog[key], values);
const app =
  (catalog: Record<MessageKey, string>) =>
  (key: MessageKey, values?: Record<string, string | number>): string =>
    fill(catalog[key], values);

const taken = new ApiError(
  409,
  'meeting_slot_taken',
  'Thu 15 Oct 2026 10:00 (Europe/Prague) was just booked by someone else; pick another time.',
);

describe('meeting problems in words', () => {
  it('says a taken slot, a missing calendar and a refused password in each language', () => {
    for (const [w, t, catalog] of [
      [words(enMeetings), app(en), enMeetings],
      [words(csMeetings), app(cs), csMeetings],
    ] as const) {
      expect(meetingProblem(taken, w, t).general).toBe(catalog.slotTaken);
      const noCalendar = new ApiError(404, 'not_found', 'Client c1 has no calendar set up yet.');
      expect(meetingProblem(noCalendar, w, t).general).toBe(catalog.noCalendar);
      const refused = new ApiError(502, 'calendar_auth_refused', 'GET … → 401');
      expect(meetingProblem(refused, w, t).general).toBe(catalog['cause.login']);
      expect(causeWords('calendar_wrong_address', w)).toBe(catalog['cause.address']);
      expect(causeWords('something_new', w)).toBe(catalog['cause.other']);
    }
    expect(meetingProblem(taken, words(csMeetings), app(cs)).general).not.toMatch(
      /meeting_slot_taken|pick another/,
    );
  });

  it('words the calendar and rules field checks by their path below the body', () => {
    const bad = new ApiError(400, 'validation_failed', 'invalid', [
      {
        path: 'body.url',
        message: 'must start with https:// (http only for a server on this machine)',
      },
      { path: 'body.hours.mon.0.to', message: 'must end after it starts' },
    ]);
    expect(fieldsOf(bad, words(csMeetings), app(cs))).toEqual({
      url: csMeetings['field.https'],
      'hours.mon.0.to': csMeetings['field.endAfterStart'],
    });
  });
});

describe('a booking filled in from its task', () => {
  const task = (kind: 'call' | 'mail', details: Record<string, unknown>): Task =>
    ({ id: 't1', clientId: 'c1', kind, title: 'x', details }) as unknown as Task;

  it('takes the caller and number from a call, the sender from a mail', () => {
    expect(
      fromTask(task('call', { caller: 'Jan Novák', number: '+420 601 234 567', message: 'Tap' })),
    ).toEqual({ name: 'Jan Novák', email: '', contact: '+420 601 234 567', note: 'Tap' });
    expect(
      fromTask(task('mail', { from: '"Eva Malá" <eva@zakaznik.example>', subject: 'Boiler' })),
    ).toEqual({ name: 'Eva Malá', email: 'eva@zakaznik.example', contact: '', note: 'Boiler' });
    expect(fromTask(task('mail', { from: 'eva@zakaznik.example' })).name).toBe(
      'eva@zakaznik.example',
    );
  });
});
