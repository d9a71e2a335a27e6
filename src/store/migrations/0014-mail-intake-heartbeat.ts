import type { Kysely, Migration } from 'kysely';

/**
 * Mailbox health only from a running intake (issue 24): the intake that reads a mailbox writes
 * who it is (`health_owner`, `host:pid:random`) and when it last looked (`health_beat_at`,
 * every `health_every_ms`). Doctor and the web app in any process show the recorded health
 * only while that heartbeat is fresh (at most about two intervals old) and its process exists;
 * otherwise the mailbox is "not running" — never a "healthy" left from before a crash.
 */
export const mailIntakeHeartbeatMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema.alterTable('mailboxes').addColumn('health_owner', 'text').execute();
    await db.schema.alterTable('mailboxes').addColumn('health_beat_at', 'text').execute();
    await db.schema.alterTable('mailboxes').addColumn('health_every_ms', 'integer').execute();
  },
};
