import { z } from 'zod';
import { createSiteSchema, updateSiteSchema } from '../../tasks/schemas-entities.js';
import { idSchema } from '../../tasks/schemas-common.js';
import type { Site } from '../../tasks/index.js';
import { updateSite } from '../../tasks/site-changes.js';
import { ConflictError } from '../../shared/errors.js';
import { HttpError } from '../http-errors.js';
import { actorOf, route, type ApiRoute } from '../api/define.js';
import type { RouteDeps } from '../api/deps.js';
import { idParams } from '../api/params.js';

/** A site's secret (app password, admin key, token): write-only, never answered back. */
const secretSchema = z.string().min(1, 'must not be empty').max(4096);
const createSiteBody = createSiteSchema.extend({ secret: secretSchema.optional() });

/** The secret store account of a site. */
export const siteAccount = (id: string): string => `site:${id}`;

/** Sites with `hasSecret` (whether the secret store holds one) and never the secret. */
export function siteRoutes(deps: RouteDeps): ApiRoute[] {
  const { tasks, secrets } = deps;
  const withSecretFlag = async (sites: Site[]) => {
    const accounts = new Set(await secrets.list());
    return sites.map((site) => ({ ...site, hasSecret: accounts.has(siteAccount(site.id)) }));
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
        summary: 'Add a site; `secret` goes to the secret store only',
        body: createSiteBody,
        success: 201,
      },
      async ({ body, who }) => {
        const { secret, ...input } = body;
        const site = await tasks.createSite(input, actorOf(who));
        if (secret !== undefined) await secrets.set(siteAccount(site.id), secret);
        return { json: { ...site, hasSecret: secret !== undefined } };
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
          'Change a site’s name, url or settings (settings are replaced whole; kind stays). When the url’s origin or a setting that says where to connect (Ghost adminUrl, git repoUrl) changes, the site’s secret is deleted with it (`secretCleared: true`): set it again with PUT /api/v1/sites/:id/secret',
        params: idParams,
        body: updateSiteSchema,
      },
      async ({ params, body, who }) => {
        const { secretCleared, ...changed } = await updateSite(
          tasks.deps,
          params.id,
          body,
          actorOf(who),
          secrets,
        );
        if (secretCleared)
          deps.logger.info(
            { site: changed.id },
            'site secret deleted: the site connects elsewhere',
          );
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
        summary: 'Set or replace the site’s secret (write-only); 409 for a removed (archived) site',
        params: idParams,
        body: z.strictObject({ secret: secretSchema }),
        success: 204,
      },
      async ({ params, body }) => {
        const site = await tasks.getSite(params.id);
        // A removed site publishes nowhere; a secret stored for it would only linger.
        if (site.archivedAt !== undefined)
          throw new ConflictError(`Site ${site.id} was removed; it takes no secret.`);
        await secrets.set(siteAccount(params.id), body.secret);
        deps.logger.info({ site: params.id }, 'site secret replaced');
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
        await secrets.delete(siteAccount(params.id));
        return {};
      },
    ),
    route(
      {
        method: 'post',
        path: '/api/v1/sites/:id/check',
        access: 'agency',
        tag: 'sites',
        summary: 'Run the connector’s read-only verify(): reachable, credentials, permissions',
        params: idParams,
      },
      async ({ params }) => {
        const site = await tasks.getSite(params.id);
        if (!deps.connectorFor)
          throw new HttpError(
            503,
            'connectors_unavailable',
            'This server was started without site connectors.',
          );
        const connector = await deps.connectorFor(site);
        return { json: { siteId: site.id, ...(await connector.verify()) } };
      },
    ),
  ];
}
