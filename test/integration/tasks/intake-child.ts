/**
 * Run by mail-health-heartbeat.test.ts as a separate process (tsx): the mail desk of a
 * `sitedesk serve` on the data folder in argv[2], reading its mailboxes with a health interval
 * of argv[3] ms, until the test kills it (SIGKILL) or freezes it (SIGSTOP). The mailbox
 * password comes in SITEDESK_TEST_MAILBOX_PASSWORD under the account in argv[4].
 */
import { createMemorySecretStore } from '../../../src/secrets/memory-store.js';
import { createSilentLogger } from '../../../src/shared/logger.js';
import { createMailDesk } from '../../../src/tasks/mail/index.js';
import { openSide } from './mail-setup.js';

const [dir, every, account] = process.argv.slice(2);
const secrets = createMemorySecretStore({
  [account ?? '']: process.env.SITEDESK_TEST_MAILBOX_PASSWORD ?? '',
});
const side = await openSide(dir ?? '', secrets);
const desk = createMailDesk(
  { dataDir: dir ?? '', intake: { healthIntervalMs: Number(every), pollIntervalMs: 300 } },
  { tasks: side.tasks, secrets, logger: createSilentLogger() },
);
await desk.start();
process.stdout.write('running\n');
setInterval(() => undefined, 60_000);
