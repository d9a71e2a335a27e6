import { messageOf } from '../../shared/errors.js';
import { createMailDesk, mailboxFindings } from '../../tasks/mail/index.js';
import { withWorkspace } from '../workspace.js';

/** The doctor's "mailboxes" finding: each mailbox's recorded intake health plus a live login check. */
export async function checkMailboxes(
  env: NodeJS.ProcessEnv,
  timeoutMs = 10_000,
): Promise<{ check: string; status: 'ok' | 'warn' | 'fail'; summary: string; notes: string[] }> {
  try {
    return await withWorkspace(env, async (ws) => {
      const desk = createMailDesk(
        { dataDir: ws.config.dataDir },
        { tasks: ws.tasks, secrets: ws.secrets.store, logger: ws.logger },
      );
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
  } catch (error) {
    return {
      check: 'mailboxes',
      status: 'fail',
      summary: 'cannot be checked',
      notes: [messageOf(error)],
    };
  }
}
