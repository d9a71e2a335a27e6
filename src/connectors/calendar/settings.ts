/**
 * A client's calendar: the CalDAV address, the login name and which calendar of the account.
 * The password (usually an app password) is not a setting: it lives in the SecretStore under
 * `calendar:<id>`, read at each use so a replaced one takes effect at the next attempt.
 */
import { z } from 'zod';
import { calendarSecretAccount } from '../../secrets/account.js';
import type { SecretStore } from '../../secrets/types.js';
import { ConfigError } from '../../shared/errors.js';
import { CalendarError } from './errors.js';

/** Calendar settings; unknown keys are refused, never dropped. */
export const calendarSettingsSchema = z.strictObject({
  /** sitedesk's id of the calendar; the secret account is `calendar:<id>`. */
  id: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]*$/, 'lowercase letters, digits and hyphens, e.g. "bakery"'),
  /**
   * The provider's CalDAV address (e.g. https://caldav.fastmail.com/) or the calendar's own
   * address; http only for a server on this machine.
   */
  url: z
    .url({ protocol: /^https?$/, error: 'a web address, e.g. "https://caldav.fastmail.com/"' })
    .refine(
      (u) => u.startsWith('https:') || /^http:\/\/(127\.0\.0\.1|localhost|\[::1\])[:/]/.test(u),
      'must start with https:// (http only for a server on this machine)',
    ),
  /** The login name (often the e-mail address of the account). */
  username: z.string().min(1).max(200),
  /** Which calendar: its name as the calendar program shows it, or its address. */
  calendar: z.string().min(1).max(200),
});

export type CalendarSettings = z.infer<typeof calendarSettingsSchema>;

/** Parses calendar settings; a ConfigError names each wrong field and shows an example. */
export function parseCalendarSettings(input: unknown): CalendarSettings {
  const result = calendarSettingsSchema.safeParse(input);
  if (result.success) return result.data;
  const details = result.error.issues.map((issue) => ({
    path: issue.path.join('.'),
    message: issue.message,
  }));
  throw new ConfigError(
    `calendar settings are invalid (${details.map((d) => `${d.path}: ${d.message}`).join('; ')}). ` +
      'E.g. {"id":"bakery","url":"https://caldav.fastmail.com/","username":"shop@bakery.example","calendar":"Meetings"}',
    { details },
  );
}

/** The calendar password from the store; CalendarError `calendar_password_missing` when there is none. */
export async function calendarPassword(
  settings: CalendarSettings,
  secrets: SecretStore,
): Promise<string> {
  const account = calendarSecretAccount(settings.id);
  const password = await secrets.get(account);
  if (!password) {
    throw new CalendarError(
      'calendar_password_missing',
      `no password for calendar ${settings.id}: save it with \`sitedesk secrets set ${account}\``,
    );
  }
  return password;
}
