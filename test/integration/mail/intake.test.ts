/**
 * Mail intake against a real dovecot: exactly once across a restart of our side and of the
 * server, threading, the polling path, and health when the server goes away.
 */
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../../src/shared/clock.js';
import { createSilentLogger } from '../../../src/shared/logger.js';
import {
  createMailIntake,
  type IncomingMail,
  type IntakeOptions,
} from '../../../src/connectors/mail/intake.js';
import type { MailboxHealth } from '../../../src/connectors/mail/health.js';
import { startImapServer, type ImapServer } from '../../env/mail/dovecot.js';
import { mailboxFor, memoryCheckpoints, rawMessage, waitFor } from './helpers.js';

let imap: ImapServer;
beforeAll(async () => {
  imap = await startImapServer();
});
afterAll(async () => {
  await imap?.dispose();
});

const fast: IntakeOptions = {
  healthIntervalMs: 2_000,
  pollIntervalMs: 500,
  backoffInitialMs: 100,
  backoffMaxMs: 400,
};

function intakeFor(
  server: ImapServer,
  received: IncomingMail[],
  checkpoints = memoryCheckpoints(),
  options = fast,
  user = server.users[0]!,
) {
  const { settings, secrets } = mailboxFor(server, 1, user);
  const changes: MailboxHealth[] = [];
  const intake = createMailIntake(settings, options, {
    secrets,
    logger: createSilentLogger(),
    clock: systemClock,
    checkpoints,
    onMessage: async (mail) => {
      received.push(mail);
    },
    onHealth: (h) => changes.push(h),
  });
  return { intake, checkpoints, changes };
}

const ids = (mails: IncomingMail[]): string[] => mails.map((m) => m.messageId ?? '?');

