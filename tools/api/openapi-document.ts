/**
 * The OpenAPI document the service serves at `/api/openapi.json`, built from the real app's
 * route list on an in-memory database (nothing listens, nothing is written to disk). The
 * generated API reference (docs/api.md) and the web app's API types are written from it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { createMemorySecretStore } from '../../src/secrets/memory-store.js';
import { openApiDocument } from '../../src/server/api/openapi.js';
import { createApp } from '../../src/server/app.js';
import { systemClock } from '../../src/shared/clock.js';
import { createLogger } from '../../src/shared/logger.js';
import { openStore } from '../../src/store/index.js';
import { createAccounts } from '../../src/tasks/accounts/index.js';
import { createTaskService } from '../../src/tasks/index.js';

/** The OpenAPI document of the real app, as `GET /api/openapi.json` serves it. */
export async function currentOpenApiDocument(): Promise<Record<string, unknown>> {
  const store = await openStore({ dataDir: ':memory:' });
  const uploadDir = mkdtempSync(join(tmpdir(), 'sitedesk-docs-api-'));
  const silent = new Writable({ write: (_chunk, _enc, done) => done() });
  try {
    const tasks = createTaskService({ store, clock: systemClock });
    const accounts = await createAccounts({ store, clock: systemClock, newId: tasks.deps.newId });
    const app = createApp({
      version: 'docs',
      logger: createLogger({ level: 'silent', destination: silent }),
      secrets: { store: createMemorySecretStore(), reason: 'docs' },
      api: { tasks, accounts, uploadDir },
    });
    const routes = app.locals.routes ?? [];
    app.locals.stop?.();
    return openApiDocument(routes, 'docs');
  } finally {
    await store.close();
    rmSync(uploadDir, { recursive: true, force: true });
  }
}
