/**
 * A failed meeting call in the secretary's words: the server's codes (slot just taken, no
 * calendar, calendar trouble) become sentences of this area; anything else goes the app's way.
 */
import { ApiError } from '../api/client.js';
import type { T } from '../i18n/i18n.js';
import { formErrors, type FormErrors } from '../parts/errors.js';
import { fieldWords } from '../parts/server-words.js';
import type { MeetingKey, W } from './words.js';

/** verify()'s and the calendar layer's causes this area words itself. */
const CAUSES: Record<string, MeetingKey> = {
  calendar_password_missing: 'cause.password',
  calendar_auth_refused: 'cause.login',
  calendar_unreachable: 'cause.unreachable',
  calendar_wrong_address: 'cause.address',
  calendar_not_found: 'cause.calendar',
  calendar_read_only: 'cause.readOnly',
  calendar_request_failed: 'cause.unreachable',
  calendar_data_invalid: 'cause.unreachable',
};

/** The sentence for a calendar cause code (verify's or an error's). */
export function causeWords(code: string, w: W): string {
  const key = CAUSES[code];
  return key ? w(key) : w('cause.other');
}

/** Whether the API said the slot was just taken (409 meeting_slot_taken). */
export function isSlotTaken(err: unknown): boolean {
  return err instanceof ApiError && err.code === 'meeting_slot_taken';
}

/** Field messages and a general sentence for a failed meeting call. */
export function meetingProblem(
  err: unknown,
  w: W,
  t: T,
  fields: readonly string[] = [],
): FormErrors {
  if (err instanceof ApiError) {
    if (err.code === 'meeting_slot_taken') return { fields: {}, general: w('slotTaken') };
    if (err.code === 'meeting_exists') return { fields: {}, general: w('alreadyBooked') };
    if (err.code === 'meeting_cancelled') return { fields: {}, general: w('wasCancelled') };
    if (err.status === 404 && /calendar/i.test(err.message))
      return { fields: {}, general: w('noCalendar') };
    if (err.status === 503 && err.code === 'meetings_unavailable')
      return { fields: {}, general: w('unavailable') };
    if (err.code.startsWith('calendar_')) return { fields: {}, general: causeWords(err.code, w) };
  }
  return formErrors(err, t, fields);
}

/** The rules' and calendar's own field messages (src/tasks/meetings, connectors/calendar). */
const FIELD_MESSAGES: [RegExp, MeetingKey][] = [
  [/must start with https:\/\//, 'field.https'],
  [/^a web address/, 'field.url'],
  [/^a time of day/, 'field.clock'],
  [/^must end after it starts/, 'field.endAfterStart'],
  [/^place ids must differ/, 'field.placesDiffer'],
  [/^Too small: expected number to be >=(\d+)/, 'field.atLeast'],
  [/^Too big: expected number to be <=(\d+)/, 'field.atMost'],
  [/^Invalid input: expected int|^Invalid input: expected number/, 'field.number'],
];

/** One API field message in this area's words; else the app's (fieldWords via formErrors). */
export function fieldMessage(message: string, w: W): string | undefined {
  for (const [re, key] of FIELD_MESSAGES) {
    const m = re.exec(message);
    if (m) return w(key, { n: m[1] ?? '' });
  }
  return undefined;
}

/** Each wrong field by its path below the body (`hours.mon.0.to`), in words. */
export function fieldsOf(err: unknown, w: W, t: T): Record<string, string> {
  if (!(err instanceof ApiError)) return {};
  const out: Record<string, string> = {};
  for (const d of err.details) {
    const path = d.path.replace(/^body\./, '');
    out[path] ??= fieldMessage(d.message, w) ?? fieldWords(d.message, t);
  }
  return out;
}
