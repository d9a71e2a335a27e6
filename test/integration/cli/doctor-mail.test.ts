import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../src/cli/run-cli.js';
import { withWorkspace } from '../../../src/cli/workspace.js';
import { createMailDesk } from '../../../src/tasks/mail/index.js';
import { startImapServer, type ImapServer } from '../../env/mail/dovecot.js';
import { startSmtpServer, type SmtpTestServer } from '../../env/mail/smtp.js';
import { captureIo } from '../../unit/cli/cli-io.js';
import { mailboxSettings } from '../tasks/mail-setup.js';

// `sitedesk doctor` against a real dovecot and a real SMTP server: a mailbox that stops
// answering must show as failing, never pass quietly.
let imap: ImapServer;
let smtp: SmtpTestServer;
beforeAll(async () => {
  imap = await startImapServer();
  smtp = await startSmtpServer();
});
afterAll(async () => {
  await smtp?.stop();
  await imap?.dispose();
});

interface Report {
  ok: boolean;
  findings: { check: string; status: string; summary: string; notes: string[] }[];
}

async function doctor(env: NodeJS.ProcessEnv): Promise<{ code: number; report: Report }> {
  const run = captureIo(env);
  const code = await runCli(['doctor', '--json'], run.io);
  return { code, report: JSON.parse(run.out()) as Report };
}

describe('sitedesk doctor: mailboxes', () => {
  it('shows a healthy mailbox, then a failing one when its IMAP server goes away', async () => {
    const env = {
      SITEDESK_SECRET_STORE: 'file',
      SITEDESK_DATA_DIR: mkdtempSync(join(tmpdir(), 'sitedesk-doctor-mail-')),
    };
    const user = imap.users[0]!;
    const settings = mailboxSettings(imap, smtp.port, user);
    await withWorkspace(env, async (ws) => {
      const client = await ws.tasks.createClient(
        { name: 'Bakery', timezone: 'Europe/Prague' },
        ws.actor,
      );
      await ws.secrets.store.set(`mailbox:${settings.id}`, user.password);
      const desk = createMailDesk(
        { dataDir: ws.config.dataDir },
        { tasks: ws.tasks, secrets: ws.secrets.store, logger: ws.logger },
      );
      await desk.addMailbox({ clientId: client.id, settings });
    });

    const healthy = await doctor(env);
    const box = healthy.report.findings.find((f) => f.check === 'mailboxes');
    expect(box?.status).toBe('ok');
    expect(box?.summary).toBe('1 healthy');
    expect(healthy.code).toBe(0);

    await imap.stop();
    const down = await doctor(env);
    const failing = down.report.findings.find((f) => f.check === 'mailboxes');
    expect(failing?.status).toBe('fail');
    expect(failing?.notes[0]).toMatch(/^FAIL /);
    expect(down.code).toBe(1);
    expect(JSON.stringify(down.report)).not.toContain(user.password);
  });
});
