/**
 * Delivery status notifications (RFC 3464): the report a mail server sends back when it could
 * not deliver a message — `multipart/report; report-type=delivery-status` with a
 * `message/delivery-status` part of per-recipient fields. Only what a suppression list needs:
 * which recipients failed for good (`Action: failed`, `Status: 5.x.x`).
 */

/** One recipient the report says failed permanently. */
export interface PermanentFailure {
  /** The address (lowercase), from Final-Recipient (or Original-Recipient). */
  email: string;
  /** The status code, e.g. `5.1.1`. */
  status: string;
}

/** Folded header lines of one block (`Name: value`), names lowercased. */
function fields(block: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of block.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const m = /^([A-Za-z-]+):\s*(.*)$/.exec(line);
    if (m) out.set(m[1]!.toLowerCase(), m[2]!.trim());
  }
  return out;
}

/** Whether `raw`'s top Content-Type is a delivery-status report. */
export function isDeliveryReport(raw: string): boolean {
  const head = raw.split(/\r?\n\r?\n/, 1)[0] ?? '';
  const type = fields(head).get('content-type') ?? '';
  return /^multipart\/report\b/i.test(type) && /report-type\s*=\s*"?delivery-status"?/i.test(type);
}

/**
 * The permanent failures of a delivery report; empty for any other mail, a delay report
 * (4.x.x, `Action: delayed`) or a success (`delivered`, `relayed`, `expanded`).
 */
export function permanentFailures(raw: Buffer | string): PermanentFailure[] {
  const text = typeof raw === 'string' ? raw : raw.toString('utf8');
  if (!isDeliveryReport(text)) return [];
  const part =
    /content-type:\s*message\/(?:global-)?delivery-status[^\n]*\r?\n(?:[^\r\n]+\r?\n)*\r?\n([\s\S]*?)(?:\r?\n--|$)/i.exec(
      text,
    );
  if (!part) return [];
  // The first block is per message, the next ones per recipient (blank lines between).
  const blocks = part[1]!.split(/\r?\n\s*\r?\n/).slice(1);
  const failures: PermanentFailure[] = [];
  for (const block of blocks) {
    const f = fields(block);
    const recipient = f.get('final-recipient') ?? f.get('original-recipient') ?? '';
    const email = /;\s*<?([^\s<>;]+@[^\s<>;]+)>?/.exec(recipient)?.[1]?.toLowerCase();
    const status = /^(\d)\.\d{1,3}\.\d{1,3}/.exec(f.get('status') ?? '')?.[0];
    if (email && status?.startsWith('5') && f.get('action')?.toLowerCase() === 'failed')
      failures.push({ email, status });
  }
  return failures;
}
