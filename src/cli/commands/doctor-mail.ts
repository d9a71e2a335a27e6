import type { SecretStore } from '../../secrets/types.js';
import { systemClock } from '../../shared/clock.js';
import type { Logger } from '../../shared/logger.js';
import type { StoreConfig } from '../../store/index.js';
import { createTaskService } from '../../tasks/index.js';
import { createMailDesk, mailboxFindings } from '../../tasks/mail/index.js';
import { inspectDatabase, type Finding } from './doctor-finding.js';

/**
 * The doctor's "mailboxes" finding: each mailbox's recorded intake health plus a live login
 * check. It takes the secret store the doctor already opened (opening it again would repeat
 * the keychain's start-up probe).
 */
export function checkMailboxes(
  where: StoreConfig,
  secrets: SecretStore,
  logger: Logger,
  timeoutMs = 10_000,
): Promise<Finding> {
  const names = {
    check: 'mailboxes',
    cannotOpen: 'cannot be checked',
    cannotRead: 'cannot be checked',
  };
  const { dataDir } = where;
  return inspectDatabase(where, logger, names, async (store) => {
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
  });
}
