import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSilentLogger } from '../../../src/shared/logger.js';
import { createScheduler, type CreateScheduleInput } from '../../../src/tasks/index.js';
import { anna, createHarness, seedClient, type Harness } from './helpers.js';
import { onPostgres } from '../store/test-store.js';

// Start: Sunday 2026-03-01 08:00Z (09:00 in Prague).
const START = Date.UTC(2026, 2, 1, 8);
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

let h: Harness;
let clientId: string;
let siteIds: string[];
beforeEach(async () => {
  h = await createHarness(START);
  const client = await h.tasks.createClient(
    {
      name: 'Pekárna Novák',
      timezone: 'Europe/Prague',
      languages: ['cs'],
      contact: { phone: '+420 601 234 567' },
    },
    anna,
  );
  clientId = client.id;
  siteIds = (await seedClientSites()).map((s) => s.id);
});
afterEach(() => h.close());

async function seedClientSites() {
  return [
    await h.tasks.createSite(
      { clientId, name: 'Blog', kind: 'wordpress', url: 'https://blog.example.cz' },
      anna,
    ),
    await h.tasks.createSite(
      { clientId, name: 'Web', kind: 'git', url: 'https://www.example.cz' },
      anna,
    ),
  ];
}

function weeklyMenu(extra: Partial<CreateScheduleInput> = {}): CreateScheduleInput {
  return {
    clientId,
    name: 'Weekly menu',
    rule: { kind: 'rrule', expression: 'FREQ=WEEKLY;BYDAY=MO;BYHOUR=9;BYMINUTE=0' },
    siteIds,
    template: {
      title: 'Menu {{date}} ({{weekday}})',
      slug: 'menu-{{date}}',
      markdown: '# {{client.name}}\n\n{{text}}\n\nTel. {{client.phone}}',
    },
    ...extra,
  };
}

