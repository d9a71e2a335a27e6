/**
 * Run by mail-mailing.test.ts as its own process (tsx), killed with SIGKILL mid-way.
 * Arguments: data folder, mailing id. The mailbox password is in the environment (test only).
 */
import { systemClock } from '../../../src/shared/clock.js';
import { createMemorySecretStore } from '../../../src/secrets/memory-store.js';
import { runMailingById } from '../../../src/tasks/mail/mailing-run.js';
import { openSide } from './mail-setup.js';

const [dir, id] = process.argv.slice(2);
const secrets = createMemorySecretStore({ 'mailbox:promo': 'pw' });
const side = await openSide(dir ?? '', secrets, systemClock);
await runMailingById(side.ctx, id ?? '');
await side.close();