describe('mail intake (dovecot)', () => {
  it('takes each message exactly once across a restart of sitedesk and of dovecot', async () => {
    const user = imap.users[0]!.user;
    for (const n of [1, 2, 3])
      await imap.deliver(user, rawMessage({ id: `m${n}@example.org`, subject: `m${n}` }));
    const received: IncomingMail[] = [];
    const first = intakeFor(imap, received);
    first.intake.start();
    await waitFor(() => received.length >= 3, 10_000, 'the first three messages');
    await first.intake.stop();
    expect(first.checkpoints.current?.lastUid).toBe(3);

    // Mail arriving while sitedesk is down is taken by the next run, nothing twice.
    for (const n of [4, 5])
      await imap.deliver(user, rawMessage({ id: `m${n}@example.org`, subject: `m${n}` }));
    const second = intakeFor(imap, received, first.checkpoints);
    second.intake.start();
    await waitFor(() => received.length >= 5, 10_000, 'messages 4 and 5');

    // The server restarts under a running intake: it reconnects and goes on.
    await imap.restart();
    await imap.deliver(user, rawMessage({ id: 'm6@example.org', subject: 'm6' }));
    await waitFor(() => received.length >= 6, 15_000, 'message 6 after the server restart');
    await new Promise((resolve) => setTimeout(resolve, 700)); // room for a duplicate to show
    await second.intake.stop();

    expect(ids(received)).toEqual([1, 2, 3, 4, 5, 6].map((n) => `m${n}@example.org`));
    expect(received.map((m) => m.uid)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(new Set(received.map((m) => m.uidValidity)).size).toBe(1);
    expect(second.changes.map((h) => h.state)).toContain('unhealthy');
    expect(second.intake.health().state).toBe('healthy');
  });

  it('groups a conversation by its root Message-ID and keeps attachments', async () => {
    const user = imap.users[1]!;
    const boundary = 'b1';
    const withAttachment = [
      'From: customer@example.org',
      'To: bob@example.test',
      'Subject: Re: Re: order',
      'Message-ID: <c@example.org>',
      'References: <a@example.org> <b@example.test>',
      'In-Reply-To: <b@example.test>',
      'MIME-Version: 1.0',
      `Content-Type: multipart/mixed; boundary="${boundary}"`,
      '',
      `--${boundary}`,
      'Content-Type: text/plain; charset=utf-8',
      '',
      'See the list.',
      `--${boundary}`,
      'Content-Type: text/csv; name="list.csv"',
      'Content-Disposition: attachment; filename="list.csv"',
      '',
      'a,b',
      `--${boundary}--`,
      '',
    ].join('\r\n');
    await imap.deliver(
      user.user,
      rawMessage({ id: 'a@example.org', subject: 'order', to: 'bob@example.test' }),
    );
    await imap.deliver(
      user.user,
      rawMessage({ id: 'unrelated@example.org', subject: 'other', to: 'bob@example.test' }),
    );
    await imap.deliver(user.user, withAttachment);
    const received: IncomingMail[] = [];
    const { intake } = intakeFor(imap, received, memoryCheckpoints(), fast, user);
    intake.start();
    await waitFor(() => received.length >= 3, 10_000, 'three messages');
    await intake.stop();
    const [a, other, c] = received;
    expect(a!.threadKey).toBe('a@example.org');
    expect(c!.threadKey).toBe('a@example.org');
    expect(other!.threadKey).toBe('unrelated@example.org');
    expect(c!.inReplyTo).toBe('b@example.test');
    expect(c!.attachments.map((x) => [x.filename, x.content.toString().trim()])).toEqual([
      ['list.csv', 'a,b'],
    ]);
  });

  it('starts from new mail only when asked, and retries a message whose handler failed', async () => {
    const own = await startImapServer();
    try {
      const user = own.users[0]!.user;
      await own.deliver(user, rawMessage({ id: 'old@example.org', subject: 'old' }));
      const received: IncomingMail[] = [];
      const errors: (string | undefined)[] = [];
      let failures = 0;
      const { settings, secrets } = mailboxFor(own, 1);
      const intake = createMailIntake(
        settings,
        { ...fast, healthIntervalMs: 600, startFrom: 'new' },
        {
          secrets,
          logger: createSilentLogger(),
          clock: systemClock,
          checkpoints: memoryCheckpoints(),
          onMessage: async (mail) => {
            if (mail.messageId === 'n1@example.org' && failures++ === 0)
              throw new Error('database busy');
            received.push(mail);
          },
          onHealth: (h) => errors.push(h.intakeError),
        },
      );
      intake.start();
      await waitFor(() => intake.health().state === 'healthy', 5_000, 'healthy');
      await own.deliver(user, rawMessage({ id: 'n1@example.org', subject: 'n1' }));
      await own.deliver(user, rawMessage({ id: 'n2@example.org', subject: 'n2' }));
      await waitFor(() => received.length >= 2, 5_000, 'n1 and n2');
      await intake.stop();
      expect(failures).toBe(2);
      expect(errors).toEqual([undefined, 'database busy', undefined]); // healthy, failing, cleared
      expect(ids(received)).toEqual(['n1@example.org', 'n2@example.org']);
    } finally {
      await own.dispose();
    }
  });

  it('takes the folder again when the server renumbers it (new UIDVALIDITY)', async () => {
    const own = await startImapServer();
    try {
      const user = own.users[0]!.user;
      await own.deliver(user, rawMessage({ id: 'r1@example.org', subject: 'r1' }));
      const received: IncomingMail[] = [];
      const checkpoints = memoryCheckpoints();
      const first = intakeFor(own, received, checkpoints);
      first.intake.start();
      await waitFor(() => received.length >= 1, 5_000, 'r1');
      await first.intake.stop();
      await own.stop();
      // Without its UID list and indexes dovecot assigns a new UIDVALIDITY (as after a migration).
      for (const name of readdirSync(own.maildir(user))) {
        if (name.startsWith('dovecot')) rmSync(join(own.maildir(user), name), { force: true });
      }
      await new Promise((resolve) => setTimeout(resolve, 1_100)); // UIDVALIDITY is a timestamp in seconds
      await own.restart();
      const second = intakeFor(own, received, checkpoints);
      second.intake.start();
      await waitFor(() => received.length >= 2, 5_000, 'r1 again');
      await second.intake.stop();
      expect(ids(received)).toEqual(['r1@example.org', 'r1@example.org']);
      expect(received[1]!.uidValidity).not.toBe(received[0]!.uidValidity);
      expect(checkpoints.current).toEqual({ uidValidity: received[1]!.uidValidity, lastUid: 1 });
    } finally {
      await own.dispose();
    }
  });

  it('takes new mail pushed by IDLE at once, well before the next check', async () => {
    const own = await startImapServer();
    try {
      const received: IncomingMail[] = [];
      // Checks every 5 s: only IDLE can bring the message sooner.
      const { intake } = intakeFor(own, received, memoryCheckpoints(), {
        ...fast,
        healthIntervalMs: 10_000,
      });
      intake.start();
      await waitFor(() => intake.health().state === 'healthy', 5_000, 'healthy');
      await new Promise((resolve) => setTimeout(resolve, 1_500)); // IDLE has started
      await own.deliver(
        own.users[0]!.user,
        rawMessage({ id: 'pushed@example.org', subject: 'pushed' }),
      );
      const took = await waitFor(() => received.length === 1, 5_000, 'the pushed message');
      await intake.stop();
      expect(took).toBeLessThan(1_000);
    } finally {
      await own.dispose();
    }
  });

  it('polls a server without IDLE', async () => {
    const plain = await startImapServer({ idle: false });
    try {
      const received: IncomingMail[] = [];
      const { intake } = intakeFor(plain, received);
      intake.start();
      await waitFor(() => intake.health().state === 'healthy', 5_000, 'the first check');
      expect(intake.health().push).toBe(false);
      await plain.deliver(
        plain.users[0]!.user,
        rawMessage({ id: 'polled@example.org', subject: 'polled' }),
      );
      const took = await waitFor(() => received.length === 1, 5_000, 'the polled message');
      await intake.stop();
      expect(took).toBeLessThan(2_000);
    } finally {
      await plain.dispose();
    }
  });

  it('shows a mailbox that goes away as unhealthy within the interval, then healthy again', async () => {
    const own = await startImapServer();
    try {
      const { intake } = intakeFor(own, [], memoryCheckpoints(), { ...fast, backoffMaxMs: 300 });
      intake.start();
      await waitFor(() => intake.health().state === 'healthy', 5_000, 'healthy');
      expect(intake.health().push).toBe(true);
      await own.stop();
      const took = await waitFor(() => intake.health().state === 'unhealthy', 5_000, 'unhealthy');
      expect(took).toBeLessThanOrEqual(fast.healthIntervalMs!);
      expect(intake.health().reason).toMatch(/closed|ECONNREFUSED|connect/i);
      await own.restart();
      await waitFor(() => intake.health().state === 'healthy', 5_000, 'healthy again');
      await intake.stop();
    } finally {
      await own.dispose();
    }
  });

  it('shows a server that hangs (connection open, no answer) as unhealthy within the interval', async () => {
    const own = await startImapServer();
    try {
      const { intake } = intakeFor(own, [], memoryCheckpoints(), { ...fast, backoffMaxMs: 300 });
      intake.start();
      await waitFor(() => intake.health().state === 'healthy', 5_000, 'healthy');
      own.freeze();
      const took = await waitFor(() => intake.health().state === 'unhealthy', 5_000, 'unhealthy');
      // By design within the interval (a check every half interval, each allowed half of it); the
      // margin is for a loaded CI machine.
      expect(took).toBeLessThanOrEqual(fast.healthIntervalMs! + 600);
      expect(intake.health().reason).toMatch(/no answer/);
      own.thaw();
      await waitFor(() => intake.health().state === 'healthy', 8_000, 'healthy after thawing');
      await intake.stop();
    } finally {
      own.thaw();
      await own.dispose();
    }
  });
});