describe('schedules', () => {
  it('shows the next five runs in the client’s time, across the spring change', async () => {
    const schedule = await h.tasks.createSchedule(weeklyMenu(), anna);
    const { upcoming } = await h.tasks.getSchedule(schedule.id);
    expect(upcoming.map((u) => u.at)).toEqual([
      '2026-03-02T08:00:00.000Z',
      '2026-03-09T08:00:00.000Z',
      '2026-03-16T08:00:00.000Z',
      '2026-03-23T08:00:00.000Z',
      '2026-03-30T07:00:00.000Z',
    ]);
    expect(upcoming[0]!.local).toMatch(/Mon, Mar 2, 2026, 09:00 GMT\+1|CET/);
    expect(upcoming[4]!.local).toMatch(/09:00/);
  });

  it('fires once when due, rendering the template with the text supplied ahead of time', async () => {
    const schedule = await h.tasks.createSchedule(weeklyMenu(), anna);
    await h.tasks.supplyScheduleText(
      { scheduleId: schedule.id, date: '2026-03-02', text: 'Polévka: česnečka' },
      { actor: 'client:novak' },
    );
    expect((await h.tasks.dispatchDueSchedules()).dispatched).toEqual([]);
    await h.clock.set(Date.UTC(2026, 2, 2, 8, 0, 5));
    const report = await h.tasks.dispatchDueSchedules();
    expect(report.dispatched).toEqual([
      expect.objectContaining({
        occurrenceAt: '2026-03-02T08:00:00.000Z',
        outcome: 'queued',
        lagMs: 5000,
      }),
    ]);
    expect((await h.tasks.dispatchDueSchedules()).dispatched).toEqual([]);
    const { task, publications, history } = await h.tasks.getTask(report.dispatched[0]!.taskId);
    expect(task).toMatchObject({
      kind: 'publish',
      status: 'scheduled',
      source: 'schedule',
      scheduleId: schedule.id,
      dueAt: '2026-03-02T08:00:00.000Z',
    });
    expect(publications.map((p) => p.state)).toEqual(['pending', 'pending']);
    expect(history[0]!.actor).toBe(`schedule:${schedule.id}`);
    const item = await h.tasks.getContentItem(task.contentItemId!);
    expect(item).toMatchObject({
      title: 'Menu 2026-03-02 (pondělí)',
      slug: 'menu-2026-03-02',
      language: 'cs',
    });
    expect(item.markdown).toBe('# Pekárna Novák\n\nPolévka: česnečka\n\nTel. +420 601 234 567');
    expect((await h.tasks.getSchedule(schedule.id)).schedule).toMatchObject({
      fired: 1,
      nextRunAt: '2026-03-09T08:00:00.000Z',
    });
  });

  it('makes a task that waits for missing text, and queues it when the text arrives', async () => {
    const schedule = await h.tasks.createSchedule(weeklyMenu(), anna);
    await h.clock.set(Date.UTC(2026, 2, 2, 8));
    const [fired] = (await h.tasks.dispatchDueSchedules()).dispatched;
    expect(fired).toMatchObject({ outcome: 'waiting_text' });
    const waiting = await h.tasks.getTask(fired!.taskId);
    expect(waiting.task.status).toBe('waiting_client');
    expect(waiting.publications).toEqual([]);
    const { released } = await h.tasks.supplyScheduleText(
      { scheduleId: schedule.id, date: '2026-03-02', text: 'Guláš' },
      { actor: 'client:novak' },
    );
    expect(released).toMatchObject({ id: fired!.taskId, status: 'scheduled' });
    const after = await h.tasks.getTask(fired!.taskId);
    expect(after.publications.map((p) => p.state)).toEqual(['pending', 'pending']);
    expect((await h.tasks.getContentItem(after.task.contentItemId!)).markdown).toContain('Guláš');
    expect(after.history.map((e) => e.action)).toEqual([
      'created',
      'updated',
      'status:waiting_client->approved',
      'status:approved->scheduled',
      'created',
      'created',
    ]);
  });

  it.each([
    ['latest', ['2026-03-30T07:00:00.000Z'], 3],
    [
      'all',
      [
        '2026-03-09T08:00:00.000Z',
        '2026-03-16T08:00:00.000Z',
        '2026-03-23T08:00:00.000Z',
        '2026-03-30T07:00:00.000Z',
      ],
      0,
    ],
    ['none', [], 4],
  ] as const)(
    'after downtime, catch-up %s fires %o once (skipped %i)',
    async (catchUp, expected, skipped) => {
      const schedule = await h.tasks.createSchedule(
        weeklyMenu({ catchUp, startsAt: '2026-03-03T00:00:00Z' }),
        anna,
      );
      await h.clock.set(Date.UTC(2026, 2, 30, 10)); // Monday 30 March, 12:00 CEST: four Mondays missed
      const report = await h.tasks.dispatchDueSchedules();
      expect(report.dispatched.map((d) => d.occurrenceAt)).toEqual(expected);
      expect(report.skipped).toBe(skipped);
      expect((await h.tasks.dispatchDueSchedules()).dispatched).toEqual([]);
      const tasks = await h.tasks.listTasks({ kind: 'publish', limit: 100 });
      expect(tasks.items).toHaveLength(expected.length);
      expect((await h.tasks.getSchedule(schedule.id)).schedule).toMatchObject({
        fired: 4,
        nextRunAt: '2026-04-06T07:00:00.000Z',
      });
    },
  );

  it('stops after its count and at its end', async () => {
    const counted = await h.tasks.createSchedule(weeklyMenu({ count: 2, catchUp: 'all' }), anna);
    const ended = await h.tasks.createSchedule(
      weeklyMenu({ name: 'Ends', endsAt: '2026-03-10T00:00:00Z', catchUp: 'all' }),
      anna,
    );
    await h.clock.set(Date.UTC(2026, 3, 30));
    const report = await h.tasks.dispatchDueSchedules();
    const of = (id: string) =>
      report.dispatched.filter((d) => d.scheduleId === id).map((d) => d.occurrenceAt);
    expect(of(counted.id)).toEqual(['2026-03-02T08:00:00.000Z', '2026-03-09T08:00:00.000Z']);
    expect(of(ended.id)).toEqual(['2026-03-02T08:00:00.000Z', '2026-03-09T08:00:00.000Z']);
    expect((await h.tasks.getSchedule(counted.id)).schedule.nextRunAt).toBeNull();
    expect((await h.tasks.getSchedule(ended.id)).upcoming).toEqual([]);
  });

  it('never dispatches an occurrence twice, even when a run row already exists', async () => {
    const schedule = await h.tasks.createSchedule(weeklyMenu(), anna);
    await h.store.db
      .insertInto('schedule_runs')
      .values({
        schedule_id: schedule.id,
        occurrence_at: '2026-03-02T08:00:00.000Z',
        task_id: null,
        outcome: 'claimed',
        created_at: 'x',
      })
      .execute();
    await h.clock.set(Date.UTC(2026, 2, 2, 8));
    expect((await h.tasks.dispatchDueSchedules()).dispatched).toEqual([]);
    expect((await h.tasks.listTasks()).items).toEqual([]);
    expect((await h.tasks.getSchedule(schedule.id)).schedule.nextRunAt).toBe(
      '2026-03-09T08:00:00.000Z',
    );
  });

  it('validates rules, templates and sites, saving nothing', async () => {
    const other = await seedClient(h.tasks, 'Florist');
    const bad = weeklyMenu({
      rule: { kind: 'rrule', expression: 'FREQ=WEEKLY;COUNT=3' },
      template: { title: 'Menu {{dat}}', slug: 'menu', markdown: 'x' },
      siteIds: [other.sites[0]!.id],
    });
    await expect(h.tasks.createSchedule(bad, anna)).rejects.toMatchObject({
      code: 'validation_failed',
      details: [{ path: 'rule.expression' }, { path: 'template.title' }],
    });
    await expect(
      h.tasks.createSchedule(weeklyMenu({ siteIds: [other.sites[0]!.id] }), anna),
    ).rejects.toMatchObject({
      details: [{ path: 'siteIds.0', message: 'this site belongs to another client' }],
    });
    await expect(
      h.tasks.createSchedule(
        weeklyMenu({ rule: { kind: 'cron', expression: '61 * * * *' } }),
        anna,
      ),
    ).rejects.toMatchObject({
      details: [{ path: 'rule.expression' }],
    });
    expect(await h.tasks.listSchedules()).toEqual([]);
  });
});

