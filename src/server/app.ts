import express, { type Express } from 'express';
import helmet from 'helmet';
import { z } from 'zod';
import type { OpenedSecretStore } from '../secrets/types.js';
import { systemClock, type Clock } from '../shared/clock.js';
import type { Logger } from '../shared/logger.js';
import type { Accounts } from '../tasks/accounts/index.js';
import type { TaskService } from '../tasks/index.js';
import type { MailDesk } from '../tasks/mail/index.js';
import type { MeetingDesk } from '../tasks/meetings/index.js';
import { answers } from './answers/page.js';
import { route, type ApiRoute } from './api/define.js';
import type { ConnectorFactory, PublicationControl, RouteDeps } from './api/deps.js';
import { mountRoutes } from './api/mount.js';
import { openApiDocument } from './api/openapi.js';
import { createAuthenticate } from './auth/authenticate.js';
import { createLoginLimiter, type LoginLimitConfig } from './auth/rate-limit.js';
import { createSharedLoginLimiter } from './auth/shared-rate-limit.js';
import { dialectOf } from '../store/index.js';
import { createCors } from './cors.js';
import { createListCache } from './list-cache.js';
import { headersOf, replayHeaders } from './security-headers.js';
import { keepRawBody } from './raw-body.js';
import { createErrorHandler, notFoundHandler } from './error-handler.js';
import { createEventHub, type EventHub } from './events/hub.js';
import { createSharedEventHub } from './events/shared-hub.js';
import type { SharedEventSource } from '../tasks/queue/index.js';
import { authRoutes } from './routes/auth.js';
import { clientSpaceRoutes } from './routes/client-space.js';
import { clientRoutes } from './routes/clients.js';
import { eventRoutes } from './routes/events.js';
import { healthRouter, systemRoutes, type InstanceFacts } from './routes/health.js';
import { metricsRoutes } from './routes/metrics.js';
import { createMetrics, type Metrics } from './metrics.js';
import { suppressionRoutes, unsubscribeRouter } from './routes/mail-suppressions.js';
import { previewRoutes } from './routes/preview.js';
import { promotionRoutes } from './routes/promotions.js';
import { publishingRoutes } from './routes/publishing.js';
import { threadRoutes } from './routes/thread.js';
import { scheduleRoutes } from './routes/schedules.js';
import { regionRoutes } from './routes/regions.js';
import { siteRoutes } from './routes/sites.js';
import { taskRoutes } from './routes/tasks.js';
import { userRoutes } from './routes/users.js';
import { mailRoutes } from './routes/mail.js';
import { replyFileRoutes } from './routes/mail-reply-files.js';
import { mailingRoutes } from './routes/mailings.js';
import { callRoutes } from './routes/calls.js';
import { letterExtraRoutes } from './routes/letter-extras.js';
import { letterheadChangeRoutes } from './routes/letterhead-changes.js';
import { letterRoutes } from './routes/letters.js';
import { meetingRoutes } from './routes/meetings.js';
import type { UploadLimits } from './multipart.js';
import { mountWebApp } from './web-app.js';
import {
  createTaskListLane,
  TASK_LIST_PATH,
  type TaskListLane,
} from './fast-lane/task-list-lane.js';

/** The JSON API's own dependencies; without them the app serves only `/health`. */
export interface ApiOptions {
  tasks: TaskService;
  accounts: Accounts;
  /** Folder for files clients upload with a request (inside the data folder). */
  uploadDir: string;
  /**
   * The data folder (taken mail in `mail/`, git clones in `git/`): a client's final removal
   * deletes its files there; without it only the upload folder is cleaned.
   */
  dataDir?: string;
  clock?: Clock;
  /** Builds a site's connector for `POST /sites/:id/check`; without it that route answers 503. */
  connectorFor?: ConnectorFactory;
  /** Retry/cancel of publications (the runner); without it those routes answer 503. */
  publications?: PublicationControl;
  /** express `trust proxy`: set it when behind an HTTPS proxy so cookies get `Secure`; default false. */
  trustProxy?: boolean | number | string;
  loginLimit?: LoginLimitConfig;
  /** Limits of images clients upload with a request (default 5 files of 8 MiB). */
  uploadLimits?: UploadLimits;
  /** Origins allowed to call the API with tokens (CORS); default none: CORS stays off. */
  corsOrigins?: readonly string[];
  /**
   * Reuse task-list pages between changes (default true): a page is served again only while
   * the database has not changed at all, by this or any other process, so it is never stale.
   */
  listCache?: boolean;
  /** Events kept for `Last-Event-ID` replays; default 1000 (without `sharedEvents`). */
  eventBufferSize?: number;
  /**
   * Several instances on PostgreSQL: every instance's live changes with shared ids (the event
   * relay); SSE ids and replays then hold on any instance. Without it this instance numbers
   * its own events and keeps the last `eventBufferSize` in memory.
   */
  sharedEvents?: SharedEventSource;
  /** Mail and calls (mailboxes, replies, call tasks, webhook, mailings); without it those routes answer 503. */
  mail?: MailDesk;
  /** Meetings in client calendars (issue 19); without it those routes answer 503. */
  meetings?: MeetingDesk;
  /**
   * Answer cached task-list pages in front of express (default true; needs `listCache`): same
   * auth, headers and bytes, a fraction of the CPU. `false` sends every request through express.
   */
  fastLane?: boolean;
}

