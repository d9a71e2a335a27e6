import type { Migration, MigrationProvider } from 'kysely';
import { initialMigration } from './0001-initial.js';
import type { Dialect } from '../dialect.js';
import { verificationMigration } from './0002-verification.js';
import { mailCallsMigration } from './0003-mail-calls.js';
import { uploadsMigration } from './0004-uploads.js';
import { siteChecksMigration } from './0005-site-checks.js';
import { publicationLeasesMigration } from './0006-publication-leases.js';
import { siteRegionsMigration } from './0007-site-regions.js';
import { draftPlansMigration } from './0008-draft-plans.js';
import { mailRecoveryMigration } from './0009-mail-recovery.js';
import { conflictsLeasesMigration } from './0010-conflicts-leases.js';
import { meetingsMigration } from './0011-meetings.js';
import { lettersMigration } from './0012-letters.js';
import { mailIntakeHeartbeatMigration } from './0014-mail-intake-heartbeat.js';
import { accountsMigration } from './0015-accounts.js';
import { historyErasureMigration } from './0018-history-erasure.js';
import { loginFailuresMigration } from './0019-login-failures.js';
import { letterheadArchiveMigration } from './0020-letterhead-archive.js';
import { liveEventsMigration } from './0021-live-events.js';

export type { Dialect } from '../dialect.js';

/**
 * The migrations in code (no folder scanning, so a bundled build finds them). Names sort in
 * the order they run; never rename or edit a released one — add the next.
 */
export function createMigrationProvider(dialect: Dialect): MigrationProvider {
  return {
    async getMigrations(): Promise<Record<string, Migration>> {
      return {
        '0001-initial': initialMigration(dialect),
        '0002-verification': verificationMigration,
        '0003-mail-calls': mailCallsMigration,
        '0004-uploads': uploadsMigration,
        '0005-site-checks': siteChecksMigration,
        '0006-publication-leases': publicationLeasesMigration,
        '0007-site-regions': siteRegionsMigration,
        '0008-draft-plans': draftPlansMigration,
        '0009-mail-recovery': mailRecoveryMigration,
        '0010-conflicts-leases': conflictsLeasesMigration,
        '0011-meetings': meetingsMigration,
        '0012-letters': lettersMigration,
        '0014-mail-intake-heartbeat': mailIntakeHeartbeatMigration,
        '0015-accounts': accountsMigration,
        '0018-history-erasure': historyErasureMigration(dialect),
        '0019-login-failures': loginFailuresMigration,
        '0020-letterhead-archive': letterheadArchiveMigration,
        '0021-live-events': liveEventsMigration(dialect),
      };
    },
  };
}
