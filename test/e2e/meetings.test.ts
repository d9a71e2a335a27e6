/**
 * Meetings in the client's own calendar (issue 19), through the web app in real Chromium: a real
 * Radicale holds the client's calendar, a real SMTP server takes the invitations sent from the
 * client's mailbox (dovecot). Only the client, its mailbox and the secretary are seeded; she
 * connects the calendar (a wrong password first, said in words), sets the rules, adds a call with
 * Quick add, books a meeting from the task list's link (a time taken meanwhile by another
 * program is refused in words with fresh times), sees it on Today, moves it and cancels it — and
 * each step is checked on Radicale itself and in the mails. Looked at in English, Czech and at
 * 390 px.
 */
import { join } from 'node:path';
import ICAL from 'ical.js';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMeetingDesk, type MeetingDesk } from '../../src/tasks/meetings/index.js';
import { csMeetings } from '../../src/ui/src/i18n/meetings-cs.js';
import { enMeetings } from '../../src/ui/src/i18n/meetings-en.js';
import { cs } from '../../src/ui/src/i18n/cs.js';
import { en } from '../../src/ui/src/i18n/en.js';
import { startCalDavServer, type CalDavServer } from '../env/caldav/radicale.js';
import { launch, type TestBrowser } from './helpers/browser.js';
import { startMailUiServer, type MailUiServer } from './helpers/mail-server.js';

const PASSWORD = 'a long enough password';
const DOCS_SHOTS = join(import.meta.dirname, '../../docs/screenshots');
const GUEST = 'jan.novak@zakaznik.example';
const CLIENT = 'Instalatér Dvořák';

/**
 * The client's zone: Prague, unless it is night there now — then a zone where it is day, so the
 * first free time (working hours 07–21 every day) is today and Today shows the meeting.
 */
function zoneAtDaytime(): string {
  const zones = [
    'Europe/Prague',
    'America/New_York',
    'America/Los_Angeles',
    'Pacific/Honolulu',
    'Asia/Tokyo',
    'Asia/Kolkata',
    'Asia/Dubai',
    'America/Sao_Paulo',
  ];
  const hour = (zone: string): number =>
    Number(
      new Intl.DateTimeFormat('en-GB', {
        timeZone: zone,
        hour: '2-digit',
        hourCycle: 'h23',
      }).format(new Date()),
    );
  return zones.find((z) => hour(z) >= 8 && hour(z) <= 17) ?? 'Europe/Prague';
}

let caldav: CalDavServer;
let calendarUrl: string;
let mail: MailUiServer;
let meetings: MeetingDesk | undefined;
let browser: TestBrowser;
const zone = zoneAtDaytime();

beforeAll(async () => {
  caldav = await startCalDavServer();
  calendarUrl = await caldav.makeCalendar('alice', 'Work');
  mail = await startMailUiServer((parts) => {
    // Wired as `sitedesk serve` wires it; retries come quickly here.
    meetings = createMeetingDesk(parts, { retryInitialMs: 200, intervalMs: 500 });
    return { meetings };
  });
  meetings!.start();
  const client = await mail.server.tasks.createClient(
    { name: CLIENT, timezone: zone, languages: ['cs'] },
    { actor: 'seed' },
  );
  await mail.addMailbox(client.id, 'dvorak-shop');
  await mail.server.accounts.addUser({ username: 'jana', password: PASSWORD, role: 'secretary' });
  browser = await launch(undefined, { timezoneId: zone });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await meetings?.stop();
  await mail?.stop();
  await caldav?.dispose();
});

const alice = (): string =>
  `Basic ${Buffer.from(`alice:${caldav.users[0]!.password}`).toString('base64')}`;

/** The events Radicale really keeps in the client's calendar, parsed with ical.js. */
async function eventsOnRadicale(): Promise<ICAL.Component[]> {
  const events: ICAL.Component[] = [];
  for (const file of caldav.files('alice', 'Work')) {
    const res = await fetch(calendarUrl + file, { headers: { authorization: alice() } });
    // Listed on disk, then removed by a cancel in flight before it was read: it is not there.
    if (res.status === 404) continue;
    expect(res.status).toBe(200);
    const vcalendar = new ICAL.Component(ICAL.parse(await res.text()));
    events.push(...vcalendar.getAllSubcomponents('vevent'));
  }
  return events;
}

