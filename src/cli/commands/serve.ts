import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createServer } from 'node:http';
import { createApp, requestListener } from '../../server/app.js';
import { listenForMetrics } from '../../server/metrics-listener.js';
import { prepareApi } from '../../server/prepare.js';
import { createMailDesk } from '../../tasks/mail/index.js';
import { createMeetingDesk } from '../../tasks/meetings/index.js';
import { packageRoot, version } from '../../shared/version.js';
import { parseCommandArgs, println, UsageError, type Command } from '../command.js';
import { ExitCode } from '../exit-codes.js';
import { exitOnFatalErrors } from '../fatal-errors.js';
import { listenError } from '../listen-errors.js';
import { workspaceRunner } from '../publish-run.js';
import { createStoppableClock } from '../stoppable-clock.js';
import { openInstanceQueue, type InstanceQueue, type InstanceRole } from '../instance-queue.js';
import { openWorkspace } from '../workspace.js';
import { runForeground } from './run.js';

/** `sitedesk serve`: the HTTP service (and, unless --no-worker, the publisher) until SIGINT/SIGTERM. */
export const serveCommand: Command = {
  name: 'serve',
  summary: 'start the sitedesk service (HTTP API, web app and publisher)',
  help: `Usage: sitedesk serve [--port N] [--host ADDRESS] [--no-worker]

Starts the service in the foreground and logs to stdout (readable lines on a terminal, JSON
lines otherwise). Stop it with Ctrl-C. Settings come from SITEDESK_* environment variables or
the file named by SITEDESK_CONFIG (docs/operator/configuration.md); --port and --host override
them.
The publisher and the scheduler ("sitedesk worker") run inside the service too; with
--no-worker (or its older name --no-runner) they do not: the instance answers the API only,
and "sitedesk worker" processes do the work (on PostgreSQL as many as you like, sharing its
job queue; on SQLite one per database).
While no account exists, a one-time set-up token for the first administrator is printed to
standard error at start.`,
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs(argv, {
      port: { type: 'string' },
      host: { type: 'string' },
      'no-runner': { type: 'boolean' },
      'no-worker': { type: 'boolean' },
    });
    const worker = !values['no-worker'] && !values['no-runner'];
    const role: InstanceRole = worker ? 'api+worker' : 'api';
    if (values.help) {
      io.stdout.write(this.help + '\n');
      return ExitCode.ok;
    }
    if (positionals.length > 0)
      throw new UsageError(`serve takes no arguments (got "${positionals[0]}").`);
    const env = { ...io.env };
    if (values.port !== undefined) env.SITEDESK_PORT = values.port;
    if (values.host !== undefined) env.SITEDESK_HOST = values.host;

    const controller = new AbortController();
    const ws = await openWorkspace(env, 'service', {
      clock: createStoppableClock(controller.signal),
    });
    const { config, logger } = ws;
    const stopCatching = exitOnFatalErrors(logger);
    let background: Promise<void> = Promise.resolve();
    let mail: ReturnType<typeof createMailDesk> | undefined;
    let meetings: ReturnType<typeof createMeetingDesk> | undefined;
    let queue: InstanceQueue | undefined;
    try {
      // On PostgreSQL every instance hands what becomes due to the shared job queue.
      queue = await openInstanceQueue(ws, role);
      const runner = workspaceRunner(ws);
      const { api, setupToken } = await prepareApi(
        {
          dataDir: config.dataDir,
          ...(config.trustProxy === undefined ? {} : { trustProxy: config.trustProxy }),
        },
        {
          store: ws.store,
          clock: ws.clock,
          tasks: ws.tasks,
          connectorFor: ws.connectorFor,
          publications: runner,
        },
      );
      // Mail intake, urgent forwarding and the call-message deliveries run inside the service.
      // On PostgreSQL the outbox's mails go through the job queue to the workers, and each
      // mailbox is read by the one instance that holds it (docs/operator/scaling.md).
      mail = createMailDesk(
        { dataDir: config.dataDir, ...(config.publicUrl ? { publicUrl: config.publicUrl } : {}) },
        {
          tasks: ws.tasks,
          secrets: ws.secrets.store,
          logger,
          ...(queue ? { shared: queue.mail } : {}),
        },
      );
      await mail.start();
      // Meeting writes (calendar event, invitation) go out through their own outbox here.
      meetings = createMeetingDesk(
        { tasks: ws.tasks, secrets: ws.secrets.store, logger },
        queue ? { delivery: queue.meetings } : {},
      );
      meetings.start();
      // The web app is built by `npm run build` into dist/ui; without it the API still works.
      const webAppDir = join(packageRoot(), 'dist', 'ui');
      const webApp = existsSync(join(webAppDir, 'index.html')) ? { dir: webAppDir } : undefined;
      if (!webApp) logger.warn({ webAppDir }, 'the web app is not built: run "npm run build"');
      const app = createApp({
        version: version(),
        logger,
        secrets: ws.secrets,
        api: {
          ...api,
          mail,
          meetings,
          corsOrigins: config.corsOrigins,
          // On PostgreSQL, event ids shared by all instances: any of them replays a reconnect.
          ...(queue ? { sharedEvents: queue.events } : {}),
        },
        ...(webApp ? { webApp } : {}),
        processMetrics: true,
        instance: { database: ws.store.dialect, queue: queue?.queue.engine ?? null, role },
      });
      const server = createServer(requestListener(app)).listen(config.port, config.host);
      await new Promise<void>((resolve, reject) => {
        server.once('listening', resolve);
        server.once('error', (error) => reject(listenError(error, config.host, config.port)));
      });
      const { port } = server.address() as AddressInfo;
      const url = `http://${config.host}:${port}`;
      // Prometheus without a token: /metrics alone on its own address (issue 21).
      const metricsServer =
        config.metricsListen && app.locals.metrics
          ? await listenForMetrics(config.metricsListen, app.locals.metrics, logger).catch(
              (error: unknown) => {
                server.close();
                throw error;
              },
            )
          : undefined;
      if (metricsServer) {
        const at = metricsServer.address() as AddressInfo;
        logger.info({ metricsUrl: `http://${at.address}:${at.port}/metrics` }, 'metrics listening');
      }
      logger.info(
        {
          url,
          secretStore: ws.secrets.store.kind,
          version: version(),
          role,
          database: ws.store.dialect,
          queue: queue?.queue.engine ?? null,
        },
        `sitedesk listening on ${url}`,
      );
      // The set-up token is a credential: it goes to the terminal, never into the log.
      if (setupToken)
        println(
          io.stderr,
          `No account exists yet. Create the first administrator in the web app at ${url}/ (or POST ${url}/api/v1/setup) with this one-time set-up token, shown only now:\n  ${setupToken}`,
        );
      if (worker)
        background = runForeground(ws, controller.signal, undefined, queue, { mail, meetings });

      // Finish open requests and posts in flight, then exit; a second signal exits at once.
      await new Promise<void>((resolve) => {
        const stop = (signal: string): void => {
          logger.info({ signal }, 'stopping');
          controller.abort();
          metricsServer?.close();
          server.close(() => resolve());
          server.closeIdleConnections();
          // Live-progress streams (SSE) never go idle: give them a moment, then close them.
          setTimeout(() => server.closeAllConnections(), 3000).unref();
          process.once(signal, () => process.exit(ExitCode.failed));
        };
        process.once('SIGINT', () => stop('SIGINT'));
        process.once('SIGTERM', () => stop('SIGTERM'));
      });
    } finally {
      controller.abort();
      await background;
      // The intakes stop before the mailbox holds go with the queue's connections.
      await mail?.stop();
      await meetings?.stop();
      await queue?.close();
      await queue?.releaseMailboxes();
      await ws.close();
      stopCatching();
      logger.flush();
    }
    return ExitCode.ok;
  },
};
