import type { Transaction } from 'kysely';
import { ConflictError, NotFoundError, SecretStoreError } from '../../shared/errors.js';
import type { SecretStore } from '../../secrets/types.js';
import { appendHistory, type Database } from '../../store/index.js';
import { inTransaction, type Actor, type ServiceDeps } from '../context.js';
import { siteFromRow } from '../rows.js';
import { loadSiteRow } from './sites.js';
import { updateSiteSchema, type UpdateSiteInput } from '../schemas/entities.js';
import type { Site, SiteKindName } from '../types.js';
import { parseInput } from '../validate.js';
import { siteSecretAccount } from '../../secrets/account.js';

async function liveSiteRow(trx: Transaction<Database>, id: string) {
  const row = await loadSiteRow(trx, id);
  if (row.archived_at !== null) throw new NotFoundError(`No site with id ${id}.`);
  return row;
}

/**
 * Where a URL-like setting makes sitedesk connect: scheme, host and port of an http(s) URL (its
 * origin), host and port of an ssh:// or scp-like `user@host:path` remote; anything else as
 * written (so any change of it counts). Paths do not matter: the secret stays on that host.
 */
function connectionTarget(value: unknown): string {
  if (typeof value !== 'string') return JSON.stringify(value ?? null);
  const scp = /^[A-Za-z0-9._-]+@([A-Za-z0-9.-]+):(?!\/\/)/.exec(value);
  if (scp?.[1]) return `ssh://${scp[1].toLowerCase()}`;
  try {
    const url = new URL(value);
    if (url.protocol === 'http:' || url.protocol === 'https:') return url.origin;
    const port = url.protocol === 'ssh:' && url.port === '22' ? '' : url.port;
    return `${url.protocol}//${url.hostname.toLowerCase()}${port ? `:${port}` : ''}`;
  } catch {
    return value;
  }
}

/**
 * The places a site of each kind sends its secret to (see src/connectors/<kind>/settings.ts):
 * the site's URL for WordPress and Ghost (WordPress sends the application password there),
 * Ghost's Admin URL (the public URL when unset) and a git site's repository. A git site's URL
 * is the public address of the built site: the token never goes there, so fixing it keeps
 * the token (issue 14).
 */
const CONNECTION_TARGETS: Readonly<
  Record<SiteKindName, (site: Pick<Site, 'url' | 'settings'>) => Record<string, string>>
> = {
  wordpress: (site) => ({ url: connectionTarget(site.url) }),
  ghost: (site) => ({
    url: connectionTarget(site.url),
    'settings.adminUrl': connectionTarget(site.settings['adminUrl'] ?? site.url),
  }),
  git: (site) => ({ 'settings.repoUrl': connectionTarget(site.settings['repoUrl']) }),
};

/** The fields whose change points `before` (of its kind) at another host; empty when none. */
export function retargetedFields(
  kind: SiteKindName,
  before: Pick<Site, 'url' | 'settings'>,
  after: Pick<Site, 'url' | 'settings'>,
): string[] {
  const targets = CONNECTION_TARGETS[kind] ?? CONNECTION_TARGETS.wordpress;
  const from = targets(before);
  const to = targets(after);
  return Object.keys({ ...from, ...to }).filter((key) => from[key] !== to[key]);
}

/**
 * Stores or replaces a site's secret: the one rule for the API and the command line. A removed
 * (archived) site takes none — it publishes nowhere, and a secret stored for it would only
 * linger in the keychain.
 */
export async function storeSiteSecret(
  secrets: Pick<SecretStore, 'set'>,
  site: Pick<Site, 'id' | 'archivedAt'>,
  secret: string,
): Promise<void> {
  if (site.archivedAt !== undefined)
    throw new ConflictError(`Site ${site.id} was removed; it takes no secret.`);
  await secrets.set(siteSecretAccount(site.id), secret);
}

/**
 * Deletes a site's secret; any failure of the store is a SecretStoreError (HTTP 503) whose
 * message ends with `outcome` (what is left as it was).
 */
export async function deleteSiteSecret(
  secrets: Pick<SecretStore, 'delete'>,
  id: string,
  outcome: string,
): Promise<boolean> {
  try {
    return await secrets.delete(siteSecretAccount(id));
  } catch (error) {
    if (error instanceof SecretStoreError) throw error;
    throw new SecretStoreError(
      'secret_store_failed',
      `The secret store could not delete the secret of site ${id}, so ${outcome} Try again.`,
      { cause: error },
    );
  }
}

/** A changed site, and whether its secret was deleted because it now connects elsewhere. */
export type SiteChange = Site & { secretCleared: boolean };

/**
 * Changes a site's name, address or settings (settings are replaced whole); kind stays. When
 * the change points the site at another host (the URL's origin or a setting that says where
 * to connect, see retargetedFields), the site's secret is deleted in the same operation — it
 * was given for the old host and must not follow the new address — and the answer and the
 * history say so (`secretCleared`); it is set again with PUT /api/v1/sites/:id/secret. Without
 * `secrets` such a change is refused. A secret-store failure leaves the site unchanged.
 */
