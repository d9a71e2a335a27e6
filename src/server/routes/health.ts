import { Router } from 'express';
import type { OpenedSecretStore } from '../../secrets/types.js';
import { route, type ApiRoute } from '../api/define.js';
import { secretStoreKindAnswer, systemAnswer } from '../answers/system.js';
import { answers } from '../answers/page.js';

/** What sitedesk says about its secret store (never a secret; paths only to administrators). */
export interface SecretStoreFacts {
  kind: string;
  description: string;
  reason: string;
  warning?: string;
}

/** What one instance is, for /health behind a load balancer (issue 22): no address, no name. */
export interface InstanceFacts {
  database: 'sqlite' | 'postgres';
  /** The job queue's engine (`pg-boss 10`), or null on SQLite where the runner reads the outbox. */
  queue: string | null;
  /** `api` (serve --no-worker), `worker` or `api+worker` (serve). */
  role: 'api' | 'worker' | 'api+worker';
}

/** Body of `GET /health`: alive, which version and what this instance is — nothing else to anonymous callers. */
export type HealthBody = { status: 'ok'; version: string } & Partial<InstanceFacts>;

/**
 * `GET /health` for load balancers and people: cheap and unauthenticated, so it says only that
 * sitedesk answers, its version (issue 16) and, from `sitedesk serve`, the kind of database,
 * the queue engine and this instance's role (issue 22) — kinds, never addresses. Where secrets are kept and why is for signed-in
 * administrators (`GET /api/v1/system`) and `sitedesk doctor`.
 */
export function healthRouter(deps: { version: string; instance?: InstanceFacts }): Router {
  const router = Router();
  router.get('/health', (_req, res) => {
    const body: HealthBody = { status: 'ok', version: deps.version, ...deps.instance };
    res.json(body);
  });
  return router;
}

function storeFacts(secrets: OpenedSecretStore): SecretStoreFacts {
  const { store, reason, warning } = secrets;
  return {
    kind: store.kind,
    description: store.description,
    reason,
    ...(warning ? { warning } : {}),
  };
}

/** The environment variables that choose and open the secret store and the data folder. */
export const SYSTEM_ENV_NAMES = [
  'SITEDESK_SECRET_STORE',
  'SITEDESK_MASTER_KEY',
  'SITEDESK_KEYCHAIN_TIMEOUT_MS',
  'SITEDESK_DATA_DIR',
  'SITEDESK_CONFIG',
] as const;

/** Body of `GET /api/v1/system`: operator facts for administrators (never a secret or a value). */
export interface SystemBody {
  version: string;
  secretStore: SecretStoreFacts;
  /** Each variable of SYSTEM_ENV_NAMES and whether it is set; values are never shown. */
  env: { name: string; set: boolean }[];
}

/**
 * `GET /api/v1/system` for the web app's System page (issue 14): where secrets are kept, why,
 * and which variables change it — facts for whoever runs sitedesk, not for the secretary,
 * whose screens say one sentence. `env` defaults to the process environment.
 */
export function systemRoutes(deps: {
  version: string;
  secrets: OpenedSecretStore;
  env?: NodeJS.ProcessEnv;
}): ApiRoute[] {
  const env = deps.env ?? process.env;
  return [
    route(
      {
        method: 'get',
        path: '/api/v1/system',
        access: 'admin',
        tag: 'meta',
        summary: 'How this installation is set up (secret store, environment variable names)',
        responses: answers(200, 'The installation’s facts', systemAnswer),
      },
      async () => {
        const body: SystemBody = {
          version: deps.version,
          secretStore: storeFacts(deps.secrets),
          env: SYSTEM_ENV_NAMES.map((name) => ({ name, set: Boolean(env[name]) })),
        };
        return { json: body };
      },
    ),
    route(
      {
        method: 'get',
        path: '/api/v1/secret-store',
        access: 'agency',
        tag: 'meta',
        summary:
          'Which kind of secret store keeps the site passwords (keychain, file, memory): the one sentence the secretary sees',
        responses: answers(200, 'The kind of secret store', secretStoreKindAnswer),
      },
      async () => ({ json: { kind: deps.secrets.store.kind } }),
    ),
  ];
}
