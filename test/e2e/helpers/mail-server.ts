/**
 * The real app with a real mail desk, wired as `sitedesk serve` wires it (createMailDesk with
 * the app's tasks, secrets and logger), and a real dovecot and SMTP server on loopback. The
 * intake looks quickly here (the defaults are much longer).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SecretStore } from '../../../src/secrets/types.js';
import { createMailDesk } from '../../../src/tasks/mail/index.js';
import { startImapServer, type ImapServer } from '../../env/mail/dovecot.js';
import { startSmtpServer, type SmtpTestServer } from '../../env/mail/smtp.js';
import type { ApiOptions } from '../../../src/server/app.js';
import { buildUi, startUiServer, type UiServer, type UiServerParts } from './ui-server.js';

/** Intake timings for tests: health every 2 s, polls and backoff in fractions of a second. */
export const FAST_INTAKE = {
  healthIntervalMs: 2_000,
  pollIntervalMs: 300,
  backoffInitialMs: 100,
  backoffMaxMs: 400,
};

/** The running app, its mail desk and the two mail servers. */
export interface MailUiServer {
  server: UiServer;
  desk: ReturnType<typeof createMailDesk>;
  imap: ImapServer;
  smtp: SmtpTestServer;
  secrets: SecretStore;
  /** Adds the first dovecot user's mailbox to `clientId` (password in the secret store); answers its address. */
  addMailbox(clientId: string, id?: string): Promise<string>;
  /** Stops the desk, the app and both servers (an SMTP server a test stopped already is fine). */
  stop(): Promise<void>;
}

/**
 * Starts dovecot, SMTP and the app with its mail desk; the desk is not started yet. `extra`
 * adds more of the app's parts built from the same tasks, secrets and logger (the meeting desk).
 */
export async function startMailUiServer(
  extra: (parts: UiServerParts) => Partial<ApiOptions> = () => ({}),
): Promise<MailUiServer> {
  const mailDir = mkdtempSync(join(tmpdir(), 'sitedesk-e2e-mail-'));
  const [imap, smtp, uiDir] = await Promise.all([startImapServer(), startSmtpServer(), buildUi()]);
  let desk: ReturnType<typeof createMailDesk> | undefined;
  let secrets: SecretStore | undefined;
  const server = await startUiServer(uiDir, (parts) => {
    secrets = parts.secrets;
    desk = createMailDesk({ dataDir: mailDir, intake: FAST_INTAKE }, parts);
    return { ...extra(parts), mail: desk };
  });
  if (!desk || !secrets) throw new Error('the app was started without its mail desk');
  const started = { desk, secrets };
  return {
    server,
    imap,
    smtp,
    ...started,
    async addMailbox(clientId, id = 'bakery-inbox') {
      const user = imap.users[0]!;
      const address = `${user.user}@example.test`;
      const login = { secure: false, starttls: 'never', user: user.user } as const;
      await started.secrets.set(`mailbox:${id}`, user.password);
      await started.desk.addMailbox({
        clientId,
        settings: {
          id,
          address,
          imap: { host: imap.host, port: imap.port, ...login },
          smtp: { host: '127.0.0.1', port: smtp.port, ...login },
        },
      });
      return address;
    },
    async stop() {
      await started.desk.stop();
      await server.close();
      await smtp.stop().catch(() => undefined);
      await imap.dispose();
      rmSync(mailDir, { recursive: true, force: true });
    },
  };
}
