import { statSync } from 'node:fs';
import type { Logger } from '../../shared/logger.js';
import type { StoreConfig } from '../../store/index.js';
import { inspectDatabase, type Finding } from './doctor-finding.js';

/** The doctor's "database" finding: opens (and migrates) the database and counts what it holds. */
export function checkDatabase(where: StoreConfig, logger: Logger): Promise<Finding> {
  const { dataDir } = where;
  return inspectDatabase(
    where,
    logger,
    { check: 'database', cannotOpen: 'cannot be opened' },
    async (store) => {
      const count = async (table: 'clients' | 'sites' | 'tasks' | 'schedules') =>
        Number(
          (
            await store.db
              .selectFrom(table)
              .select((eb) => eb.fn.countAll().as('n'))
              .executeTakeFirst()
          )?.n ?? 0,
        );
      const waiting = await store.db
        .selectFrom('publications')
        .select(['state', (eb) => eb.fn.countAll().as('n')])
        .where('state', 'in', ['pending', 'publishing', 'failed'])
        .groupBy('state')
        .execute();
      const byState = Object.fromEntries(waiting.map((r) => [r.state, Number(r.n)]));
      const failed = byState.failed ?? 0;
      // Work whose process is gone: its lease ran out; a running sitedesk takes it over.
      const now = Date.now();
      const stalled = (
        await store.db
          .selectFrom('publications')
          .select(['lease_until'])
          .where('state', '=', 'publishing')
          .execute()
      ).filter((r) => r.lease_until === null || Date.parse(r.lease_until) <= now).length;
      // On PostgreSQL the data folder holds no database (only clones and uploads).
      const mode = store.dialect === 'sqlite' ? statSync(dataDir).mode & 0o777 : 0o700;
      const readable = (mode & 0o077) !== 0;
      return {
        check: 'database',
        status: failed > 0 || stalled > 0 || readable ? 'warn' : 'ok',
        summary: `${store.dialect === 'postgres' ? 'PostgreSQL' : 'SQLite'} ${store.filename}`,
        notes: [
          `${await count('clients')} clients, ${await count('sites')} sites, ${await count('tasks')} tasks, ${await count('schedules')} schedules`,
          `publications waiting for "sitedesk run": ${(byState.pending ?? 0) + (byState.publishing ?? 0)}`,
          ...(failed > 0
            ? [`${failed} publication(s) failed: see "sitedesk task list --status failed"`]
            : []),
          ...(stalled > 0
            ? [
                `${stalled} publication(s) held by a sitedesk process that is gone (lease ran out): "sitedesk run" or "serve" takes them over; "sitedesk task show" says which`,
              ]
            : []),
          ...(readable
            ? [
                `the data folder ${dataDir} can be read by other users (mode ${mode.toString(8)}): chmod 700 ${dataDir}`,
              ]
            : []),
        ],
      };
    },
  );
}
