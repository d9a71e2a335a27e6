import { ConfigError } from '../shared/errors.js';

/**
 * Why the server could not listen, in words an administrator can act on (issue 23): Node's
 * `listen EADDRINUSE: address already in use 127.0.0.1:8080` used to end as "This is a bug".
 * Answers a ConfigError (exit code 3) for the causes a setting fixes; anything else as it was.
 */
export function listenError(error: unknown, host: string, port: number): unknown {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'EADDRINUSE')
    return new ConfigError(
      `port ${port} is in use on ${host} (another sitedesk or program listens there); set SITEDESK_PORT (or --port) to a free port, e.g. SITEDESK_PORT=${port === 8080 ? 8081 : 8080}.`,
      { cause: error },
    );
  if (code === 'EACCES')
    return new ConfigError(
      `port ${port} may only be opened by an administrator on this system; set SITEDESK_PORT (or --port) to a port above 1023, e.g. SITEDESK_PORT=8080.`,
      { cause: error },
    );
  if (code === 'EADDRNOTAVAIL')
    return new ConfigError(
      `the address ${host} does not belong to this machine; set SITEDESK_HOST (or --host) to one of its addresses, e.g. SITEDESK_HOST=127.0.0.1.`,
      { cause: error },
    );
  return error;
}
