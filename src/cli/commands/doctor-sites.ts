import type { Logger } from '../../shared/logger.js';
import type { StoreConfig } from '../../store/index.js';
import { checkFromRow } from '../../tasks/sites/checks.js';
import { siteSettingsIssues } from '../../tasks/sites/settings.js';
import { inspectDatabase, type Finding } from './doctor-finding.js';

/**
 * The doctor's "sites" finding (issue 14): sites saved by an earlier version with settings
 * their kind refuses (each field named, with how to fix it), and sites whose last check
 * failed (its cause). Both are warnings: the installation works, those sites do not yet.
 */
export function checkSites(where: StoreConfig, logger: Logger): Promise<Finding> {
  return inspectDatabase(
    where,
    logger,
    { check: 'sites', cannotOpen: 'cannot be opened' },
    async (store) => {
      const rows = await store.db
        .selectFrom('sites')
        .select(['id', 'name', 'kind', 'settings', 'check_ok', 'check_at', 'check_cause'])
        .where('archived_at', 'is', null)
        .orderBy('name')
        .execute();
      const notes: string[] = [];
      let wrong = 0;
      let failing = 0;
      for (const row of rows) {
        const label = `site "${row.name}" (${row.id})`;
        let settings: Record<string, unknown> = {};
        try {
          settings = JSON.parse(row.settings) as Record<string, unknown>;
        } catch {
          notes.push(`${label}: its settings are not readable JSON; set them again`);
          wrong += 1;
          continue;
        }
        const issues = siteSettingsIssues(row.kind, settings);
        if (issues.length > 0) {
          wrong += 1;
          notes.push(
            `${label}: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')} — fix it in the web app (Clients → the site → Change) or with PATCH /api/v1/sites/${row.id}`,
          );
          continue;
        }
        const check = checkFromRow(row);
        if (check && !check.ok) {
          failing += 1;
          notes.push(
            `${label} is not working yet: ${check.cause?.message ?? 'its last check failed'}${check.cause?.fix ? ` How to fix: ${check.cause.fix}` : ''} Then: sitedesk site check ${row.id}`,
          );
        }
      }
      const summary =
        wrong + failing === 0
          ? `${rows.length} site(s), settings valid, none failing its last check`
          : `${wrong} site(s) with settings to correct, ${failing} not working yet`;
      return { check: 'sites', status: wrong + failing === 0 ? 'ok' : 'warn', summary, notes };
    },
  );
}