/** What the HTTP app needs; everything is injected so tests build the real app in-process. */
export interface AppDeps {
  version: string;
  secrets: OpenedSecretStore;
  logger: Logger;
  api?: ApiOptions;
  /** The built web app to serve at `/` (a folder with index.html); none when undefined. */
  webApp?: { dir: string };
  /** Add Node's process metrics (memory, event-loop lag, GC) to /metrics; default false. */
  processMetrics?: boolean;
  /** What this instance is (database, job queue, role): said by /health. */
  instance?: InstanceFacts;
}

/** The app, its routes (for the OpenAPI document and the route × role test) and its event hub. */
export type SitedeskApp = Express & {
  locals: {
    routes?: readonly ApiRoute[];
    hub?: EventHub;
    stop?: () => void;
    /** The task-list fast lane, when it is on; requestListener(app) puts it in front. */
    lane?: TaskListLane;
    /** Prometheus metrics (with the API): also served on the separate metrics address. */
    metrics?: Metrics;
  };
};

/** Every API route of the app, in mount order. */
export function apiRoutes(deps: RouteDeps, version: string): ApiRoute[] {
  const routes = [
    ...authRoutes(deps),
    ...userRoutes(deps),
    ...clientRoutes(deps),
    ...siteRoutes(deps),
    ...taskRoutes(deps),
    ...publishingRoutes(deps),
    ...threadRoutes(deps),
    ...scheduleRoutes(deps),
    ...promotionRoutes(deps),
    ...regionRoutes(deps),
    ...clientSpaceRoutes(deps),
    ...eventRoutes(deps),
    ...previewRoutes(deps),
    ...mailRoutes(deps),
    ...replyFileRoutes(deps),
    ...mailingRoutes(deps),
    ...suppressionRoutes(deps),
    ...callRoutes(deps),
    ...letterRoutes(deps),
    ...letterExtraRoutes(deps),
    ...letterheadChangeRoutes(deps),
    ...meetingRoutes(deps),
  ];
  let document: unknown;
  routes.push(
    route(
      {
        method: 'get',
        path: '/api/openapi.json',
        access: 'public',
        tag: 'meta',
        summary: 'This OpenAPI 3.1 document',
        responses: answers(200, 'The document', z.record(z.string(), z.unknown())),
      },
      async () => ({ json: (document ??= openApiDocument(routes, version)) }),
    ),
  );
  return routes;
}

