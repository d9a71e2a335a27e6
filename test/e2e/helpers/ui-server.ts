/**
 * The real sitedesk app (src/server) on a temporary SQLite database in a temporary data folder,
 * with the web app built by Vite into a temporary folder and served by the app's own `webApp`
 * option, exactly as `sitedesk serve` serves dist/ui (same headers and CSP).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { openFileSecretStore } from '../../../src/secrets/file-store.js';
import { createMemorySecretStore } from '../../../src/secrets/memory-store.js';
import {
  createApp,
  requestListener,
  type ApiOptions,
  type SitedeskApp,
} from '../../../src/server/app.js';
import { prepareApi } from '../../../src/server/prepare.js';
import { systemClock } from '../../../src/shared/clock.js';
import { createLogger, type Logger } from '../../../src/shared/logger.js';
import type { SecretStore } from '../../../src/secrets/types.js';
import { openStore, type Store } from '../../../src/store/index.js';
import { createTaskService, type TaskService } from '../../../src/tasks/index.js';
import type { Accounts } from '../../../src/tasks/accounts/index.js';

/** A running app with its parts, for seeding data and for the browser. */
export interface UiServer {
  url: string;
  /** The app's data folder (database, uploads; the git connector's warm clones go in `git/`). */
  dataDir: string;
  tasks: TaskService;
  accounts: Accounts;
  store: Store;
  setupToken: string | undefined;
  logs: string[];
  app: SitedeskApp;
  close(): Promise<void>;
}

export { buildUi } from './ui-build.js';

/** What extra API options (a connector factory, the runner) may be built from. */
export interface UiServerParts {
  tasks: TaskService;
  secrets: SecretStore;
  logger: Logger;
}

/** Which of sitedesk's secret stores the app keeps site passwords in. */
export interface UiServerStore {
  /**
   * `memory` (default): kept until the server stops, and the screens say so in a red box;
   * `file`: the encrypted file in the data folder, as a server without a keychain runs (what
   * the guides' screenshots should show).
   */
  secretStore?: 'memory' | 'file';
}

/** Starts the real app on 127.0.0.1 and a free port. */
export async function startUiServer(
  uiDir: string,
  options: Partial<ApiOptions> | ((parts: UiServerParts) => Partial<ApiOptions>) = {},
  { secretStore = 'memory' }: UiServerStore = {},
): Promise<UiServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'sitedesk-e2e-'));
  const store = await openStore({ dataDir });
  const tasks = createTaskService({ store, clock: systemClock });
  const { api, setupToken } = await prepareApi({ dataDir }, { store, tasks, clock: systemClock });
  const logs: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _enc, done) {
      logs.push(chunk.toString('utf8'));
      done();
    },
  });
  const logger = createLogger({ level: 'info', destination });
  const secrets =
    secretStore === 'file' ? await openFileSecretStore({ dataDir }) : createMemorySecretStore();
  const extra = typeof options === 'function' ? options({ tasks, secrets, logger }) : options;
  const app = createApp({
    version: '0.0.0-e2e',
    logger,
    secrets: { store: secrets, reason: `e2e test (${secretStore} store)` },
    api: { ...api, ...extra },
    webApp: { dir: uiDir },
  });
  const server: Server = await new Promise((resolve) => {
    const s = createServer(requestListener(app)).listen(0, '127.0.0.1', () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    dataDir,
    tasks,
    accounts: api.accounts,
    store,
    setupToken,
    logs,
    app,
    async close() {
      app.locals.stop?.();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await store.close();
      rmSync(dataDir, { recursive: true, force: true });
      // Each test file builds its own copy of the UI; it goes with the server.
      rmSync(uiDir, { recursive: true, force: true });
    },
  };
}