describe('changes to a running schedule', () => {
  it('follows the client to a new timezone: 09:00 stays 09:00 local', async () => {
    const schedule = await h.tasks.createSchedule(weeklyMenu(), anna);
    expect((await h.tasks.getSchedule(schedule.id)).schedule.nextRunAt).toBe(
      '2026-03-02T08:00:00.000Z',
    );
    await h.tasks.updateClient(clientId, { timezone: 'America/New_York' }, anna);
    const { schedule: moved, upcoming } = await h.tasks.getSchedule(schedule.id);
    expect(moved.nextRunAt).toBe('2026-03-02T14:00:00.000Z');
    expect(upcoming[1]!.at).toBe('2026-03-09T13:00:00.000Z'); // EDT from 8 March
    expect(upcoming[0]!.local).toMatch(/09:00 EST/);
  });

  it('switched off, it does not fire; switched back on, it resumes from now without catching up', async () => {
    const schedule = await h.tasks.createSchedule(weeklyMenu({ catchUp: 'all' }), anna);
    await h.tasks.setScheduleEnabled(schedule.id, false, anna);
    await h.clock.set(Date.UTC(2026, 2, 20));
    expect((await h.tasks.dispatchDueSchedules()).dispatched).toEqual([]);
    const back = await h.tasks.setScheduleEnabled(schedule.id, true, anna);
    expect(back).toMatchObject({ enabled: true, nextRunAt: '2026-03-23T08:00:00.000Z' });
    expect((await h.tasks.dispatchDueSchedules()).dispatched).toEqual([]);
  });
});

describe('the scheduler loop', () => {
  // Counts on SQLite answering within the same tick; on PostgreSQL queries take real time.
  it.skipIf(onPostgres())(
    'sleeps on the injected clock until the next run and fires it',
    async () => {
      await h.tasks.createSchedule(
        weeklyMenu({ rule: { kind: 'cron', expression: '0 9 * * *' } }),
        anna,
      );
      const scheduler = createScheduler({}, { ...h.tasks.deps, logger: createSilentLogger() });
      const controller = new AbortController();
      const running = scheduler.run(controller.signal);
      await h.clock.advance(0);
      // The schedule was made at 09:00 local sharp, so today's run is due at once.
      expect((await h.tasks.listTasks()).items.map((t) => t.dueAt)).toEqual([
        '2026-03-01T08:00:00.000Z',
      ]);
      await h.clock.advance(HOUR);
      expect((await h.tasks.listTasks()).items).toHaveLength(1);
      for (let i = 0; i < 3 * 24 - 1; i++) await h.clock.advance(HOUR);
      const tasks = (await h.tasks.listTasks({ limit: 10 })).items;
      expect(tasks.map((t) => t.dueAt).sort()).toEqual([
        '2026-03-01T08:00:00.000Z',
        '2026-03-02T08:00:00.000Z',
        '2026-03-03T08:00:00.000Z',
        '2026-03-04T08:00:00.000Z',
      ]);
      controller.abort();
      await running;
      await h.clock.advance(DAY);
      expect((await h.tasks.listTasks({ limit: 10 })).items).toHaveLength(4);
    },
  );
});
