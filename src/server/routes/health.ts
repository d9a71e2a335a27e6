import { Router } from 'express';
import type { OpenedSecretStore } from '../../secrets/types.js';
import { route, type ApiRoute } from '../api/define.js';

/** Body of `GET /health`: alive, which version, which secret store (never any secret). */
export interface HealthBody {
  status: 'ok';
  version: string;
  secretStore: { kind: string; description: string; reason: string; warning?: string };
}

/** `GET /health` for load balancers and people: cheap, unauthenticated, no secrets. */
export function healthRouter(deps: { version: string; secrets: OpenedSecretStore }): Router {
  const router = Router();
  router.get('/health', (_req, res) => {
    const { store, reason, warning } = deps.secrets;
    const body: HealthBody = {
      status: 'ok',
      version: deps.version,
      secretStore: {
        kind: store.kind,
        description: store.description,
        reason,
        ...(warning ? { warning } : {}),
      },
    };
    res.json(body);
  });
  return router;
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
  secretStore: HealthBody['secretStore'];
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
      },
      async () => {
        const { store, reason, warning } = deps.secrets;
        const body: SystemBody = {
          version: deps.version,
          secretStore: {
            kind: store.kind,
            description: store.description,
            reason,
            ...(warning ? { warning } : {}),
          },
          env: SYSTEM_ENV_NAMES.map((name) => ({ name, set: Boolean(env[name]) })),
        };
        return { json: body };
      },
    ),
  ];
}
