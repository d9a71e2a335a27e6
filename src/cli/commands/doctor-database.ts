import type { Logger } from '../../shared/logger.js';
import { inspectDatabase, type Finding } from './doctor-finding.js';

/** The doctor's "database" finding: opens (and migrates) the database and counts what it holds. */
export function checkDatabase(dataDir: string, logger: Logger): Promise<Finding> {
  return inspectDatabase(
    dataDir,
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
      return {
        check: 'database',
        status: failed > 0 ? 'warn' : 'ok',
        summary: `SQLite ${store.filename}`,
        notes: [
          `${await count('clients')} clients, ${await count('sites')} sites, ${await count('tasks')} tasks, ${await count('schedules')} schedules`,
          `publications waiting for "sitedesk run": ${(byState.pending ?? 0) + (byState.publishing ?? 0)}`,
          ...(failed > 0
            ? [`${failed} publication(s) failed: see "sitedesk task list --status failed"`]
            : []),
        ],
      };
    },
  );
}
