import { createConnectorCache } from '../connectors/registry.js';
import type { Connector } from '../connectors/types.js';
import { systemClock, type Clock } from '../shared/clock.js';
import { openStore, type Store } from '../store/index.js';
import { createAccounts, type Accounts } from '../tasks/accounts/index.js';
import { createTaskService, type Site, type TaskService } from '../tasks/index.js';
import { openRuntime, type Runtime } from './runtime.js';

/** The runtime plus the open database, the task service and one connector per site. */
export interface Workspace extends Runtime {
  store: Store;
  tasks: TaskService;
  clock: Clock;
  /** The connector of a site, built once per site by the registry (by the site's kind). */
  connectorFor: (site: Site) => Connector;
  /** Who the history names for changes made from this command line. */
  actor: { actor: string };
  /** The environment it was opened with (systemd's CREDENTIALS_DIRECTORY, for instance). */
  env: NodeJS.ProcessEnv;
  close(): Promise<void>;
}

/**
 * Opens everything a data command needs: config, logger, secret store (openRuntime), the
 * database in the data folder (migrated) and the task service on it. Close it when done.
 */
export async function openWorkspace(
  env: NodeJS.ProcessEnv,
  mode: 'service' | 'command' = 'command',
  options: { clock?: Clock } = {},
): Promise<Workspace> {
  const runtime = await openRuntime(env, mode);
  const store = await openStore(
    { dataDir: runtime.config.dataDir, databaseUrl: runtime.config.databaseUrl },
    { logger: runtime.logger },
  );
  const clock = options.clock ?? systemClock;
  const tasks = createTaskService({ store, clock });
  const connectorFor = createConnectorCache({
    secrets: runtime.secrets.store,
    logger: runtime.logger,
    clock,
    dataDir: runtime.config.dataDir,
  });
  return {
    ...runtime,
    store,
    tasks,
    clock,
    connectorFor,
    actor: { actor: actorName(env) },
    env,
    close: () => store.close(),
  };
}

/**
 * The accounts service on the workspace's database, its tables brought up to date first (a
 * data folder the service never opened has none yet).
 */
export function openAccounts(ws: Workspace): Promise<Accounts> {
  return createAccounts({ store: ws.store, clock: ws.clock, newId: ws.tasks.deps.newId });
}

/** The history's "who" for the command line: SITEDESK_ACTOR, else the login name. */
export function actorName(env: NodeJS.ProcessEnv): string {
  return (env.SITEDESK_ACTOR ?? env.USER ?? env.LOGNAME ?? 'cli').trim().slice(0, 200) || 'cli';
}

/** Runs `work` with an open workspace and closes it afterwards, whatever happens. */
export async function withWorkspace<T>(
  env: NodeJS.ProcessEnv,
  work: (ws: Workspace) => Promise<T>,
  mode: 'service' | 'command' = 'command',
): Promise<T> {
  const ws = await openWorkspace(env, mode);
  try {
    return await work(ws);
  } finally {
    await ws.close();
  }
}
