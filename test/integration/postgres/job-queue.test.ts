// The job queue (pg-boss 10 on a real PostgreSQL, src/tasks/queue/job-queue.ts) as sitedesk
// asks it: the same ask twice while it waits is one job, and a job a dead worker holds never
// holds up the others. The dead worker is a queue whose handler never returns: to the database
// that is the same as a process killed mid-job (its job stays `active` until the expiry).
//
// Why this file exists: with pg-boss's `stately` policy, asking again under the key of a job a
// dead worker held put a second job in `created` beside the `active` one; every worker's fetch
// then picked that job first, hit the policy's unique index and got nothing (pg-boss swallows
// the error), so the whole queue stood still for the 15-minute expiry. CI saw it twice as the
// scale-out test's "16 pending, 2 published".
import PgBoss from 'pg-boss';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createLogger } from '../../../src/shared/logger.js';
import { openJobQueue, type JobQueue } from '../../../src/tasks/queue/index.js';
import {
  MAIL_QUEUE,
  MEETING_QUEUE,
  PUBLICATION_QUEUE,
  SCHEDULE_QUEUE,
} from '../../../src/tasks/queue/job-queue.js';
import { startPostgres, type PostgresServer } from '../../env/postgres/start.js';

let postgres: PostgresServer | undefined;
const queues: JobQueue[] = [];
const logger = createLogger({ level: 'silent' });

beforeAll(async () => {
  postgres = await startPostgres();
}, 120_000);

afterAll(async () => {
  await Promise.allSettled(queues.map((q) => q.stop(500)));
  await postgres?.dispose();
}, 60_000);

let databases = 0;
async function open(url?: string): Promise<{ queue: JobQueue; url: string }> {
  const at = url ?? (await postgres!.createDatabase(`queue${++databases}`));
  const queue = await openJobQueue(at, {
    logger,
    supervise: true,
    pollingSeconds: 0.5,
  });
  queues.push(queue);
  return { queue, url: at };
}

/** Resolves with what `probe` answers once it is defined, polling every 50 ms. */
async function until<T>(what: string, ms: number, probe: () => T | undefined): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const found = probe();
    if (found !== undefined) return found;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

it('the same ask while it waits is one delivery; a new time is another', async () => {
  const { queue: asker, url } = await open();
  const at = Date.now();
  await asker.enqueuePublication('p1', at);
  await asker.enqueuePublication('p1', at);
  await asker.enqueuePublication('p1', at + 1);
  expect(await asker.counts()).toMatchObject({ waiting: 2 });
  const { queue: worker } = await open(url);
  const delivered: string[] = [];
  await worker.work<{ publicationId: string }>(PUBLICATION_QUEUE, 1, async (job) => {
    delivered.push(job.publicationId);
  });
  await until('two deliveries', 15_000, () => (delivered.length >= 2 ? true : undefined));
  // Nothing more comes: give the worker a few polls to prove it.
  await new Promise((resolve) => setTimeout(resolve, 1500));
  expect(delivered).toEqual(['p1', 'p1']);
}, 60_000);

it('a job a dead worker holds does not hold up the queue, even when asked for again', async () => {
  const { queue: dead, url } = await open();
  const at = Date.now();
  await dead.enqueuePublication('held', at);
  // The "dead" worker takes the job and never finishes it.
  let taken = false;
  await dead.work<{ publicationId: string }>(PUBLICATION_QUEUE, 1, async () => {
    taken = true;
    await new Promise(() => undefined);
  });
  await until('the dead worker taking its job', 15_000, () => (taken ? true : undefined));
  // Another instance asks again for the same publication at the same time (askForLost within
  // one slot), and for other work.
  const { queue: live } = await open(url);
  await live.enqueuePublication('held', at);
  for (const id of ['a', 'b', 'c']) await live.enqueuePublication(id, at);
  const delivered: string[] = [];
  await live.work<{ publicationId: string }>(PUBLICATION_QUEUE, 2, async (job) => {
    delivered.push(job.publicationId);
  });
  await until('the live worker getting every job', 15_000, () =>
    delivered.length >= 4 ? true : undefined,
  );
  expect([...delivered].sort()).toEqual(['a', 'b', 'c', 'held']);
}, 60_000);

it('a schedule pass a dead worker holds does not hold up the next minutes', async () => {
  const { queue: dead, url } = await open();
  const minute = Math.floor(Date.now() / 60_000) * 60_000;
  await dead.enqueueSchedulePass(minute);
  let taken = false;
  await dead.work<{ at: number }>(SCHEDULE_QUEUE, 1, async () => {
    taken = true;
    await new Promise(() => undefined);
  });
  await until('the dead worker taking the pass', 15_000, () => (taken ? true : undefined));
  const { queue: live } = await open(url);
  await live.enqueueSchedulePass(minute);
  await live.enqueueSchedulePass(minute - 60_000);
  const passes: number[] = [];
  await live.work<{ at: number }>(SCHEDULE_QUEUE, 1, async (job) => {
    passes.push(job.at);
  });
  await until('both passes', 15_000, () => (passes.length >= 2 ? true : undefined));
  expect([...passes].sort()).toEqual([minute - 60_000, minute]);
}, 60_000);

