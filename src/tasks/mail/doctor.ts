/**
 * Mailbox findings for `sitedesk doctor`: per mailbox, the health the running intake last
 * recorded and a live login check of both servers, each as one line a person can act on.
 */
import type { MailboxCheck } from '../../connectors/mail/index.js';
import type { Mailbox } from './mailboxes.js';

/** One mailbox's finding. `ok` is false when the live check fails or the intake recorded a problem. */
export interface MailboxFinding {
  mailboxId: string;
  address: string;
  ok: boolean;
  /** E.g. `intake: healthy since 2026-05-04T08:00:00.000Z; imap: logged in …; smtp: …`. */
  detail: string;
}

/** Checks every mailbox (in parallel, each side bounded by `timeoutMs`, default 10 000). */
export async function mailboxFindings(
  // What it needs of the mail desk (index.ts), said here: index.ts hands this function on.
  desk: {
    listMailboxes(): Promise<Mailbox[]>;
    checkMailbox(id: string, timeoutMs?: number): Promise<MailboxCheck>;
  },
  timeoutMs = 10_000,
): Promise<MailboxFinding[]> {
  const boxes = await desk.listMailboxes();
  return Promise.all(
    boxes.map(async (box) => {
      const check = await desk.checkMailbox(box.id, timeoutMs);
      const h = box.health;
      const intake = `intake: ${h.state}${h.reason ? ` (${h.reason})` : ''}${h.since ? ` since ${h.since}` : ''}`;
      return {
        mailboxId: box.id,
        address: box.settings.address,
        ok: check.imap.ok && check.smtp.ok && h.state !== 'unhealthy',
        detail: `${intake}; imap: ${check.imap.detail}; smtp: ${check.smtp.detail}`,
      };
    }),
  );
}