/** Builds the express app (not listening; `serve` or supertest does that). */
export function createApp(deps: AppDeps): SitedeskApp {
  const app: SitedeskApp = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  // No ETags: hashing every task page costs time and the web app follows changes over SSE.
  app.set('etag', false);
  app.set('trust proxy', deps.api?.trustProxy ?? false);
  const securityHeaders = headersOf(
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          objectSrc: ["'none'"],
          // A letter's PDF is shown in the page from a blob the app fetched with its own
          // sign-in (the client's link is a header, which a frame's address cannot carry).
          frameSrc: ["'self'", 'blob:'],
          baseUri: ["'none'"],
          frameAncestors: ["'none'"],
          formAction: ["'self'"],
        },
      },
      frameguard: { action: 'deny' },
      referrerPolicy: { policy: 'no-referrer' },
    }),
  );
  app.use(replayHeaders(securityHeaders));
  // One debug line per request, naming the route pattern, never the raw URL (preview and
  // link tokens would otherwise land in the log).
  app.use((req, res, next) => {
    // Checked per request (the level may change at run time); skipping the finish listener
    // when debug is off spares the hot task list a listener and a closure per request.
    if (!deps.logger.isLevelEnabled('debug')) return next();
    const started = performance.now();
    res.on('finish', () => {
      const route: unknown = req.route;
      const pattern =
        typeof route === 'object' && route && 'path' in route ? String(route.path) : 'unmatched';
      deps.logger.debug(
        {
          method: req.method,
          route: pattern,
          status: res.statusCode,
          ms: Math.round(performance.now() - started),
        },
        'request',
      );
    });
    next();
  });
  // CORS is off unless origins are listed: without it no Access-Control-* header is ever
  // sent, so pages on other origins cannot read answers.
  if (deps.api?.corsOrigins?.length) app.use('/api', createCors(deps.api.corsOrigins));
  // With the API, requests are timed for /metrics (issue 21).
  const metrics = deps.api
    ? createMetrics({
        db: deps.api.tasks.deps.db,
        clock: deps.api.clock ?? systemClock,
        processMetrics: deps.processMetrics === true,
      })
    : undefined;
  app.locals.metrics = metrics;
  if (metrics) app.use(metrics.timeRequests);
  app.use(express.json({ limit: '1mb', strict: true, verify: keepRawBody }));
  app.use(healthRouter(deps));
  if (deps.api) {
    const { api } = deps;
    const clock = api.clock ?? systemClock;
    const hub = api.sharedEvents
      ? createSharedEventHub(api.sharedEvents)
      : createEventHub(api.tasks.events, {
          size: api.eventBufferSize,
          clientOfSite: async (id) =>
            (await api.tasks.getSite(id).catch(() => undefined))?.clientId,
          onError: (err: unknown) => deps.logger.error({ err }, 'event hub failed'),
        });
    const listCache =
      api.listCache === false ? undefined : createListCache(() => api.tasks.dataVersion());
    const routeDeps: RouteDeps = {
      tasks: api.tasks,
      accounts: api.accounts,
      secrets: deps.secrets.store,
      clock,
      logger: deps.logger,
      connectorFor: api.connectorFor,
      publications: api.publications,
      mail: api.mail,
      meetings: api.meetings,
      uploadDir: api.uploadDir,
      dataDir: api.dataDir,
      uploadLimits: api.uploadLimits ?? {},
      hub,
      listCache,
      // On PostgreSQL instances share one count of failed sign-ins; SQLite has one instance.
      limiter:
        dialectOf(api.tasks.deps.db) === 'postgres'
          ? createSharedLoginLimiter(api.loginLimit ?? {}, clock, api.tasks.deps.db)
          : createLoginLimiter(api.loginLimit ?? {}, clock),
    };
    const routes = apiRoutes(routeDeps, deps.version);
    routes.push(...systemRoutes(deps)); // admins' System page (issue 14)
    if (metrics) routes.push(...metricsRoutes(metrics));
    app.locals.routes = routes;
    app.locals.hub = hub;
    app.locals.stop = () => {
      hub.close();
    };
    // Unsubscribe links in mailings: no account, no cookie (RFC 8058 one-click).
    app.use(unsubscribeRouter(api.mail));
    const authenticate = createAuthenticate(api.accounts);
    app.use('/api', authenticate);
    mountRoutes(app, routes);
    const taskList = routes.find((r) => r.spec.method === 'get' && r.spec.path === TASK_LIST_PATH);
    // Cached task-list pages are answered before express by requestListener(app), for the HTTP
    // server to use: see fast-lane/request-listener.ts and task-list-lane.ts.
    if (listCache && taskList && api.fastLane !== false) {
      const lane = createTaskListLane({
        route: taskList,
        accounts: api.accounts,
        listCache,
        securityHeaders,
        // The debug line per request names the route; only express's way writes it.
        bypass: () => deps.logger.isLevelEnabled('debug'),
        cors: Boolean(api.corsOrigins?.length),
      });
      app.locals.lane = lane;
    }
  }
  if (deps.webApp) mountWebApp(app, deps.webApp.dir);
  app.use(notFoundHandler);
  app.use(createErrorHandler(deps.logger));
  return app;
}

export { requestListener } from './fast-lane/request-listener.js';
