/** Shared set-up of the mail task tests: a file database, a client, a mailbox on the test dovecot. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createMemorySecretStore } from '../../../src/secrets/memory-store.js';
import type { SecretStore } from '../../../src/secrets/types.js';
import { systemClock, type Clock } from '../../../src/shared/clock.js';
import { createSilentLogger } from '../../../src/shared/logger.js';
import { openStore, type Store } from '../../../src/store/index.js';
import { createTaskService, type TaskService } from '../../../src/tasks/index.js';
import { createMailContext, type MailContext } from '../../../src/tasks/mail/context.js';
import type { ImapServer } from '../../env/mail/dovecot.js';

/** An open sitedesk side: store, task service, mail context. Close and open again to "restart". */
export interface Side {
  store: Store;
  tasks: TaskService;
  ctx: MailContext;
  close(): Promise<void>;
}

/** A fresh data folder with its secret store (kept across "restarts"). */
export function dataFolder(): { dir: string; secrets: SecretStore } {
  return {
    dir: mkdtempSync(join(tmpdir(), 'sitedesk-mailtasks-')),
    secrets: createMemorySecretStore(),
  };
}

/** Opens the store in `dir` and builds the mail context. */
export async function openSide(
  dir: string,
  secrets: SecretStore,
  clock: Clock = systemClock,
): Promise<Side> {
  const store = await openStore({ dataDir: dir });
  const tasks = createTaskService({ store, clock });
  const ctx = createMailContext({
    deps: tasks.deps,
    secrets,
    logger: createSilentLogger(),
    mailDir: join(dir, 'mail'),
  });
  return {
    store,
    tasks,
    ctx,
    close: async () => {
      ctx.closeSenders();
      await store.close();
    },
  };
}

/** Mailbox settings of `user` on `imap`, sending through `smtpPort` (the test servers speak no TLS). */
export function mailboxSettings(
  imap: ImapServer,
  smtpPort: number,
  user = imap.users[0]!,
  id = `box-${user.user}`,
) {
  return {
    id,
    address: `${user.user}@example.test`,
    displayName: `Shop ${user.user}`,
    imap: {
      host: imap.host,
      port: imap.port,
      secure: false,
      starttls: 'never' as const,
      user: user.user,
    },
    smtp: {
      host: '127.0.0.1',
      port: smtpPort,
      secure: false,
      starttls: 'never' as const,
      user: user.user,
    },
  };
}
