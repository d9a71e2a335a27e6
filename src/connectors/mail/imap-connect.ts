/** Opens an imapflow connection for a mailbox, with timeouts and no library logging. */
import { ImapFlow } from 'imapflow';
import type { SecretStore } from '../../secrets/types.js';
import { messageOf } from '../../shared/errors.js';
import { MailError, starttlsAdvice } from './errors.js';
import { loginUser, mailboxPassword, type MailboxSettings } from './settings.js';

/** How long connecting and the greeting may take, in ms; when to start IDLE after the last command. */
export interface ConnectTimeouts {
  connectTimeoutMs: number;
  /** imapflow's default is 15 s, as long as the intake's check interval: IDLE would never start. */
  autoIdleDelayMs?: number;
}

/** `imap host:port` for messages. */
export function imapLabel(settings: MailboxSettings): string {
  return `imap ${settings.imap.host}:${settings.imap.port}`;
}

/** Connects and logs in; a MailError `mail_connect_failed` says which server and why. */
export async function connectImap(
  settings: MailboxSettings,
  secrets: SecretStore,
  timeouts: ConnectTimeouts,
): Promise<ImapFlow> {
  const pass = await mailboxPassword(settings, secrets);
  const client = new ImapFlow({
    host: settings.imap.host,
    port: settings.imap.port,
    secure: settings.imap.secure,
    ...imapStarttls(settings.imap.starttls),
    auth: { user: loginUser(settings, 'imap'), pass },
    // imapflow's logger can print protocol lines; sitedesk logs what it decides itself.
    logger: false,
    connectionTimeout: timeouts.connectTimeoutMs,
    greetingTimeout: timeouts.connectTimeoutMs,
    ...(timeouts.autoIdleDelayMs === undefined ? {} : { autoIdleDelay: timeouts.autoIdleDelayMs }),
  });
  // An unhandled 'error' event would end the whole process.
  client.on('error', () => {});
  try {
    await client.connect();
  } catch (error) {
    client.close();
    const authFailed =
      typeof error === 'object' &&
      error !== null &&
      'authenticationFailed' in error &&
      error.authenticationFailed === true;
    const reason = authFailed
      ? 'login refused (check the user name and the password)'
      : (starttlsAdvice(error, 'imap') ?? messageOf(error));
    throw new MailError(
      'mail_connect_failed',
      `${imapLabel(settings)} (mailbox ${settings.id}): ${reason}`,
      {
        cause: error,
      },
    );
  }
  return client;
}

/** imapflow's STARTTLS policy for ours (no key: upgrade when offered). */
function imapStarttls(policy: MailboxSettings['imap']['starttls']): { doSTARTTLS?: boolean } {
  if (policy === 'required') return { doSTARTTLS: true };
  return policy === 'never' ? { doSTARTTLS: false } : {};
}

/** `operation`, or a MailError `mail_unhealthy` when it takes longer than `ms` (the client is closed). */
export async function withTimeout<T>(
  client: ImapFlow,
  operation: Promise<T>,
  ms: number,
  sleep: (ms: number) => Promise<void>,
  what: string,
): Promise<T> {
  let timedOut = false;
  const timer = sleep(ms).then(() => {
    timedOut = true;
  });
  const result = await Promise.race([operation, timer]);
  if (timedOut) {
    operation.catch(() => {});
    client.close();
    throw new MailError('mail_unhealthy', `no answer to ${what} within ${Math.round(ms / 1000)} s`);
  }
  return result as T;
}
