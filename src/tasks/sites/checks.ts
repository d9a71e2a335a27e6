/**
 * The last check of each site (the `check_*` columns, migration 0005, issue 14 "Sites"). A
 * site is checked when it is added or changed (address, settings or secret); one whose last
 * check failed is "not working yet" and cannot be chosen for publishing until a check passes
 * (see checkSites). A site never checked (saved by an earlier version, or by a server without
 * connectors) has no check.
 */
import type { Kysely } from 'kysely';
import type { Connector, VerifyResult } from '../../connectors/types.js';
import { ConfigError, messageOf } from '../../shared/errors.js';
import type { Database } from '../../store/index.js';
import type { Actor, ServiceDeps } from '../context.js';
import { updateSite } from './changes.js';
import { siteSettingsIssues } from './settings.js';
import type { Site } from '../types.js';

/** The cause of a failed check, in the connector's words (code stable, message English). */
export interface SiteCheckCause {
  code: string;
  message: string;
  fix?: string;
}

/** A site's last check as the API shows it (`check` of a site). */
export interface SiteCheckState {
  ok: boolean;
  /** When it ran (ISO instant). */
  at: string;
  cause?: SiteCheckCause;
}

/** The last checks of `ids` (null: never checked), by site id. */
export async function siteChecks(
  db: Kysely<Database>,
  ids: readonly string[],
): Promise<Map<string, SiteCheckState | null>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('sites')
    .select(['id', 'check_ok', 'check_at', 'check_cause'])
    .where('id', 'in', [...ids])
    .execute();
  return new Map(rows.map((r) => [r.id, checkFromRow(r)]));
}

/** The check stored in a row, or null when the site was never checked. */
export function checkFromRow(row: {
  check_ok: number | null;
  check_at: string | null;
  check_cause: string | null;
}): SiteCheckState | null {
  if (row.check_ok === null || row.check_at === null) return null;
  const cause = row.check_cause ? (JSON.parse(row.check_cause) as SiteCheckCause) : undefined;
  return { ok: row.check_ok === 1, at: row.check_at, ...(cause ? { cause } : {}) };
}

/** Stores `result` as the last check of site `id` (null forgets it: the site changed unchecked). */
export async function recordSiteCheck(
  deps: Pick<ServiceDeps, 'db' | 'clock'>,
  id: string,
  result: Pick<VerifyResult, 'ok' | 'cause'> | null,
): Promise<SiteCheckState | null> {
  const at = new Date(deps.clock.now()).toISOString();
  const cause = result && !result.ok ? (result.cause ?? unknownCause) : undefined;
  await deps.db
    .updateTable('sites')
    .set({
      check_ok: result === null ? null : result.ok ? 1 : 0,
      check_at: result === null ? null : at,
      check_cause: cause ? JSON.stringify(cause) : null,
    })
    .where('id', '=', id)
    .execute();
  return result === null ? null : { ok: result.ok, at, ...(cause ? { cause } : {}) };
}

const unknownCause: SiteCheckCause = { code: 'check_failed', message: 'A check failed.' };

/** A connector that may have found the site's generator in its repository (git). */
interface Detecting {
  detectedGenerator(): { generator: string } | undefined;
}
const detects = (c: Connector): c is Connector & Detecting =>
  typeof (c as Partial<Detecting>).detectedGenerator === 'function';

/** A site's check: verify()'s answer, and the site as stored after it (a detected generator saved). */
export interface SiteCheckRun {
  result: VerifyResult;
  site: Site;
  check: SiteCheckState | null;
}

/**
 * Checks a site with its connector's read-only verify() and stores the result. Settings the
 * connector refuses (saved by an earlier version) are a failed check naming the fields, never
 * a thrown error. A git site whose settings name no generator gets the one found in its
 * repository saved into its settings (she can change it afterwards).
 */
export async function runSiteCheck(
  deps: ServiceDeps,
  site: Site,
  connectorFor: (site: Site) => Connector | Promise<Connector>,
  who: Actor,
): Promise<SiteCheckRun> {
  let result: VerifyResult;
  let checked = site;
  const issues = siteSettingsIssues(site.kind, site.settings);
  try {
    if (issues.length > 0) throw new ConfigError('settings not valid', { details: issues });
    const connector = await connectorFor(site);
    result = await connector.verify();
    const found = detects(connector) ? connector.detectedGenerator() : undefined;
    if (found && site.kind === 'git' && site.settings['generator'] === undefined) {
      const { secretCleared: _, ...changed } = await updateSite(
        deps,
        site.id,
        { settings: { ...site.settings, generator: found.generator } },
        who,
      );
      checked = changed;
    }
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    const named = (error.details ?? []).map((d) => `${d.path}: ${d.message}`).join('; ');
    result = {
      ok: false,
      checks: [{ name: 'settings', ok: false, message: named || messageOf(error) }],
      cause: {
        code: 'settings_invalid',
        message: `The site's settings are not valid (${named || messageOf(error)}).`,
        fix: 'Correct the named settings: in the web app with the site’s Change, or PATCH /api/v1/sites/:id.',
      },
    };
  }
  const check = await recordSiteCheck(deps, site.id, result);
  return { result, site: checked, check };
}
