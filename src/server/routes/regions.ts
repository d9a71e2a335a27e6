import { z } from 'zod';
import { plainText } from '../../tasks/schemas/plain.js';
import {
  discoverRegions,
  getRegion,
  listRegions,
  previewRegions,
  readLiveRegion,
  regionUpdateSchema,
  renameRegion,
} from '../../tasks/regions/index.js';
import { getClient } from '../../tasks/clients/clients.js';
import { getSite } from '../../tasks/sites/sites.js';
import { HttpError } from '../http-errors.js';
import { actorOf, route, type ApiRoute } from '../api/define.js';
import type { ConnectorFactory, RouteDeps } from '../api/deps.js';
import { idParams } from '../api/params.js';
import {
  discoveryAnswer,
  regionAnswer,
  regionPreviewAnswer,
  regionUpdateAnswer,
} from '../answers/regions.js';
import { answers } from '../answers/page.js';

/**
 * Page regions (issue 23, /work/regions-contract.md): what is remembered per client, a fresh
 * discovery of a site, one region read live, renaming, a preview of the pages with a new text,
 * and the update (one content item of kind `region`, one task, one publication per site).
 */
export function regionRoutes(deps: RouteDeps): ApiRoute[] {
  const { tasks } = deps;
  const connectors = (): ConnectorFactory => {
    if (!deps.connectorFor)
      throw new HttpError(
        503,
        'connectors_unavailable',
        'This server was started without site connectors.',
      );
    return deps.connectorFor;
  };
  return [
    route(
      {
        method: 'get',
        path: '/api/v1/clients/:id/regions',
        access: 'agency',
        tag: 'regions',
        summary: 'The regions remembered for a client’s sites (no site is called)',
        params: idParams,
        responses: answers(
          200,
          'The remembered regions',
          z.object({ regions: z.array(regionAnswer) }),
        ),
      },
      async ({ params }) => {
        await getClient(tasks.deps, params.id);
        return { json: { regions: await listRegions(tasks.deps, { clientId: params.id }) } };
      },
    ),
    route(
      {
        method: 'post',
        path: '/api/v1/sites/:id/regions/discover',
        access: 'agency',
        tag: 'regions',
        summary:
          'Read the site’s pages now and remember their regions; regions no longer found become `missing`. `problems`: pages whose markers are broken',
        params: idParams,
        responses: answers(
          200,
          'The regions found and the pages with broken markers',
          discoveryAnswer,
        ),
      },
      async ({ params, who }) => {
        await getSite(tasks.deps, params.id);
        return {
          json: await discoverRegions(tasks.deps, params.id, connectors(), actorOf(who)),
        };
      },
    ),
    route(
      {
        method: 'post',
        path: '/api/v1/regions/preview',
        access: 'agency',
        tag: 'regions',
        summary:
          'The pages of the regions as they will look with `content` (Markdown) in them, as sanitised HTML; nothing is written. 409 `region_missing`/`region_broken`',
        body: regionUpdateSchema,
        responses: answers(200, 'The pages as they will look', regionPreviewAnswer),
      },
      async ({ body }) => ({
        json: {
          pages: await previewRegions(tasks.deps, body.regionIds, body.content, connectors()),
        },
      }),
    ),
    route(
      {
        method: 'post',
        path: '/api/v1/regions/update',
        access: 'agency',
        tag: 'regions',
        summary:
          'Put `content` (Markdown) into the regions: one content item of kind `region`, one publish task, one publication per site. `unchanged`: regions that already hold this text. 409 `region_missing`/`region_broken` with how to put the markers back',
        body: regionUpdateSchema,
        success: 201,
        responses: answers(201, 'The publish task and its text', regionUpdateAnswer),
      },
      async ({ body, who }) => ({
        status: 201,
        json: await tasks.requestRegionUpdate(body, actorOf(who)),
      }),
    ),
    route(
      {
        method: 'get',
        path: '/api/v1/regions/:id',
        access: 'agency',
        tag: 'regions',
        summary:
          'One region, read from its site now; when the site cannot be read, the remembered one with `problem`',
        params: idParams,
        responses: answers(200, 'The region', regionAnswer),
      },
      async ({ params }) => ({
        json: deps.connectorFor
          ? await readLiveRegion(tasks.deps, params.id, deps.connectorFor)
          : await getRegion(tasks.deps, params.id),
      }),
    ),
    route(
      {
        method: 'patch',
        path: '/api/v1/regions/:id',
        access: 'agency',
        tag: 'regions',
        summary: 'Rename a region for the secretary (`label`); the markers on the site stay',
        params: idParams,
        body: z.strictObject({ label: plainText(200).min(1, 'must not be empty') }),
        responses: answers(200, 'The renamed region', regionAnswer),
      },
      async ({ params, body }) => ({
        json: await renameRegion(tasks.deps, params.id, body.label),
      }),
    ),
  ];
}
