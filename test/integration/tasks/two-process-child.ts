/**
 * One "sitedesk process" for two-process-work.test.ts, run as its own process (tsx). It opens
 * the database in `dir`, waits for the common start instant (so both processes race), then:
 * - `schedules <dir> <startAt> <clockAt>`: three scheduler passes at the clock `clockAt` (+ real time);
 * - `intake <dir> <startAt> <mailboxId> <count>`: takes messages 1..count of one mailbox (the
 *   same ones as the other process, as two intakes on one mailbox would);
 * - `mailing <dir> <startAt> <mailingId> <leaseMs>`: runs the mailing (the SMTP password is `pw`).
 * Prints one JSON line with what it did; a refusal ends it with the message on stderr.
 */
import { createMemorySecretStore } from '../../../src/secrets/memory-store.js';
import { systemClock, type Clock } from '../../../src/shared/clock.js';
import { parseMail } from '../../../src/connectors/mail/parse.js';
import { getMailbox } from '../../../src/tasks/mail/mailboxes.js';
import { runMailingById } from '../../../src/tasks/mail/mailing-run.js';
import { takeMail } from '../../../src/tasks/mail/take.js';
import { openSide } from './mail-setup.js';

const [mode, dir = '', startAt = '0', a = '', b = ''] = process.argv.slice(2);
const started = Date.now();
const clock: Clock =
  mode === 'schedules'
    ? { now: () => Number(a) + (Date.now() - started), sleep: systemClock.sleep }
    : systemClock;
const side = await openSide(dir, createMemorySecretStore({ 'mailbox:promo': 'pw' }), clock);
await new Promise((resolve) => setTimeout(resolve, Math.max(0, Number(startAt) - Date.now())));
try {
  if (mode === 'schedules') {
    let dispatched = 0;
    for (let pass = 0; pass < 3; pass++)
      dispatched += (await side.tasks.dispatchDueSchedules()).dispatched.length;
    console.log(JSON.stringify({ dispatched }));
  } else if (mode === 'intake') {
    const mailbox = await getMailbox(side.tasks.deps, a);
    const outcomes: Record<string, number> = {};
    for (let uid = 1; uid <= Number(b); uid++) {
      const raw = `From: Customer ${uid} <c${uid}@example.test>\r\nTo: shop@example.test\r\nSubject: Order ${uid}\r\nMessage-ID: <order-${uid}@example.test>\r\n\r\nTwo loaves, please.\r\n`;
      const mail = {
        ...(await parseMail(raw)),
        mailboxId: a,
        folder: 'INBOX',
        uidValidity: '7',
        uid,
        raw: Buffer.from(raw),
      };
      const taken = await takeMail(side.ctx, mailbox, mail);
      outcomes[taken.outcome] = (outcomes[taken.outcome] ?? 0) + 1;
    }
    console.log(JSON.stringify(outcomes));
  } else if (mode === 'mailing') {
    const done = await runMailingById(side.ctx, a, { leaseMs: Number(b) });
    console.log(JSON.stringify({ state: done.state, sent: done.report?.sent }));
  }
} finally {
  await side.close();
}
