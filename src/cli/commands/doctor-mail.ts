import type { SecretStore } from '../../secrets/types.js';
import { systemClock } from '../../shared/clock.js';
import { messageOf } from '../../shared/errors.js';
import type { Logger } from '../../shared/logger.js';
import { openStore } from '../../store/index.js';
import { createTaskService } from '../../tasks/index.js';
import { createMailDesk, mailboxFindings } from '../../tasks/mail/index.js';

/**
 * The doctor's "mailboxes" finding: each mailbox's recorded intake health plus a live login
 * check. It takes the secret store the doctor already opened (opening it again would repeat
 * the keychain's start-up probe).
 */
export async function checkMailboxes(
  dataDir: string,
  secrets: SecretStore,
  logger: Logger,
  timeoutMs = 10_000,
): Promise<{ check: string; status: 'ok' | 'warn' | 'fail'; summary: string; notes: string[] }> {
  let store;
  try {
    store = await openStore({ dataDir }, { logger });
  } catch (error) {
    return {
      check: 'mailboxes',
      status: 'fail',
      summary: 'cannot be checked',
      notes: [messageOf(error)],
    };
  }
  try {
    const tasks = createTaskService({ store, clock: systemClock });
    const desk = createMailDesk({ dataDir }, { tasks, secrets, logger });
    const findings = await mailboxFindings(desk, timeoutMs);
    if (findings.length === 0) {
      return { check: 'mailboxes', status: 'ok', summary: 'none configured', notes: [] };
    }
    const bad = findings.filter((f) => !f.ok);
    return {
      check: 'mailboxes',
      // A mailbox that stopped answering is a failure to act on, never a quiet note.
      status: bad.length > 0 ? 'fail' : 'ok',
      summary:
        bad.length > 0
          ? `${bad.length} of ${findings.length} unhealthy`
          : `${findings.length} healthy`,
      notes: findings.map((f) => `${f.ok ? 'ok  ' : 'FAIL'} ${f.address}: ${f.detail}`),
    };
  } catch (error) {
    return {
      check: 'mailboxes',
      status: 'fail',
      summary: 'cannot be checked',
      notes: [messageOf(error)],
    };
  } finally {
    await store.close();
  }
}
