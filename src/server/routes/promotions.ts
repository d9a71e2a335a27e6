import { z } from 'zod';
import { idSchema } from '../../tasks/schemas/common.js';
import { route, type ApiRoute } from '../api/define.js';
import type { RouteDeps } from '../api/deps.js';
import { livePromotionAnswer } from '../answers/tasks.js';
import { answers, listOf } from '../answers/page.js';

/** Promotions live on the sites now: what Today shows as "live until …" (issue 23). */
export function promotionRoutes(deps: RouteDeps): ApiRoute[] {
  return [
    route(
      {
        method: 'get',
        path: '/api/v1/promotions/live',
        access: 'agency',
        tag: 'publishing',
        summary:
          'Promotions live on a site now, the one ending first first, with each live page; until its take-down is done, one whose end passed stays listed',
        query: z.strictObject({ clientId: idSchema.optional() }),
        responses: answers(
          200,
          'The live promotions, ending first first',
          listOf(livePromotionAnswer),
        ),
      },
      async ({ query }) => ({
        json: { items: await deps.tasks.listLivePromotions({ clientId: query.clientId }) },
      }),
    ),
  ];
}
