/**
 * A mailing process killed with SIGKILL mid-way, then resumed: no address receives the
 * promotion twice, and any address that did not arrive is reported as "unknown — not resent"
 * (it was being handed over when the process died).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMailing } from '../../../src/connectors/mail/bulk-send.js';
import { createMailSender } from '../../../src/connectors/mail/sender.js';
import { parseMailboxSettings } from '../../../src/connectors/mail/settings.js';
import { createMemorySecretStore } from '../../../src/secrets/memory-store.js';
import { systemClock } from '../../../src/shared/clock.js';
import { createSilentLogger } from '../../../src/shared/logger.js';
import { startSmtpServer, type SmtpTestServer } from '../../env/mail/smtp.js';
import { fileRecipientState } from './file-state.js';
import { waitFor } from './helpers.js';
import { nodeArgs } from '../../env/node-scripts.js';

let smtp: SmtpTestServer;
let dir: string;
beforeAll(async () => {
  smtp = await startSmtpServer();
  dir = mkdtempSync(join(tmpdir(), 'sitedesk-mailing-'));
});
afterAll(async () => {
  await smtp?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('mailing killed with SIGKILL', () => {
  it('never sends twice after a resume; the one in flight is reported unknown', async () => {
    const count = 300;
    const statePath = join(dir, 'state.jsonl');
    const child = spawn(
      process.execPath,
      nodeArgs(
        join(import.meta.dirname, 'mailing-child.ts'),
        String(smtp.port),
        statePath,
        String(count),
      ),
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise((resolve) => child.once('exit', resolve));
    await waitFor(
      () => smtp.messages.length >= 100 || child.exitCode !== null,
      30_000,
      'the child mailing',
    );
    expect(stderr).toBe('');
    child.kill('SIGKILL');
    await exited;
    const beforeResume = smtp.messages.length;
    expect(beforeResume).toBeLessThan(count);

    const settings = parseMailboxSettings({
      id: 'crash',
      address: 'shop@bakery.example',
      imap: { host: '127.0.0.1', port: 1, secure: false, starttls: 'never' },
      smtp: { host: '127.0.0.1', port: smtp.port, secure: false, starttls: 'never' },
    });
    const secrets = createMemorySecretStore({ 'mailbox:crash': 'pass' });
    const sender = createMailSender(settings, {
      secrets,
      logger: createSilentLogger(),
      clock: systemClock,
    });
    const recipients = Array.from({ length: count }, (_, i) => ({
      email: `c${i + 1}@shop.example`,
    }));
    const report = await runMailing(
      recipients,
      {
        state: fileRecipientState(statePath),
        compose: (r) => ({
          from: { address: 'shop@bakery.example', name: '' },
          to: [{ address: r.email, name: '' }],
          subject: 'Sale',
          text: 'Sale!',
        }),
        send: (mail) => sender.send(mail, { saveToSent: false }),
        clock: systemClock,
        logger: createSilentLogger(),
      },
      { intervalMs: 0 },
    );
    sender.close();

    const arrived = smtp.messages.flatMap((m) => m.to);
    const times = new Map<string, number>();
    for (const to of arrived) times.set(to, (times.get(to) ?? 0) + 1);
    expect([...times.entries()].filter(([, n]) => n > 1)).toEqual([]); // never twice
    expect(report.unknown.length).toBeLessThanOrEqual(1);
    const missing = recipients.map((r) => r.email).filter((e) => !times.has(e));
    expect(missing.every((e) => report.unknown.includes(e))).toBe(true);
    expect(report.alreadySent + report.sent + report.unknown.length).toBe(count);
    expect(report.sent).toBe(count - report.alreadySent - report.unknown.length);
  });
});
