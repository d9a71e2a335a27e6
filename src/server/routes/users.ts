import { addUserSchema } from '../../tasks/accounts/users.js';
import { createApiTokenSchema } from '../../tasks/accounts/sessions.js';
import { route, userOf, type ApiRoute } from '../api/define.js';
import type { RouteDeps } from '../api/deps.js';
import { idParams } from '../api/params.js';
import { apiTokenAnswer, newApiTokenAnswer, userAnswer } from '../answers/accounts.js';
import { answers, listOf } from '../answers/page.js';

/** Agency accounts (admin only) and each user's API tokens. */
export function userRoutes(deps: RouteDeps): ApiRoute[] {
  return [
    route(
      {
        method: 'get',
        path: '/api/v1/users',
        access: 'admin',
        tag: 'users',
        summary: 'List agency accounts',
        responses: answers(200, 'The agency accounts', listOf(userAnswer)),
      },
      async () => ({ json: { items: await deps.accounts.listUsers() } }),
    ),
    route(
      {
        method: 'post',
        path: '/api/v1/users',
        access: 'admin',
        tag: 'users',
        summary: 'Add an agency account',
        body: addUserSchema,
        success: 201,
        responses: answers(201, 'The new account', userAnswer),
      },
      async ({ body }) => ({ json: await deps.accounts.addUser(body) }),
    ),
    route(
      {
        method: 'get',
        path: '/api/v1/tokens',
        access: 'agency',
        tag: 'users',
        summary: 'My API tokens (never the tokens themselves)',
        responses: answers(200, 'My API tokens', listOf(apiTokenAnswer)),
      },
      async ({ who }) => ({ json: { items: await deps.accounts.listApiTokens(userOf(who).id) } }),
    ),
    route(
      {
        method: 'post',
        path: '/api/v1/tokens',
        access: 'agency',
        tag: 'users',
        summary: 'Make an API token; it is shown only in this answer',
        body: createApiTokenSchema,
        success: 201,
        responses: answers(201, 'The new token, shown only now', newApiTokenAnswer),
      },
      async ({ who, body }) => ({ json: await deps.accounts.createApiToken(userOf(who), body) }),
    ),
    route(
      {
        method: 'delete',
        path: '/api/v1/tokens/:id',
        access: 'agency',
        tag: 'users',
        summary: 'Revoke an API token (admins: anyone’s)',
        params: idParams,
        success: 204,
      },
      async ({ who, params }) => {
        const user = userOf(who);
        await deps.accounts.revokeApiToken(params.id, user.role === 'admin' ? undefined : user.id);
        return {};
      },
    ),
  ];
}
