/**
 * One sitedesk process for letters-send.test.ts, run as its own process (tsx) so the test can
 * kill it with SIGKILL: opens the database in `dir`, starts the mail desk (whose outbox sends
 * the queued letter) and waits to be killed. Arguments: dir, mailbox id, mailbox password.
 */
import { createMemorySecretStore } from '../../../src/secrets/memory-store.js';
import { createSilentLogger } from '../../../src/shared/logger.js';
import { createMailDesk } from '../../../src/tasks/mail/index.js';
import { openSide } from './mail-setup.js';

const [dir = '', mailboxId = '', password = ''] = process.argv.slice(2);
const secrets = createMemorySecretStore({ [`mailbox:${mailboxId}`]: password });
const side = await openSide(dir, secrets);
const desk = createMailDesk(
  {
    dataDir: dir,
    outbox: { retryInitialMs: 200, retryMaxMs: 500, intervalMs: 100, leaseMs: 2_000 },
  },
  { tasks: side.tasks, secrets, logger: createSilentLogger() },
);
await desk.start();
console.log('started');
setInterval(() => undefined, 1_000);
