import { z } from 'zod';
import { idSchema, instantSchema } from '../../tasks/schemas/common.js';
import { route, type ApiRoute } from '../api/define.js';
import type { RouteDeps } from '../api/deps.js';
import { queryInt } from '../api/params.js';
import { historyEntryAnswer } from '../answers/tasks.js';
import { answers, pageOf } from '../answers/page.js';

/** The agency-wide history. */
export function historyRoutes(deps: RouteDeps): ApiRoute[] {
  return [
    route(
      {
        method: 'get',
        path: '/api/v1/history',
        access: 'agency',
        tag: 'history',
        summary:
          'Who changed what, newest first: of one client (itself, its sites, content, schedules, tasks), one task, since an instant; paged by `cursor`',
        query: z.strictObject({
          clientId: idSchema.optional(),
          taskId: idSchema.optional(),
          since: instantSchema.optional(),
          limit: queryInt(1, 200).optional(),
          cursor: idSchema.optional(),
        }),
        responses: answers(200, 'One page of history, newest first', pageOf(historyEntryAnswer)),
      },
      async ({ query }) => ({ json: await deps.tasks.listHistory(query) }),
    ),
  ];
}
