/**
 * Figures for /metrics (issue 21), read from the database at scrape time, so they are the same
 * whichever process (serve, run, a second runner) did the work.
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../store/index.js';

/** What /metrics shows besides the HTTP latencies; ages and lags in seconds. */
export interface OperationalFigures {
  publications: { state: string; siteKind: string; count: number }[];
  /** Outcomes of publishing attempts as the history records them (it is append-only). */
  attempts: { outcome: string; count: number }[];
  /** Age of the oldest publication waiting to be published (pending and due); 0 when none. */
  queueAgeSeconds: number;
  /** How far the most overdue enabled schedule is behind its next run; 0 when none is. */
  scheduleLagSeconds: number;
  /**
   * Per mailbox (not archived): 0 while its intake is healthy, else seconds since it stopped
   * being healthy — how long mail may have waited on the server without becoming a task.
   */
  mailboxes: { mailbox: string; healthy: boolean; intakeLagSeconds: number; taken: number }[];
}

const ATTEMPT_OUTCOMES = ['published', 'updated', 'retry_scheduled', 'failed'] as const;

/** Reads the figures; `now` in ms since the epoch. */
export async function readOperationalFigures(
  db: Kysely<Database>,
  now: number,
): Promise<OperationalFigures> {
  const publications = await db
    .selectFrom('publications')
    .innerJoin('sites', 'sites.id', 'publications.site_id')
    .select(['publications.state as state', 'sites.kind as siteKind'])
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .groupBy(['publications.state', 'sites.kind'])
    .execute();
  const attempts = await db
    .selectFrom('history')
    .select('action as outcome')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('entity', '=', 'publication')
    .where('action', 'in', ATTEMPT_OUTCOMES)
    .groupBy('action')
    .execute();
  const nowIso = new Date(now).toISOString();
  const oldest = await db
    .selectFrom('publications')
    .select((eb) => eb.fn.min('created_at').as('at'))
    .where('state', '=', 'pending')
    .where((eb) => eb.or([eb('next_attempt_at', 'is', null), eb('next_attempt_at', '<=', nowIso)]))
    .executeTakeFirst();
  const overdue = await db
    .selectFrom('schedules')
    .select((eb) => eb.fn.min('next_run_at').as('at'))
    .where('enabled', '=', 1)
    .where('next_run_at', '<=', nowIso)
    .executeTakeFirst();
  const boxes = await db
    .selectFrom('mailboxes')
    .select(['id', 'health_state', 'health_since'])
    .select(
      sql<number>`(SELECT count(*) FROM mail_messages m WHERE m.mailbox_id = mailboxes.id)`.as(
        'taken',
      ),
    )
    .where('archived_at', 'is', null)
    .orderBy('id')
    .execute();
  return {
    publications: publications.map((p) => ({ ...p, count: Number(p.count) })),
    attempts: ATTEMPT_OUTCOMES.map((outcome) => ({
      outcome,
      count: Number(attempts.find((a) => a.outcome === outcome)?.count ?? 0),
    })),
    queueAgeSeconds: secondsSince(oldest?.at, now),
    scheduleLagSeconds: secondsSince(overdue?.at, now),
    mailboxes: boxes.map((box) => {
      const healthy = box.health_state === 'healthy';
      return {
        mailbox: box.id,
        healthy,
        intakeLagSeconds: healthy ? 0 : secondsSince(box.health_since, now),
        taken: Number(box.taken),
      };
    }),
  };
}

function secondsSince(iso: string | null | undefined, now: number): number {
  if (!iso) return 0;
  const at = Date.parse(iso);
  return Number.isNaN(at) ? 0 : Math.max(0, (now - at) / 1000);
}
