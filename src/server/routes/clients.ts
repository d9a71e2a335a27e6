import { z } from 'zod';
import { linkStates } from '../../tasks/accounts/index.js';
import { createClientLinkSchema } from '../../tasks/accounts/links.js';
import { createClientSchema, updateClientSchema } from '../../tasks/schemas/entities.js';
import { actorOf, route, userOf, type ApiRoute } from '../api/define.js';
import type { RouteDeps } from '../api/deps.js';
import { idParams } from '../api/params.js';
import { removeClient } from '../../tasks/clients/removal.js';
import { clientRemovalRoutes } from './client-removal.js';
import { historyRoutes } from './history.js';
import {
  clientAnswer,
  clientArchiveAnswer,
  clientLinkAnswer,
  newClientLinkAnswer,
} from '../answers/clients.js';
import { answers, listOf } from '../answers/page.js';

/** Query of the links list: every link (default) or only the live ones. */
const linksQuery = z.strictObject({ state: z.enum(linkStates).default('all') });

/** Clients, their private links, and the agency-wide history. */
export function clientRoutes(deps: RouteDeps): ApiRoute[] {
  const { tasks, accounts } = deps;
  return [
    ...historyRoutes(deps),
    ...clientRemovalRoutes(deps),
    route(
      {
        method: 'get',
        path: '/api/v1/clients',
        access: 'agency',
        tag: 'clients',
        summary: 'All clients by name',
        responses: answers(200, 'The clients', listOf(clientAnswer)),
      },
      async () => ({ json: { items: await tasks.listClients() } }),
    ),
    route(
      {
        method: 'post',
        path: '/api/v1/clients',
        access: 'agency',
        tag: 'clients',
        summary: 'Add a client',
        body: createClientSchema,
        success: 201,
        responses: answers(201, 'The new client', clientAnswer),
      },
      async ({ body, who }) => ({ json: await tasks.createClient(body, actorOf(who)) }),
    ),
    route(
      {
        method: 'get',
        path: '/api/v1/clients/:id',
        access: 'agency',
        tag: 'clients',
        summary: 'One client',
        params: idParams,
        responses: answers(200, 'The client', clientAnswer),
      },
      async ({ params }) => ({ json: await tasks.getClient(params.id) }),
    ),
    route(
      {
        method: 'patch',
        path: '/api/v1/clients/:id',
        access: 'agency',
        tag: 'clients',
        summary: 'Change some fields of a client',
        params: idParams,
        body: updateClientSchema,
        responses: answers(200, 'The changed client', clientAnswer),
      },
      async ({ params, body, who }) => ({
        json: await tasks.updateClient(params.id, body, actorOf(who)),
      }),
    ),
    route(
      {
        method: 'delete',
        path: '/api/v1/clients/:id',
        access: 'agency',
        tag: 'clients',
        summary:
          'Archive a client (never destroyed: history names it): hidden, its sites archived and their secrets deleted, its schedules paused; 409 while publishing for it is under way or a private link is live',
        params: idParams,
        responses: answers(200, 'The archived client', clientArchiveAnswer),
      },
      async ({ params, who }) => ({
        json: await removeClient(tasks.deps, deps.secrets, params.id, actorOf(who)),
      }),
    ),
    route(
      {
        method: 'get',
        path: '/api/v1/clients/:id/links',
        access: 'agency',
        tag: 'client links',
        summary:
          'The private links of a client, newest first: id, label, created, expires, revoked, last used (never their tokens); `state=live` keeps those that still open the client page',
        params: idParams,
        query: linksQuery,
        responses: answers(200, 'The links, newest first', listOf(clientLinkAnswer)),
      },
      async ({ params, query }) => {
        await tasks.getClient(params.id);
        return { json: { items: await accounts.listClientLinks(params.id, query.state) } };
      },
    ),
    route(
      {
        method: 'post',
        path: '/api/v1/clients/:id/links',
        access: 'agency',
        tag: 'client links',
        summary: 'Make a private link; the token is shown only in this answer',
        params: idParams,
        body: createClientLinkSchema,
        success: 201,
        responses: answers(201, 'The new link with its token', newClientLinkAnswer),
      },
      async ({ params, body, who }) => ({
        json: await accounts.createClientLink(params.id, body, userOf(who).username),
      }),
    ),
    route(
      {
        method: 'delete',
        path: '/api/v1/client-links/:id',
        access: 'agency',
        tag: 'client links',
        summary: 'Revoke a private link at once',
        params: idParams,
        success: 204,
      },
      async ({ params }) => {
        await accounts.revokeClientLink(params.id);
        return {};
      },
    ),
  ];
}