// The mail outbox's and the meeting outbox's queues, asked as their passes ask (by row id and
// time, src/tasks/queue/row-delivery.ts): one database and one dead worker for both keeps the
// cost of this case to that of one.
it('a mail or meeting job a dead worker holds does not hold up its queue, even when asked for again', async () => {
  const { queue: dead, url } = await open();
  const at = Date.now();
  await dead.enqueueMail('held-mail', at);
  await dead.enqueueMeeting('held-meeting', at);
  const taken = new Set<string>();
  await dead.work<{ outboxId: string }>(MAIL_QUEUE, 1, async (job) => {
    taken.add(job.outboxId);
    await new Promise(() => undefined);
  });
  await dead.work<{ meetingId: string }>(MEETING_QUEUE, 1, async (job) => {
    taken.add(job.meetingId);
    await new Promise(() => undefined);
  });
  await until('the dead worker taking both jobs', 15_000, () =>
    taken.size === 2 ? true : undefined,
  );
  const { queue: live } = await open(url);
  await live.enqueueMail('held-mail', at);
  await live.enqueueMeeting('held-meeting', at);
  for (const id of ['a', 'b']) {
    await live.enqueueMail(`mail-${id}`, at);
    await live.enqueueMeeting(`meeting-${id}`, at);
  }
  const mails: string[] = [];
  const meetings: string[] = [];
  await live.work<{ outboxId: string }>(MAIL_QUEUE, 2, async (job) => {
    mails.push(job.outboxId);
  });
  await live.work<{ meetingId: string }>(MEETING_QUEUE, 2, async (job) => {
    meetings.push(job.meetingId);
  });
  await until('the live worker getting every job', 15_000, () =>
    mails.length >= 3 && meetings.length >= 3 ? true : undefined,
  );
  expect([...mails].sort()).toEqual(['held-mail', 'mail-a', 'mail-b']);
  expect([...meetings].sort()).toEqual(['held-meeting', 'meeting-a', 'meeting-b']);
}, 60_000);

it('an installation made with the old policy: its waiting jobs can no longer block a fetch', async () => {
  const url = await postgres!.createDatabase(`queue${++databases}`);
  // The queue as sitedesk made it before (policy `stately`), with one job waiting.
  const old = new PgBoss({
    connectionString: url,
    schema: 'pgboss',
    supervise: false,
    schedule: false,
  });
  await old.start();
  await old.createQueue(PUBLICATION_QUEUE, { name: PUBLICATION_QUEUE, policy: 'stately' });
  await old.send(PUBLICATION_QUEUE, { publicationId: 'old' }, { singletonKey: 'old@1' });
  // The mail and meeting queues were made `stately` too before they took the same policy.
  await old.createQueue(MAIL_QUEUE, { name: MAIL_QUEUE, policy: 'stately' });
  await old.send(MAIL_QUEUE, { outboxId: 'old-mail' }, { singletonKey: 'old-mail@1' });
  await old.createQueue(MEETING_QUEUE, { name: MEETING_QUEUE, policy: 'stately' });
  await old.send(MEETING_QUEUE, { meetingId: 'old-meeting' }, { singletonKey: 'old-meeting@1' });
  await old.stop({ graceful: false, wait: true });
  const { queue } = await open(url);
  const probe = new PgBoss({
    connectionString: url,
    schema: 'pgboss',
    supervise: false,
    schedule: false,
  });
  await probe.start();
  try {
    for (const name of [PUBLICATION_QUEUE, MAIL_QUEUE, MEETING_QUEUE])
      expect(await probe.getQueue(name)).toMatchObject({ policy: 'short' });
    const { rows } = await probe
      .getDb()
      .executeSql(
        'SELECT singleton_key AS key, policy FROM pgboss.job WHERE singleton_key LIKE $1',
        ['old%'],
      );
    const byKey = (x: { key: string }, y: { key: string }) => (x.key < y.key ? -1 : 1);
    expect([...(rows as { key: string }[])].sort(byKey)).toEqual([
      { key: 'old-mail@1', policy: 'short' },
      { key: 'old-meeting@1', policy: 'short' },
      { key: 'old@1', policy: 'short' },
    ]);
  } finally {
    await probe.stop({ graceful: false, wait: true });
  }
  const delivered: string[] = [];
  await queue.work<{ publicationId: string }>(PUBLICATION_QUEUE, 1, async (job) => {
    delivered.push(job.publicationId);
  });
  await until('the old job', 15_000, () => (delivered.length ? true : undefined));
  expect(delivered).toEqual(['old']);
}, 60_000);
