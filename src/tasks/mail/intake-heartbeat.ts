/**
 * Mailbox health only from a running intake (issue 24, migration 0014). The intake that reads
 * a mailbox writes its health with who it is and when (a heartbeat, every health interval);
 * anyone reading the health — Today in another process, `sitedesk doctor` — believes it only
 * while that heartbeat is fresh and its process exists. A `healthy` written just before a
 * crash (kill -9, power cut, a frozen process) therefore reads "not running", never healthy.
 */
import type { MailboxHealth } from '../../connectors/mail/index.js';
import { ownerGone } from '../publishing/runner/leases.js';
import type { ServiceDeps } from '../context.js';
import { type MailboxesTable } from '../../store/tables/mail.js';

/** A heartbeat older than this many intervals (plus SLACK_MS) means no intake runs. */
export const STALE_INTERVALS = 2;
/** Room for a busy machine on top of the intervals, in ms. */
const SLACK_MS = 1_000;

/** A mailbox's health as shown: the running intake's, or `not running` with why. */
export interface ShownHealth {
  state: string;
  reason?: string;
  since?: string;
}

type HealthRow = Pick<
  MailboxesTable,
  | 'health_state'
  | 'health_reason'
  | 'health_since'
  | 'health_owner'
  | 'health_beat_at'
  | 'health_every_ms'
>;

/** The health of `row` at `now` (epoch ms): recorded by a live intake, else `not running`. */
export function shownHealth(row: HealthRow, now: number): ShownHealth {
  const beat = row.health_beat_at ? Date.parse(row.health_beat_at) : NaN;
  const every = row.health_every_ms ?? 30_000;
  const fresh =
    row.health_state !== 'stopped' &&
    Number.isFinite(beat) &&
    now - beat <= STALE_INTERVALS * every + SLACK_MS &&
    !ownerGone(row.health_owner);
  if (fresh) {
    const shown: ShownHealth = { state: row.health_state };
    if (row.health_reason) shown.reason = row.health_reason;
    if (row.health_since) shown.since = row.health_since;
    return shown;
  }
  const reason =
    row.health_state === 'stopped' && row.health_reason
      ? row.health_reason
      : row.health_beat_at
        ? `no running sitedesk has read it since ${row.health_beat_at}`
        : 'no running sitedesk has read it yet';
  const since = row.health_beat_at ?? row.health_since;
  return { state: 'not running', reason, ...(since ? { since } : {}) };
}

/** Writes the running intake's health of mailbox `id` with its heartbeat (who, when, how often). */
export async function recordHealth(
  deps: Pick<ServiceDeps, 'db' | 'clock'>,
  id: string,
  health: MailboxHealth,
  beat: { owner: string; everyMs: number },
): Promise<void> {
  await deps.db
    .updateTable('mailboxes')
    .set({
      health_state: health.state,
      health_reason: health.reason ?? health.intakeError ?? null,
      health_since: new Date(health.since).toISOString(),
      health_owner: beat.owner,
      health_beat_at: new Date(deps.clock.now()).toISOString(),
      health_every_ms: beat.everyMs,
    })
    .where('id', '=', id)
    .execute();
}
