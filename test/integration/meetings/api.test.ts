/**
 * Meetings over the HTTP API on the real app, with the client's calendar on a real Radicale:
 * the calendar is set up and checked, slots come back in the client's zone, two tabs booking
 * the same slot get 201 and 409 (with words), bad input is a 400 naming the field, and the
 * calendar password never comes back in an answer.
 */
import request from 'supertest';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createMeetingDesk, type MeetingDesk } from '../../../src/tasks/meetings/index.js';
import { startCalDavServer, type CalDavServer } from '../../env/caldav/radicale.js';
import { createHarness, type Harness } from '../../unit/server/harness.js';

let h: Harness;
let caldav: CalDavServer;
let meetings: MeetingDesk | undefined;

beforeAll(async () => {
  caldav = await startCalDavServer();
  await caldav.makeCalendar('alice', 'Work');
  h = await createHarness(({ tasks, secrets, logger }) => {
    meetings = createMeetingDesk({ tasks, secrets, logger });
    return { meetings };
  });
});
afterAll(async () => {
  await meetings?.stop();
  await h?.close();
  await caldav?.dispose();
});

it('sets up the calendar, lists slots, and lets one of two tabs book a slot', async () => {
  const auth = { Authorization: h.adminToken };
  const client = h.clientA.id;
  const password = caldav.users[0]!.password;
  await request(h.http)
    .put(`/api/v1/clients/${client}/calendar`)
    .set(auth)
    .send({ url: 'ftp://nowhere', username: 'alice', calendar: 'Work' })
    .expect(400)
    .expect((res) => expect(res.body.error.details[0].path).toBe('body.url'));
  const set = await request(h.http)
    .put(`/api/v1/clients/${client}/calendar`)
    .set(auth)
    .send({ url: caldav.url, username: 'alice', calendar: 'Work' })
    .expect(200);
  const saved = await request(h.http)
    .put(`/api/v1/clients/${client}/calendar/password`)
    .set(auth)
    .send({ password })
    .expect(200);
  expect(saved.body.account).toBe(set.body.calendar.secretAccount);
  const check = await request(h.http)
    .post(`/api/v1/clients/${client}/calendar/check`)
    .set(auth)
    .expect(200);
  expect(check.body).toMatchObject({ ok: true });
  await request(h.http)
    .put(`/api/v1/clients/${client}/meeting-rules`)
    .set(auth)
    .send({
      lengths: [30],
      noticeMinutes: 0,
      bufferMinutes: 0,
      aheadDays: 10,
      places: [{ id: 'office', kind: 'office', label: 'Office' }],
    })
    .expect(200);
  const slots = await request(h.http)
    .get(`/api/v1/clients/${client}/slots?limit=3`)
    .set(auth)
    .expect(200);
  expect(slots.body.slots).toHaveLength(3);
  expect(slots.body.lengthMinutes).toBe(30);
  const slot = slots.body.slots[0].start as string;

  const task = async (caller: string) =>
    (
      await request(h.http)
        .post('/api/v1/tasks')
        .set(auth)
        .send({
          kind: 'call',
          clientId: client,
          details: {
            caller,
            number: '+420 601 111 222',
            at: new Date(h.clock.now()).toISOString(),
          },
        })
        .expect(201)
    ).body.id as string;
  const [a, b] = [await task('Eva'), await task('Petr')];
  const book = (id: string) =>
    request(h.http)
      .post(`/api/v1/tasks/${id}/meeting`)
      .set(auth)
      .send({ start: slot, lengthMinutes: 30, placeId: 'office' });
  const answers = await Promise.all([book(a), book(b)]);
  expect(answers.map((r) => r.status).sort()).toEqual([201, 409]);
  const lost = answers.find((r) => r.status === 409)!;
  expect(lost.body.error.code).toBe('meeting_slot_taken');
  expect(lost.body.error.message).toMatch(/pick another time/);

  await request(h.http)
    .post(`/api/v1/tasks/${a}/meeting`)
    .set(auth)
    .send({ start: slot, lengthMinutes: 30, placeId: 'garden' })
    .expect(400)
    .expect((res) => expect(res.body.error.details[0].path).toBe('placeId'));
  const bad = await request(h.http)
    .post(`/api/v1/tasks/${b}/meeting`)
    .set(auth)
    .send({ start: 'tomorrow', lengthMinutes: 30, placeId: 'office' })
    .expect(400);
  expect(bad.body.error.details[0].path).toBe('body.start');

  const listed = await request(h.http)
    .get(`/api/v1/meetings?clientId=${client}`)
    .set(auth)
    .expect(200);
  expect(listed.body.meetings).toHaveLength(1);
  const everything = JSON.stringify([set.body, saved.body, check.body, slots.body, listed.body]);
  expect(everything).not.toContain(password);
});

it('answers 502 with the calendar’s cause, never a 500, when the calendar refuses', async () => {
  const auth = { Authorization: h.adminToken };
  const client = h.clientB.id;
  await request(h.http)
    .put(`/api/v1/clients/${client}/calendar`)
    .set(auth)
    .send({ url: caldav.url, username: 'alice', calendar: 'Work' })
    .expect(200);
  // No password saved yet.
  const missing = await request(h.http).get(`/api/v1/clients/${client}/slots`).set(auth);
  expect(missing.status).toBe(502);
  expect(missing.body.error.code).toBe('calendar_password_missing');
  await request(h.http)
    .put(`/api/v1/clients/${client}/calendar/password`)
    .set(auth)
    .send({ password: 'not the password' })
    .expect(200);
  const refused = await request(h.http).get(`/api/v1/clients/${client}/slots`).set(auth);
  expect(refused.status).toBe(502);
  expect(refused.body.error.code).toBe('calendar_auth_refused');
  expect(JSON.stringify(refused.body)).not.toContain('not the password');
});
