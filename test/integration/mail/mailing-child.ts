/**
 * Run by mailing-crash.test.ts as a separate process (tsx) that the test kills with SIGKILL
 * in the middle of a mailing. Arguments: SMTP port, state file, number of recipients.
 */
import { createMailSender } from '../../../src/connectors/mail/sender.js';
import { runMailing } from '../../../src/connectors/mail/bulk-send.js';
import { parseMailboxSettings } from '../../../src/connectors/mail/settings.js';
import { createMemorySecretStore } from '../../../src/secrets/memory-store.js';
import { systemClock } from '../../../src/shared/clock.js';
import { createSilentLogger } from '../../../src/shared/logger.js';
import { fileRecipientState } from './file-state.js';

const [port, statePath, count] = process.argv.slice(2);
const settings = parseMailboxSettings({
  id: 'crash',
  address: 'shop@bakery.example',
  imap: { host: '127.0.0.1', port: 1, secure: false, starttls: 'never' },
  smtp: { host: '127.0.0.1', port: Number(port), secure: false, starttls: 'never' },
});
const secrets = createMemorySecretStore({ 'mailbox:crash': 'pass' });
const sender = createMailSender(settings, {
  secrets,
  logger: createSilentLogger(),
  clock: systemClock,
});
const recipients = Array.from({ length: Number(count) }, (_, i) => ({
  email: `c${i + 1}@shop.example`,
}));
await runMailing(
  recipients,
  {
    state: fileRecipientState(statePath ?? ''),
    compose: (r) => ({
      from: { address: settings.address, name: '' },
      to: [{ address: r.email, name: '' }],
      subject: 'Sale',
      text: 'Sale!',
    }),
    send: (mail) => sender.send(mail, { saveToSent: false }),
    clock: systemClock,
    logger: createSilentLogger(),
  },
  { intervalMs: 5 },
);
sender.close();
