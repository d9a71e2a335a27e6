import { openSecretStore } from '../secrets/open.js';
import type { OpenedSecretStore } from '../secrets/types.js';
import { loadConfig, type Config } from '../shared/config.js';
import { createLogger, logDestination, type Logger } from '../shared/logger.js';

/** What most commands need: validated config, a redacting logger, the chosen secret store. */
export interface Runtime {
  config: Config;
  logger: Logger;
  secrets: OpenedSecretStore;
}

/**
 * Loads config from `env` (ConfigError when wrong) and opens the configured secret store.
 * `service` (serve, run) logs at the configured level to stdout; one-shot commands keep stdout
 * for their answer, log only errors to stderr and say warnings in words themselves. Lines are
 * JSON, or readable lines on a terminal (config `logFormat`).
 */
export async function openRuntime(
  env: NodeJS.ProcessEnv,
  mode: 'service' | 'command' = 'command',
): Promise<Runtime> {
  const config = loadConfig(env);
  const logger =
    mode === 'service'
      ? createLogger({ level: config.logLevel, destination: logDestination(config.logFormat, 1) })
      : createLogger({ level: 'error', destination: logDestination(config.logFormat, 2) });
  const secrets = await openSecretStore(config, { logger });
  return { config, logger, secrets };
}
