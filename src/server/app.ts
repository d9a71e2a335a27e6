import express, { type Express } from 'express';
import type { OpenedSecretStore } from '../secrets/types.js';
import type { Logger } from '../shared/logger.js';
import { createErrorHandler, notFoundHandler } from './error-handler.js';
import { healthRouter } from './routes/health.js';

/** What the HTTP app needs; everything is injected so tests build the real app in-process. */
export interface AppDeps {
  version: string;
  secrets: OpenedSecretStore;
  logger: Logger;
}

/** Builds the express app (not listening; `serve` or supertest does that). */
export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  app.use((_req, res, next) => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('X-Frame-Options', 'DENY');
    next();
  });
  app.use(express.json({ limit: '1mb' }));
  app.use(healthRouter(deps));
  app.use(notFoundHandler);
  app.use(createErrorHandler(deps.logger));
  return app;
}
