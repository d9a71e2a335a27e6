import { sql } from 'kysely';
import type { Logger } from '../../shared/logger.js';
import type { StoreConfig } from '../../store/index.js';
import { QUEUE_ENGINE } from '../../tasks/queue/index.js';
import { inspectDatabase, type Finding } from './doctor-finding.js';

/**
 * The doctor's "job queue" finding: on PostgreSQL the pg-boss jobs by state and the sitedesk
 * instances connected now with their roles (each names itself in `application_name`,
 * src/cli/instance-queue.ts); on SQLite, that there is no queue.
 */
export function checkQueue(where: StoreConfig, logger: Logger): Promise<Finding> {
  return inspectDatabase(
    where,
    logger,
    { check: 'job queue', cannotOpen: 'the database cannot be opened' },
    async (store) => {
      if (store.dialect !== 'postgres')
        return {
          check: 'job queue',
          status: 'ok',
          summary: 'none on SQLite: the publisher reads the outbox',
          notes: ['one "sitedesk serve" or "sitedesk worker" per database does the publishing'],
        };
      const installed = await sql<{ n: string }>`
        select count(*) as n from information_schema.tables
        where table_schema = 'pgboss' and table_name = 'job'`.execute(store.db);
      const instances = await sql<{ name: string }>`
        select application_name as name from pg_stat_activity
        where datname = current_database() and application_name like 'sitedesk-%'
        group by application_name order by application_name`.execute(store.db);
      // Only the queue connections name a role (`sitedesk-worker:host:pid`); others are helpers.
      const roles = instances.rows
        .map((r) => r.name.replace(/^sitedesk-/, ''))
        .filter((name) => /^(api|worker|api\+worker):/.test(name));
      const workers = roles.filter((r) => r.startsWith('worker') || r.startsWith('api+worker'));
      if (Number(installed.rows[0]?.n ?? 0) === 0)
        return {
          check: 'job queue',
          status: 'warn',
          summary: `${QUEUE_ENGINE}: not set up yet`,
          notes: ['"sitedesk serve" or "sitedesk worker" sets it up on its first start'],
        };
      const states = await sql<{ state: string; n: string }>`
        select state::text as state, count(*) as n from pgboss.job
        where name like 'sitedesk.%' group by state`.execute(store.db);
      const count = (s: string) => Number(states.rows.find((r) => r.state === s)?.n ?? 0);
      return {
        check: 'job queue',
        status: workers.length === 0 ? 'warn' : 'ok',
        summary: `${QUEUE_ENGINE} in schema pgboss: ${count('created') + count('retry')} waiting, ${count('active')} running, ${count('failed')} failed`,
        notes: [
          roles.length > 0
            ? `instances connected (role:host:pid): ${roles.join(', ')}`
            : 'no sitedesk instance is connected now',
          ...(workers.length === 0
            ? [
                'no worker is running: start "sitedesk worker" (or "sitedesk serve" without --no-worker)',
              ]
            : []),
        ],
      };
    },
  );
}
