/**
 * The thin CalDAV client (RFC 4791) of one calendar: finds the calendar in the account
 * (tsdav's discovery), reads the objects of a time range (calendar-query REPORT) and writes or
 * removes one event by its resource name. Every request carries Basic auth built from the
 * password read at this moment; errors name method and URL, never the password.
 */
import {
  fetchCalendarObjects,
  fetchCalendars,
  createAccount,
  getBasicAuthHeaders,
  propfind,
  type DAVCalendar,
} from 'tsdav';
import type { SecretStore } from '../../secrets/types.js';
import { CalendarError, statusError, unreachable } from './errors.js';
import { calendarPassword, type CalendarSettings } from './settings.js';

/** One stored object of the calendar (an .ics resource). */
export interface CalendarObject {
  url: string;
  etag: string | undefined;
  data: string;
}

/** The calendar as found in the account. */
export interface FoundCalendar {
  url: string;
  displayName: string;
  /** Whether the logged-in user may write into it (from current-user-privilege-set). */
  writable: boolean;
}

/** What the client needs; `fetch` is injected (tests, proxies), no module globals. */
export interface CalDavDeps {
  secrets: SecretStore;
  fetch?: typeof globalThis.fetch;
}

/** The CalDAV client of one calendar. */
export interface CalDavClient {
  /** PROPFIND on the configured address: answers the HTTP status (401, 404, 207 …). */
  probe(): Promise<number>;
  /** Finds the configured calendar; CalendarError `calendar_not_found` names the ones there are. */
  find(): Promise<FoundCalendar>;
  /** Every object with an event in [start, end). */
  objects(start: Date, end: Date): Promise<CalendarObject[]>;
  /** Writes `ics` as resource `name` (create or replace); answers the resource URL. */
  put(name: string, ics: string): Promise<string>;
  /** The resource `name`, or undefined when it is not there. */
  get(name: string): Promise<CalendarObject | undefined>;
  /** Removes resource `name`; one that is already gone is not an error. */
  remove(name: string): Promise<void>;
}

