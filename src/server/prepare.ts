import { join } from 'node:path';
import { systemClock, type Clock } from '../shared/clock.js';
import type { Store } from '../store/index.js';
import { createAccounts } from '../tasks/accounts/index.js';
import { createTaskService, type TaskService } from '../tasks/index.js';
import type { ApiOptions } from './app.js';

/** What `sitedesk serve` needs to give the app its API. */
export interface PrepareApiDeps {
  store: Pick<Store, 'db'>;
  clock?: Clock;
  /** The task service the runner and scheduler share (one event stream); made here when absent. */
  tasks?: TaskService;
  connectorFor?: ApiOptions['connectorFor'];
  publications?: ApiOptions['publications'];
}

/**
 * Builds the API's options on an open store (runs the accounts migration) and, while no account
 * exists, a one-time set-up token for the first admin — print it at start (it is shown nowhere
 * else; `sitedesk user add` is the other way in). Uploads go to `<dataDir>/uploads`.
 */
export async function prepareApi(
  config: { dataDir: string; trustProxy?: ApiOptions['trustProxy'] },
  deps: PrepareApiDeps,
): Promise<{ api: ApiOptions; setupToken: string | undefined }> {
  const clock = deps.clock ?? systemClock;
  const tasks = deps.tasks ?? createTaskService({ store: deps.store, clock });
  const accounts = await createAccounts({ store: deps.store, clock, newId: tasks.deps.newId });
  const api: ApiOptions = {
    tasks,
    accounts,
    clock,
    uploadDir: join(config.dataDir, 'uploads'),
    dataDir: config.dataDir,
    ...(config.trustProxy === undefined ? {} : { trustProxy: config.trustProxy }),
    ...(deps.connectorFor ? { connectorFor: deps.connectorFor } : {}),
    ...(deps.publications ? { publications: deps.publications } : {}),
  };
  return { api, setupToken: await accounts.createSetupToken() };
}
