/**
 * verify() of a calendar: read-only checks, each answer naming the cause a person can fix
 * (wrong address, refused password, no calendar with that name, read-only calendar).
 */
import type { VerifyCheck, VerifyResult } from '../types.js';
import { messageOf } from '../../shared/errors.js';
import type { CalDavClient } from './client.js';
import { CalendarError } from './errors.js';
import type { CalendarSettings } from './settings.js';

/** Runs the checks in order and stops at the first that fails. Never throws. */
export async function verifyCalendar(
  settings: CalendarSettings,
  client: CalDavClient,
): Promise<VerifyResult> {
  const checks: VerifyCheck[] = [];
  const fail = (name: string, code: string, message: string, fix: string): VerifyResult => {
    checks.push({ name, ok: false, message });
    return { ok: false, checks, cause: { code, message, fix } };
  };

  let status: number;
  try {
    status = await client.probe();
  } catch (error) {
    if (error instanceof CalendarError && error.code === 'calendar_password_missing') {
      return fail(
        'password',
        error.code,
        error.message,
        `Save the app password: sitedesk secrets set calendar:${settings.id}`,
      );
    }
    return fail(
      'address',
      'calendar_unreachable',
      `${settings.url} does not answer: ${messageOf(error)}`,
      'Check the address (for example https://caldav.fastmail.com/ or https://cloud.example.com/remote.php/dav/).',
    );
  }
  if (status === 401) {
    return fail(
      'login',
      'calendar_auth_refused',
      `${settings.url} refused the user name "${settings.username}" or its password`,
      'Create an app password with the calendar provider (docs/meetings.md) and save it again; the normal login password is often refused.',
    );
  }
  if (status === 404 || status === 405 || (status >= 200 && status < 300 && status !== 207)) {
    return fail(
      'address',
      'calendar_wrong_address',
      `${settings.url} is not a CalDAV address (answered ${status})`,
      'Use the CalDAV address the provider gives (docs/meetings.md lists the common ones).',
    );
  }
  if (status >= 300) {
    return fail(
      'address',
      'calendar_unreachable',
      `${settings.url} answered ${status}`,
      'Try again later; if it stays, check the address with the provider.',
    );
  }
  checks.push({ name: 'login', ok: true, message: `logged in as ${settings.username}` });

  try {
    const found = await client.find();
    checks.push({ name: 'calendar', ok: true, message: `found calendar "${found.displayName}"` });
    if (!found.writable) {
      return fail(
        'write',
        'calendar_read_only',
        `calendar "${found.displayName}" may be read but not written by ${settings.username}`,
        'Pick a calendar the account owns, or ask the owner to share it with write access.',
      );
    }
    checks.push({ name: 'write', ok: true, message: 'meetings may be written' });
  } catch (error) {
    if (error instanceof CalendarError && error.code === 'calendar_not_found') {
      return fail(
        'calendar',
        'calendar_not_found',
        error.message,
        'Write the calendar name exactly as the calendar program shows it, or its address.',
      );
    }
    return fail('calendar', 'calendar_unreachable', messageOf(error), 'Try again later.');
  }
  return { ok: true, checks };
}