/** Creates the client; nothing is sent until a method is called. */
export function createCalDavClient(settings: CalendarSettings, deps: CalDavDeps): CalDavClient {
  const doFetch = deps.fetch ?? globalThis.fetch;
  let found: FoundCalendar | undefined;

  const headers = async (): Promise<Record<string, string>> => {
    const password = await calendarPassword(settings, deps.secrets);
    const auth = getBasicAuthHeaders({ username: settings.username, password });
    return { authorization: auth.authorization ?? '' };
  };

  const send = async (method: string, url: string, init: RequestInit): Promise<Response> => {
    try {
      return await doFetch(url, { ...init, method, signal: AbortSignal.timeout(30_000) });
    } catch (error) {
      throw unreachable(method, url, error);
    }
  };

  /** Whether a configured `calendar` is an address rather than a name. */
  const calendarIsUrl = /^https?:\/\//.test(settings.calendar);

  const privileges = async (url: string): Promise<boolean> => {
    const [answer] = await propfind({
      url,
      props: { 'd:current-user-privilege-set': {} },
      depth: '0',
      headers: await headers(),
      fetch: doFetch,
    });
    const set = JSON.stringify(answer?.props?.currentUserPrivilegeSet ?? {});
    // No privilege set at all: the server does not say, so writing is tried and reported then.
    if (!answer?.props?.currentUserPrivilegeSet) return true;
    return /"(write|writeContent|all|bind)"/.test(set);
  };

  const client: CalDavClient = {
    async probe() {
      const response = await send('PROPFIND', settings.url, {
        headers: { ...(await headers()), depth: '0', 'content-type': 'application/xml' },
        body: '<?xml version="1.0" encoding="utf-8"?><d:propfind xmlns:d="DAV:"><d:prop><d:current-user-principal/></d:prop></d:propfind>',
      });
      await response.body?.cancel();
      return response.status;
    },
    async find() {
      if (found) return found;
      if (calendarIsUrl) {
        const url = settings.calendar.endsWith('/') ? settings.calendar : `${settings.calendar}/`;
        const status = await statusOf(url);
        if (status >= 300) throw statusError('PROPFIND', url, status);
        found = { url, displayName: settings.calendar, writable: await privileges(url) };
        return found;
      }
      let calendars: DAVCalendar[];
      try {
        const account = await createAccount({
          account: {
            serverUrl: settings.url,
            accountType: 'caldav',
          },
          headers: await headers(),
          fetch: doFetch,
        });
        calendars = await fetchCalendars({ account, headers: await headers(), fetch: doFetch });
      } catch (error) {
        if (error instanceof CalendarError) throw error;
        // tsdav's discovery hides a refused password as "nothing found": ask the server once.
        const status = await client.probe().catch(() => undefined);
        if (status === 401) throw statusError('PROPFIND', settings.url, status);
        throw new CalendarError(
          'calendar_not_found',
          `${settings.url}: no CalDAV calendars found for ${settings.username} (${(error as Error).message})`,
          { cause: error },
        );
      }
      const wanted = settings.calendar.trim().toLowerCase();
      const match = calendars.find(
        (c) =>
          displayNameOf(c).toLowerCase() === wanted ||
          c.url.replace(/\/$/, '').split('/').pop()?.toLowerCase() === wanted,
      );
      if (!match) {
        const names = calendars.map(displayNameOf).sort();
        throw new CalendarError(
          'calendar_not_found',
          `${settings.url}: the account has no calendar "${settings.calendar}"` +
            (names.length ? ` (it has: ${names.join(', ')})` : ' (it has none)'),
        );
      }
      found = {
        url: match.url,
        displayName: displayNameOf(match),
        writable: await privileges(match.url),
      };
      return found;
    },
    async objects(start, end) {
      const calendar = await client.find();
      try {
        const objects = await fetchCalendarObjects({
          calendar: { url: calendar.url },
          timeRange: { start: start.toISOString(), end: end.toISOString() },
          headers: await headers(),
          fetch: doFetch,
        });
        return objects
          .filter((o) => typeof o.data === 'string' && o.data.length > 0)
          .map((o) => ({ url: o.url, etag: o.etag, data: String(o.data) }));
      } catch (error) {
        if (error instanceof CalendarError) throw error;
        throw unreachable('REPORT', calendar.url, error);
      }
    },
    async put(name, ics) {
      const calendar = await client.find();
      const url = `${calendar.url}${encodeURIComponent(name)}`;
      const response = await send('PUT', url, {
        headers: { ...(await headers()), 'content-type': 'text/calendar; charset=utf-8' },
        body: ics,
      });
      await response.body?.cancel();
      if (response.status >= 300) throw statusError('PUT', url, response.status);
      return url;
    },
    async get(name) {
      const calendar = await client.find();
      const url = `${calendar.url}${encodeURIComponent(name)}`;
      const response = await send('GET', url, { headers: await headers() });
      if (response.status === 404) {
        await response.body?.cancel();
        return undefined;
      }
      if (response.status >= 300) {
        await response.body?.cancel();
        throw statusError('GET', url, response.status);
      }
      return { url, etag: response.headers.get('etag') ?? undefined, data: await response.text() };
    },
    async remove(name) {
      const calendar = await client.find();
      const url = `${calendar.url}${encodeURIComponent(name)}`;
      const response = await send('DELETE', url, { headers: await headers() });
      await response.body?.cancel();
      if (response.status === 404 || response.status === 410) return;
      if (response.status >= 300) throw statusError('DELETE', url, response.status);
    },
  };

  async function statusOf(url: string): Promise<number> {
    const response = await send('PROPFIND', url, {
      headers: { ...(await headers()), depth: '0' },
    });
    await response.body?.cancel();
    return response.status;
  }

  return client;
}

function displayNameOf(calendar: DAVCalendar): string {
  const name = calendar.displayName;
  if (typeof name === 'string' && name) return name;
  return calendar.url.replace(/\/$/, '').split('/').pop() ?? calendar.url;
}