const startOf = (vevent: ICAL.Component): string =>
  (vevent.getFirstPropertyValue('dtstart') as ICAL.Time).toJSDate().toISOString();

/** The iCalendar parts of the mails the SMTP server took for the guest, oldest first. */
async function invitations(): Promise<{ method: string; vevent: ICAL.Component }[]> {
  const found: { method: string; vevent: ICAL.Component }[] = [];
  for (const m of mail.smtp.messages.filter((x) => x.to.includes(GUEST))) {
    const parsed = await simpleParser(m.raw);
    const part = parsed.attachments.find((a) => a.contentType === 'text/calendar');
    const ics =
      part?.content.toString('utf8') ??
      m.raw.slice(m.raw.indexOf('BEGIN:VCALENDAR'), m.raw.indexOf('END:VCALENDAR') + 13);
    const vcalendar = new ICAL.Component(ICAL.parse(ics));
    found.push({
      method: String(vcalendar.getFirstPropertyValue('method')),
      vevent: vcalendar.getFirstSubcomponent('vevent')!,
    });
  }
  return found;
}

/** Waits until `check` holds (the outbox writes in the background). */
async function until(check: () => Promise<boolean>, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 200));
  }
}

const noSidewaysScroll = (b: TestBrowser): Promise<number> =>
  b.page.evaluate<number>(
    'document.documentElement.scrollWidth - document.documentElement.clientWidth',
  );

