import { Router } from 'express';
import type { OpenedSecretStore } from '../../secrets/types.js';

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
