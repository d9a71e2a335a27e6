import { messageOf } from '../../shared/errors.js';
import type { Logger } from '../../shared/logger.js';
import { openStore } from '../../store/index.js';

/** The doctor's "database" finding: opens (and migrates) the database and counts what it holds. */
export async function checkDatabase(
  dataDir: string,
  logger: Logger,
): Promise<{ check: string; status: 'ok' | 'warn' | 'fail'; summary: string; notes: string[] }> {
  let store;
  try {
    store = await openStore({ dataDir }, { logger });
  } catch (error) {
    return {
      check: 'database',
      status: 'fail',
      summary: 'cannot be opened',
      notes: [messageOf(error)],
    };
  }
  try {
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
  } catch (error) {
    return {
      check: 'database',
      status: 'fail',
      summary: store.filename,
      notes: [messageOf(error)],
    };
  } finally {
    await store.close();
  }
}