export async function updateSite(
  deps: ServiceDeps,
  id: string,
  input: UpdateSiteInput,
  who: Actor,
  secrets?: Pick<SecretStore, 'delete'>,
): Promise<SiteChange> {
  const patch = parseInput(updateSiteSchema, input, 'site change');
  return inTransaction(deps, who, async ({ trx, at, actor }) => {
    const row = await liveSiteRow(trx, id);
    const before = siteFromRow(row);
    const next = {
      name: patch.name ?? before.name,
      url: patch.url ?? before.url,
      settings: patch.settings ?? before.settings,
    };
    const changes: Record<string, unknown> = Object.fromEntries(
      (Object.keys(next) as (keyof typeof next)[])
        .filter((key) => JSON.stringify(next[key]) !== JSON.stringify(before[key]))
        .map((key) => [key, { from: before[key], to: next[key] }]),
    );
    if (Object.keys(changes).length === 0) return { ...before, secretCleared: false };
    const retargeted = retargetedFields(before.kind, before, next);
    if (retargeted.length > 0 && !secrets)
      throw new ConflictError(
        `Site ${id} would connect elsewhere (${retargeted.join(', ')}); that change needs the secret store, to delete the site's secret with it.`,
      );
    const updated = {
      ...row,
      name: next.name,
      url: next.url,
      settings: JSON.stringify(next.settings),
      updated_at: at,
    };
    await trx
      .updateTable('sites')
      .set({ name: updated.name, url: updated.url, settings: updated.settings, updated_at: at })
      .where('id', '=', id)
      .execute();
    // Inside the transaction: if the store fails, the change is rolled back with it.
    const secretCleared =
      retargeted.length > 0 && secrets
        ? await deleteSiteSecret(secrets, id, 'the site was not changed.')
        : false;
    if (secretCleared) changes['secretCleared'] = { because: retargeted };
    await appendHistory(trx, deps.newId, {
      entity: 'site',
      entityId: id,
      action: 'updated',
      actor,
      at,
      changes,
    });
    return { ...siteFromRow(updated), secretCleared };
  });
}

/**
 * Why sites cannot go yet: a publication waiting or being published, one scheduled on the
 * site (the runner still watches it), a promotion the runner must still take down there, or a
 * schedule that publishes to it. Empty when they may go.
 */
export async function siteBlockers(
  trx: Transaction<Database>,
  siteIds: string[],
  options: { schedules?: boolean } = {},
): Promise<string[]> {
  if (siteIds.length === 0) return [];
  const busy = await trx
    .selectFrom('publications as p')
    .innerJoin('content_items as ci', 'ci.id', 'p.content_item_id')
    .select(['p.id', 'p.state', 'p.site_id', 'ci.ends_at'])
    .where('p.site_id', 'in', siteIds)
    .where((eb) =>
      eb.or([
        eb('p.state', 'in', ['pending', 'publishing', 'scheduled']),
        eb.and([eb('p.state', '=', 'published'), eb('ci.ends_at', 'is not', null)]),
      ]),
    )
    .limit(5)
    .execute();
  const reasons = busy.map((p) =>
    p.state === 'published'
      ? `publication ${p.id} is a promotion the runner must still take down at ${p.ends_at ?? ''}`
      : `publication ${p.id} is ${p.state}`,
  );
  // Archiving a whole client pauses its schedules itself, so they do not block it.
  if (options.schedules === false) return reasons;
  const schedules = await trx
    .selectFrom('schedules')
    .select(['id', 'name', 'site_ids'])
    .where((eb) => eb.or(siteIds.map((id) => eb('site_ids', 'like', `%"${id}"%`))))
    .execute();
  for (const s of schedules) reasons.push(`schedule “${s.name}” (${s.id}) publishes to it`);
  return reasons;
}

/** What removeSite did: deleted the row (nothing named it) or archived it (kept for history). */
export type Removal = 'deleted' | 'archived';

/**
 * Removes a site's secret, then the site. Refused (ConflictError, naming why) while work for it
 * is waiting or running — cancel those publications or change those schedules first. A site
 * that publications or tasks name is archived (hidden, refused for new publishing, its name
 * kept for the history); one nothing names is deleted. The secret goes first, in the same
 * transaction: when the secret store fails (SecretStoreError, HTTP 503) the site stays as it
 * was and the call can simply be repeated. A second call on an archived site only deletes the
 * secret again.
 */
export async function removeSite(
  deps: ServiceDeps,
  id: string,
  who: Actor,
  secrets: Pick<SecretStore, 'delete'>,
): Promise<{ site: Site; removal: Removal }> {
  return inTransaction(deps, who, async ({ trx, at, actor }) => {
    const row = await loadSiteRow(trx, id);
    const site = siteFromRow(row);
    if (row.archived_at !== null) {
      await deleteSiteSecret(secrets, id, 'the site is removed, but its secret is still stored.');
      return { site, removal: 'archived' as Removal };
    }
    const blockers = await siteBlockers(trx, [id]);
    if (blockers.length)
      throw new ConflictError(`Site ${id} cannot be removed yet: ${blockers.join('; ')}.`);
    const removal: Removal = (await isNamed(trx, row.client_id, id)) ? 'archived' : 'deleted';
    await deleteSiteSecret(secrets, id, 'the site was not removed.');
    if (removal === 'archived')
      await trx
        .updateTable('sites')
        .set({ archived_at: at, updated_at: at })
        .where('id', '=', id)
        .execute();
    else await trx.deleteFrom('sites').where('id', '=', id).execute();
    await appendHistory(trx, deps.newId, {
      entity: 'site',
      entityId: id,
      action: removal,
      actor,
      at,
      changes: { name: site.name, kind: site.kind, url: site.url },
    });
    return { site, removal };
  });
}

// Publications reference sites by key; tasks name them inside their details (JSON text).
async function isNamed(trx: Transaction<Database>, clientId: string, id: string) {
  const publication = await trx
    .selectFrom('publications')
    .select('id')
    .where('site_id', '=', id)
    .executeTakeFirst();
  if (publication) return true;
  const task = await trx
    .selectFrom('tasks')
    .select('id')
    .where('client_id', '=', clientId)
    .where('details', 'like', `%"${id}"%`)
    .executeTakeFirst();
  return task !== undefined;
}