describe('meetings in the client calendar, in Chromium', () => {
  it('connect, rules, book from a call (a taken time refused), Today, move, cancel; EN, CS, 390 px', async () => {
    const { page } = browser;
    await page.goto(mail.server.url + '/');
    await page.getByLabel(en.username).fill('jana');
    await page.getByLabel(en.password).fill(PASSWORD);
    await page.getByRole('button', { name: en.signIn }).click();
    await page.getByRole('heading', { name: en.todayTitle, level: 1 }).waitFor();

    // Connect the client's calendar: a wrong password first, said in words.
    await page.goto(mail.server.url + '/#/clients');
    const card = page.getByRole('region', { name: CLIENT });
    await card.getByText(enMeetings.notConnected).waitFor();
    const connect = card.getByRole('form', { name: enMeetings.calendarTitle });
    await connect.getByLabel(enMeetings.calendarUrl).fill(caldav.url);
    await connect.getByLabel(enMeetings.calendarName).fill('Work');
    await connect.getByLabel(enMeetings.calendarUser).fill('alice');
    await connect.getByLabel(enMeetings.calendarPassword).fill('not the password');
    await connect.getByRole('button', { name: enMeetings.calendarSave }).click();
    await connect.getByText(enMeetings['cause.login']).waitFor({ timeout: 20_000 });
    await connect.getByLabel(enMeetings.calendarPassword).fill(caldav.users[0]!.password);
    await connect.getByRole('button', { name: enMeetings.calendarSave }).click();
    await connect.getByText(enMeetings.checkOk).waitFor({ timeout: 20_000 });
    await card
      .getByText(enMeetings.connectedTo.replace('{calendar}', 'Work'))
      .waitFor({ timeout: 10_000 });
    // The password went to the secret store, never back to the page.
    expect(await page.content()).not.toContain(caldav.users[0]!.password);
    expect(await mail.secrets.get('calendar:' + (await calendarId()))).toBe(
      caldav.users[0]!.password,
    );

    // The rules: every day 07–21, 30 or 60 minutes, no notice, an office and a phone call.
    await card.getByText(enMeetings.rulesTitle, { exact: true }).click();
    const rules = card.getByRole('form', { name: enMeetings.rulesTitle });
    for (const day of ['sat', 'sun'] as const)
      await rules.getByRole('checkbox', { name: enMeetings[`day.${day}`] }).check();
    for (const day of ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const) {
      const name = enMeetings[`day.${day}`];
      await rules.getByLabel(enMeetings.hoursFrom.replace('{day}', name)).fill('07:00');
      await rules.getByLabel(enMeetings.hoursTo.replace('{day}', name)).fill('21:00');
    }
    await rules.getByLabel(enMeetings.lengths).fill('30, 60');
    await rules.getByLabel(enMeetings.notice).fill('0');
    await rules.getByLabel(enMeetings.placeDetail).fill('Dlouhá 5, Praha');
    await rules.getByRole('button', { name: enMeetings.placeAdd }).click();
    await rules.getByLabel(enMeetings.placeLabel).nth(1).fill('Phone call');
    await rules.getByRole('button', { name: enMeetings.rulesSave }).click();
    await rules.getByText(enMeetings.rulesSaved).waitFor();
    await card.locator('.client-meetings').screenshot({
      path: join(DOCS_SHOTS, 'meetings-client-en.png'),
    });

    // A call comes in; she types it with Quick add and books from the task list's link.
    await page.goto(`${mail.server.url}/#/tasks`);
    await page.getByRole('radio', { name: en.quickCall, exact: true }).check();
    await page.getByLabel(en.caller, { exact: true }).fill('Jan Novák');
    await page.getByLabel(en.phone, { exact: true }).fill('+420 601 234 567');
    await page.getByLabel(en.message, { exact: true }).fill('Leaking tap, wants a visit');
    await page.getByRole('button', { name: en.add, exact: true }).click();
    await page.getByText(en.added.replace(' {title}', ''), { exact: false }).waitFor();
    await page.getByRole('link', { name: en.mtgBookFromList }).first().click();
    const form = page.getByRole('form', { name: enMeetings.bookTitle });
    await form.getByText(enMeetings.slotsIn.replace('{zone}', zone)).waitFor({ timeout: 20_000 });
    // Filled in from the call.
    expect(await form.getByLabel(enMeetings.person).inputValue()).toBe('Jan Novák');
    expect(await form.getByLabel(enMeetings.contact).inputValue()).toBe('+420 601 234 567');
    expect(await form.getByLabel(enMeetings.note).inputValue()).toBe('Leaking tap, wants a visit');
    await form.getByLabel(enMeetings.personEmail).fill(GUEST);
    // He lives in London: his time shows beside the client's.
    await form.getByLabel(enMeetings.personZone).fill('Europe/London');
    await form
      .getByText(/\(their time \d\d:\d\d\)/)
      .first()
      .waitFor();
    const slots = form.getByRole('radio');
    const taken = await slots.first().getAttribute('value');
    await slots.first().check();
    await form.screenshot({ path: join(DOCS_SHOTS, 'meetings-book-en.png') });

    // Meanwhile the client's own phone puts something at that time into the calendar.
    const takenEnd = new Date(Date.parse(taken!) + 30 * 60_000);
    const ics = (d: Date): string => d.toISOString().replace(/[-:]/g, '').replace(/\.\d+/, '');
    await caldav.put(
      'alice',
      calendarUrl,
      'dentist.ics',
      [
        'BEGIN:VCALENDAR',
        'VERSION:2.0',
        'PRODID:-//phone//EN',
        'BEGIN:VEVENT',
        'UID:dentist-e2e',
        'DTSTAMP:20260101T000000Z',
        `DTSTART:${ics(new Date(taken!))}`,
        `DTEND:${ics(takenEnd)}`,
        'SUMMARY:Dentist',
        'END:VEVENT',
        'END:VCALENDAR',
        '',
      ].join('\r\n'),
    );
    await form.getByRole('button', { name: enMeetings.bookIt }).click();
    await form.getByText(enMeetings.slotTaken).waitFor({ timeout: 20_000 });
    // The free times were read again: the taken one is gone.
    await until(async () => (await slots.first().getAttribute('value')) !== taken);
    expect(await form.locator(`input[value="${taken}"]`).count()).toBe(0);
    const chosen = (await slots.first().getAttribute('value'))!;
    await slots.first().check();
    await form.getByRole('button', { name: enMeetings.bookIt }).click();
    const section = page.locator('section[aria-labelledby="task-meeting"]');
    await section
      .getByText(enMeetings['sync.doneInvited'].replace('{email}', GUEST))
      .waitFor({ timeout: 30_000 });
    const taskUrl = page.url().replace(/\/meeting$/, '');
    await section.getByText(/their time \d\d:\d\d/).waitFor();
    await section.screenshot({ path: join(DOCS_SHOTS, 'meetings-booked-en.png') });

    // On Radicale: the dentist and exactly one meeting, at the chosen time; the guest invited.
    let events = await eventsOnRadicale();
    const meeting = () => events.filter((e) => e.getFirstPropertyValue('uid') !== 'dentist-e2e');
    expect(meeting()).toHaveLength(1);
    expect(startOf(meeting()[0]!)).toBe(chosen);
    const uid = String(meeting()[0]!.getFirstPropertyValue('uid'));
    let mails = await invitations();
    expect(mails.map((m) => m.method)).toEqual(['REQUEST']);
    expect(mails[0]!.vevent.getFirstPropertyValue('uid')).toBe(uid);
    expect(startOf(mails[0]!.vevent)).toBe(chosen);

    // Today lists it under the client.
    await page.goto(mail.server.url + '/#/');
    const today = page.locator('section[aria-labelledby="today-meetings"]');
    await today.getByRole('heading', { name: CLIENT }).waitFor({ timeout: 10_000 });
    await today.getByRole('link', { name: /Jan Novák/ }).waitFor();
    await today.screenshot({ path: join(DOCS_SHOTS, 'meetings-today-en.png') });

    // Moved to another free time: the same event on Radicale, the guest gets the update.
    await page.goto(taskUrl);
    await section.getByRole('button', { name: enMeetings.move, exact: true }).click();
    const moveTo = (await section.getByRole('radio').nth(1).getAttribute('value'))!;
    expect(moveTo).not.toBe(chosen);
    await section.getByRole('radio').nth(1).check();
    await section.getByRole('button', { name: enMeetings.moveIt }).click();
    await until(async () => {
      events = await eventsOnRadicale();
      return meeting().length === 1 && startOf(meeting()[0]!) === moveTo;
    });
    expect(meeting()[0]!.getFirstPropertyValue('uid')).toBe(uid);
    expect(meeting()[0]!.getFirstPropertyValue('sequence')).toBe(1);
    await section
      .getByText(enMeetings['sync.doneInvited'].replace('{email}', GUEST))
      .waitFor({ timeout: 30_000 });
    mails = await invitations();
    expect(mails.map((m) => m.method)).toEqual(['REQUEST', 'REQUEST']);
    expect(startOf(mails[1]!.vevent)).toBe(moveTo);

    // Cancelled: the event leaves Radicale (the dentist stays), the guest is told.
    await section.getByRole('button', { name: enMeetings.cancelMeeting }).click();
    await section.getByText(enMeetings.cancelAskTold.replace('{email}', GUEST)).waitFor();
    await section
      .getByRole('group', { name: enMeetings.cancelMeeting })
      .getByRole('button', { name: enMeetings.cancelMeeting })
      .click();
    await section.getByText(/The meeting on .* was cancelled\./).waitFor({ timeout: 10_000 });
    await until(async () => {
      events = await eventsOnRadicale();
      return meeting().length === 0;
    });
    expect(events.map((e) => e.getFirstPropertyValue('uid'))).toEqual(['dentist-e2e']);
    await until(async () => (await invitations()).length === 3);
    mails = await invitations();
    expect(mails[2]!.method).toBe('CANCEL');
    expect(mails[2]!.vevent.getFirstPropertyValue('uid')).toBe(uid);

    // A mail asks for a consultation: the booking is filled in from the sender.
    await page.goto(`${mail.server.url}/#/tasks`);
    await page.getByRole('radio', { name: en.quickMail, exact: true }).check();
    await page.getByLabel(en.mailFrom, { exact: true }).fill('eva.mala@zakaznik.example');
    await page.getByLabel(en.subject, { exact: true }).fill('Consultation about a new boiler');
    await page.getByRole('button', { name: en.add, exact: true }).click();
    await page.getByRole('link', { name: /Consultation about a new boiler/ }).click();
    await section.getByRole('button', { name: enMeetings.book }).click();
    const fromMail = page.getByRole('form', { name: enMeetings.bookTitle });
    await fromMail.getByRole('radio').first().waitFor({ timeout: 20_000 });
    expect(await fromMail.getByLabel(enMeetings.personEmail).inputValue()).toBe(
      'eva.mala@zakaznik.example',
    );
    expect(await fromMail.getByLabel(enMeetings.note).inputValue()).toBe(
      'Consultation about a new boiler',
    );
    await page.goto(taskUrl);

    // In Czech: the client's Meetings part and the booking form.
    await page.getByLabel(en.language).selectOption('cs');
    await page.getByRole('button', { name: csMeetings.book }).click();
    const formCs = page.getByRole('form', { name: csMeetings.bookTitle });
    await formCs.getByText(csMeetings.slotsIn.replace('{zone}', zone)).waitFor({ timeout: 20_000 });
    await formCs.getByRole('radio').first().check();
    await formCs.screenshot({ path: join(DOCS_SHOTS, 'meetings-book-cs.png') });
    await page.goto(mail.server.url + '/#/clients');
    const cardCs = page.getByRole('region', { name: CLIENT });
    await cardCs.getByText(csMeetings.connectedTo.replace('{calendar}', 'Work')).waitFor();
    await cardCs.getByText(csMeetings.rulesTitle, { exact: true }).click();
    await cardCs.getByText(csMeetings['day.mon']).waitFor();
    // Working hours as Czech writes times (24-hour, typed), not the browser's "07:00 AM".
    const monFrom = cardCs.getByLabel(csMeetings.hoursFrom.replace('{day}', csMeetings['day.mon']));
    await expect(monFrom.getAttribute('type')).resolves.toBe('text');
    await expect(monFrom.inputValue()).resolves.toBe('7:00');
    await expect(
      cardCs.getByLabel(csMeetings.hoursTo.replace('{day}', csMeetings['day.mon'])).inputValue(),
    ).resolves.toBe('21:00');
    await cardCs.locator('.client-meetings').screenshot({
      path: join(DOCS_SHOTS, 'meetings-client-cs.png'),
    });
    expect(await page.content()).not.toMatch(/meeting_slot_taken|calendar_auth_refused/);

    // A phone: the booking form and the client's Meetings part without sideways scrolling.
    await page.getByLabel(cs.language).selectOption('en');
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(taskUrl + '/meeting');
    await page
      .getByRole('form', { name: enMeetings.bookTitle })
      .getByRole('radio')
      .first()
      .waitFor({ timeout: 20_000 });
    expect(await noSidewaysScroll(browser)).toBeLessThanOrEqual(0);
    await page.locator('section[aria-labelledby="task-meeting"]').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(DOCS_SHOTS, 'meetings-book-390.png'), fullPage: false });
    await page.goto(mail.server.url + '/#/clients');
    await page
      .getByRole('region', { name: CLIENT })
      .getByText(enMeetings.rulesTitle, { exact: true })
      .click();
    await page.getByText(enMeetings['day.sun']).waitFor();
    expect(await noSidewaysScroll(browser)).toBeLessThanOrEqual(0);
    await page.locator('.client-meetings').screenshot({
      path: join(DOCS_SHOTS, 'meetings-client-390.png'),
    });
    await page.goto(mail.server.url + '/#/');
    await page.locator('section[aria-labelledby="today-meetings"]').waitFor();
    expect(await noSidewaysScroll(browser)).toBeLessThanOrEqual(0);
    expect(browser.pageErrors).toEqual([]);
  }, 240_000);
});

/** The calendar id the app gave the client's calendar (from its id, as the API answers it). */
async function calendarId(): Promise<string> {
  const [client] = await mail.server.tasks.listClients();
  const cal = await meetings!.getCalendar(client!.id);
  return cal.settings.id;
}
