import { z } from 'zod';
import { createSiteSchema, updateSiteSchema } from '../../tasks/schemas/entities.js';
import { idSchema } from '../../tasks/schemas/common.js';
import type { Site } from '../../tasks/index.js';
import { storeSiteSecret, updateSite } from '../../tasks/sites/changes.js';
import { recordSiteCheck, runSiteCheck, siteChecks } from '../../tasks/sites/checks.js';
import { siteSettingsIssues, withSiteDefaults } from '../../tasks/sites/settings.js';
import type { Actor } from '../../tasks/context.js';
import { HttpError } from '../http-errors.js';
import { actorOf, route, type ApiRoute } from '../api/define.js';
import type { RouteDeps } from '../api/deps.js';
import { idParams } from '../api/params.js';
import { badRequest } from '../api/validate.js';
import { siteSecretAccount } from '../../secrets/account.js';
import {
  changedSiteAnswer,
  siteAnswer,
  siteCheckAnswer,
  siteRemovalAnswer,
} from '../answers/clients.js';
import { answers, listOf } from '../answers/page.js';

/** A site's secret (app password, admin key, token): write-only, never answered back. */
const secretSchema = z.string().min(1, 'must not be empty').max(4096);
const createSiteBody = createSiteSchema.extend({ secret: secretSchema.optional() });

/** The secret store account of a site. */

/**
 * Sites with `hasSecret` (whether the secret store holds one, never the secret) and `check`
 * (the last check: `{ ok, at, cause? }`, null when never checked). Settings are checked with
 * the kind's own schema before anything is saved (400 naming `body.settings.<field>`); a site
 * is checked when it is added or its address, settings or secret change, and the answer
 * carries the result (`checks`: each step of it).
 */
