import type { AddressInfo } from 'node:net';
import { createApp } from '../../server/app.js';
import { version } from '../../shared/version.js';
import { parseCommandArgs, UsageError, type Command } from '../command.js';
import { openRuntime } from '../runtime.js';
import { ExitCode } from '../exit-codes.js';

/** `sitedesk serve`: the HTTP service in the foreground until SIGINT/SIGTERM. */
export const serveCommand: Command = {
  name: 'serve',
  summary: 'start the sitedesk service (HTTP API and web app)',
  help: `Usage: sitedesk serve [--port N] [--host ADDRESS]

Starts the service in the foreground and logs JSON lines to stdout. Stop it with Ctrl-C.
Settings come from SITEDESK_* environment variables or the file named by SITEDESK_CONFIG
(see the README, "Configuration"); --port and --host override them.`,
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs(argv, {
      port: { type: 'string' },
      host: { type: 'string' },
    });
    if (values.help) {
      io.stdout.write(this.help + '\n');
      return ExitCode.ok;
    }
    if (positionals.length > 0)
      throw new UsageError(`serve takes no arguments (got "${positionals[0]}").`);
    const env = { ...io.env };
    if (values.port !== undefined) env.SITEDESK_PORT = values.port;
    if (values.host !== undefined) env.SITEDESK_HOST = values.host;

    const { config, logger, secrets } = await openRuntime(env, 'service');
    const app = createApp({ version: version(), logger, secrets });
    const server = app.listen(config.port, config.host);
    await new Promise<void>((resolve, reject) => {
      server.once('listening', resolve);
      server.once('error', reject);
    });
    const { port } = server.address() as AddressInfo;
    logger.info(
      { url: `http://${config.host}:${port}`, secretStore: secrets.store.kind, version: version() },
      `sitedesk listening on http://${config.host}:${port}`,
    );

    // Finish open requests, then exit; a second signal exits at once.
    await new Promise<void>((resolve) => {
      const stop = (signal: string): void => {
        logger.info({ signal }, 'stopping');
        server.close(() => resolve());
        server.closeIdleConnections();
        process.once(signal, () => process.exit(ExitCode.failed));
      };
      process.once('SIGINT', () => stop('SIGINT'));
      process.once('SIGTERM', () => stop('SIGTERM'));
    });
    logger.flush();
    return ExitCode.ok;
  },
};