export function siteRoutes(deps: RouteDeps): ApiRoute[] {
  const { tasks, secrets } = deps;
  const withSecretFlag = async (sites: Site[]) => {
    const accounts = new Set(await secrets.list());
    const checks = await siteChecks(
      tasks.deps.db,
      sites.map((s) => s.id),
    );
    return sites.map((site) => ({
      ...site,
      hasSecret: accounts.has(siteSecretAccount(site.id)),
      check: checks.get(site.id) ?? null,
    }));
  };
  /** The kind's settings with who-dependent defaults, or a 400 naming each wrong one. */
  const settingsFor = (kind: Site['kind'], settings: Record<string, unknown>, who: Actor) => {
    const filled = withSiteDefaults(kind, settings, who);
    const issues = siteSettingsIssues(kind, filled, 'body.settings');
    if (issues.length > 0) throw badRequest(issues);
    return filled;
  };
  /** Checks `site` now when connectors are at hand (else forgets an older check): its view and steps. */
  const checkNow = async (site: Site, who: Actor) => {
    if (!deps.connectorFor) {
      await recordSiteCheck(tasks.deps, site.id, null);
      const [view] = await withSecretFlag([site]);
      return { ...view };
    }
    const run = await runSiteCheck(tasks.deps, site, deps.connectorFor, who);
    const [view] = await withSecretFlag([run.site]);
    return { ...view, checks: run.result.checks };
  };
  return [
    route(
      {
        method: 'get',
        path: '/api/v1/sites',
        access: 'agency',
        tag: 'sites',
        summary: 'Sites, of one client or all',
        query: z.strictObject({ clientId: idSchema.optional() }),
        responses: answers(200, 'The sites', listOf(siteAnswer)),
      },
      async ({ query }) => ({
        json: { items: await withSecretFlag(await tasks.listSites(query)) },
      }),
    ),
    route(
      {
        method: 'post',
        path: '/api/v1/sites',
        access: 'agency',
        tag: 'sites',
        summary:
          'Add a site; `secret` goes to the secret store only. Settings are checked with the kind’s schema (400 naming `body.settings.<field>`; a git site’s `author` defaults to the signed-in user). The site is then checked: a site that fails is saved with `check.ok: false` and its cause, and cannot be chosen for publishing until a check passes',
        body: createSiteBody,
        success: 201,
        responses: answers(201, 'The new site and its first check', changedSiteAnswer),
      },
      async ({ body, who }) => {
        const { secret, ...input } = body;
        const actor = actorOf(who);
        const settings = settingsFor(input.kind, input.settings, actor);
        const site = await tasks.createSite({ ...input, settings }, actor);
        if (secret !== undefined) await secrets.set(siteSecretAccount(site.id), secret);
        return { json: await checkNow(site, actor) };
      },
    ),
    route(
      {
        method: 'get',
        path: '/api/v1/sites/:id',
        access: 'agency',
        tag: 'sites',
        summary: 'One site',
        params: idParams,
        responses: answers(200, 'The site', siteAnswer),
      },
      async ({ params }) => {
        const [site] = await withSecretFlag([await tasks.getSite(params.id)]);
        return { json: site };
      },
    ),
    route(
      {
        method: 'patch',
        path: '/api/v1/sites/:id',
        access: 'agency',
        tag: 'sites',
        summary:
          'Change a site’s name, url or settings in place (settings are replaced whole and checked with the kind’s schema; kind stays). A change of url or settings checks the site again (`check`, `checks`). When the url’s origin or a setting that says where to connect (Ghost adminUrl, git repoUrl) changes, the site’s secret is deleted with it (`secretCleared: true`): set it again with PUT /api/v1/sites/:id/secret',
        params: idParams,
        body: updateSiteSchema,
        responses: answers(200, 'The changed site', changedSiteAnswer),
      },
      async ({ params, body, who }) => {
        const actor = actorOf(who);
        const before = await tasks.getSite(params.id);
        const patch =
          body.settings === undefined
            ? body
            : { ...body, settings: settingsFor(before.kind, body.settings, actor) };
        const { secretCleared, ...changed } = await updateSite(
          tasks.deps,
          params.id,
          patch,
          actor,
          secrets,
        );
        if (secretCleared)
          deps.logger.info(
            { site: changed.id },
            'site secret deleted: the site connects elsewhere',
          );
        const moved =
          changed.url !== before.url ||
          JSON.stringify(changed.settings) !== JSON.stringify(before.settings);
        if (moved) return { json: { ...(await checkNow(changed, actor)), secretCleared } };
        const [site] = await withSecretFlag([changed]);
        return { json: { ...site, secretCleared } };
      },
    ),
    route(
      {
        method: 'delete',
        path: '/api/v1/sites/:id',
        access: 'agency',
        tag: 'sites',
        summary:
          'Remove a site and its secret (the secret first): deleted when nothing names it, else archived (hidden, no new publishing); 409 while publications for it wait, run or must still be taken down, or a schedule publishes to it; 503 when the secret store fails (the site stays as it was: repeat the call)',
        params: idParams,
        responses: answers(200, 'What the removal did', siteRemovalAnswer),
      },
      async ({ params, who }) => {
        const { site, removal } = await tasks.removeSite(params.id, actorOf(who), secrets);
        deps.logger.info({ site: site.id, removal }, 'site removed');
        return { json: { id: site.id, removal } };
      },
    ),
    route(
      {
        method: 'put',
        path: '/api/v1/sites/:id/secret',
        access: 'agency',
        tag: 'sites',
        summary:
          'Set or replace the site’s secret (write-only), then check the site (GET the site for `check`); 409 for a removed (archived) site',
        params: idParams,
        body: z.strictObject({ secret: secretSchema }),
        success: 204,
      },
      async ({ params, body, who }) => {
        const site = await tasks.getSite(params.id);
        await storeSiteSecret(secrets, site, body.secret);
        deps.logger.info({ site: params.id }, 'site secret replaced');
        await checkNow(site, actorOf(who));
        return {};
      },
    ),
    route(
      {
        method: 'delete',
        path: '/api/v1/sites/:id/secret',
        access: 'agency',
        tag: 'sites',
        summary: 'Remove the site’s secret',
        params: idParams,
        success: 204,
      },
      async ({ params }) => {
        await tasks.getSite(params.id);
        await secrets.delete(siteSecretAccount(params.id));
        return {};
      },
    ),
    route(
      {
        method: 'post',
        path: '/api/v1/sites/:id/check',
        access: 'agency',
        tag: 'sites',
        summary:
          'Run the connector’s read-only verify(): reachable, credentials, permissions; the result is stored as the site’s `check` (settings saved wrong by an earlier version are a failed check naming them, never a 500). A git site without a generator gets the one its repository shows',
        params: idParams,
        responses: answers(200, 'What the check found', siteCheckAnswer),
      },
      async ({ params, who }) => {
        const site = await tasks.getSite(params.id);
        if (!deps.connectorFor)
          throw new HttpError(
            503,
            'connectors_unavailable',
            'This server was started without site connectors.',
          );
        const run = await runSiteCheck(tasks.deps, site, deps.connectorFor, actorOf(who));
        return { json: { siteId: site.id, ...run.result, check: run.check } };
      },
    ),
  ];
}
