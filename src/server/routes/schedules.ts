import { z } from 'zod';
import { idSchema } from '../../tasks/schemas/common.js';
import { createScheduleSchema, scheduleTextSchema } from '../../tasks/schedules/schemas.js';
import { updateScheduleSchema } from '../../tasks/schedules/schedule-changes.js';
import { actorOf, route, type ApiRoute } from '../api/define.js';
import type { RouteDeps } from '../api/deps.js';
import { idParams, queryInt } from '../api/params.js';
import { scheduleAnswer, scheduleWithRunsAnswer } from '../answers/schedules.js';
import { answers, listOf } from '../answers/page.js';
import { taskAnswer } from '../answers/tasks.js';

/** Recurring publishing: list, create, one with its next runs, change, delete, pause/resume, text supplied ahead. */
export function scheduleRoutes(deps: RouteDeps): ApiRoute[] {
  const { tasks } = deps;
  return [
    route(
      {
        method: 'get',
        path: '/api/v1/schedules',
        access: 'agency',
        tag: 'schedules',
        summary: 'Schedules, of one client or all',
        query: z.strictObject({ clientId: idSchema.optional() }),
        responses: answers(200, 'The schedules', listOf(scheduleAnswer)),
      },
      async ({ query }) => ({ json: { items: await tasks.listSchedules(query) } }),
    ),
    route(
      {
        method: 'post',
        path: '/api/v1/schedules',
        access: 'agency',
        tag: 'schedules',
        summary: 'Add a schedule (RRULE or cron in the client’s timezone)',
        body: createScheduleSchema,
        success: 201,
        responses: answers(201, 'The new schedule and its next runs', scheduleWithRunsAnswer),
      },
      async ({ body, who }) => {
        const schedule = await tasks.createSchedule(body, actorOf(who));
        return { json: await tasks.getSchedule(schedule.id) };
      },
    ),
    route(
      {
        method: 'get',
        path: '/api/v1/schedules/:id',
        access: 'agency',
        tag: 'schedules',
        summary: 'A schedule with its next runs (`runs`, default 5) in the client’s time',
        params: idParams,
        query: z.strictObject({ runs: queryInt(1, 50).optional() }),
        responses: answers(200, 'The schedule and its next runs', scheduleWithRunsAnswer),
      },
      async ({ params, query }) => ({ json: await tasks.getSchedule(params.id, query.runs) }),
    ),
    route(
      {
        method: 'patch',
        path: '/api/v1/schedules/:id',
        access: 'agency',
        tag: 'schedules',
        summary:
          'Change a schedule (name, rule, start/end/count, template, sites, catch-up); answers it with its next runs, recomputed from now',
        params: idParams,
        body: updateScheduleSchema,
        responses: answers(200, 'The changed schedule and its next runs', scheduleWithRunsAnswer),
      },
      async ({ params, body, who }) => {
        await tasks.updateSchedule(params.id, body, actorOf(who));
        return { json: await tasks.getSchedule(params.id) };
      },
    ),
    route(
      {
        method: 'delete',
        path: '/api/v1/schedules/:id',
        access: 'agency',
        tag: 'schedules',
        summary: 'Delete a schedule; the tasks it made stay (their link to it is cleared)',
        params: idParams,
        success: 204,
      },
      async ({ params, who }) => {
        await tasks.deleteSchedule(params.id, actorOf(who));
        return {};
      },
    ),
    route(
      {
        method: 'put',
        path: '/api/v1/schedules/:id/enabled',
        access: 'agency',
        tag: 'schedules',
        summary: 'Pause (`enabled: false`) or resume a schedule; resumed, it runs next from now',
        params: idParams,
        body: z.strictObject({ enabled: z.boolean() }),
        responses: answers(200, 'The schedule and its next runs', scheduleWithRunsAnswer),
      },
      async ({ params, body, who }) => {
        await tasks.setScheduleEnabled(params.id, body.enabled, actorOf(who));
        return { json: await tasks.getSchedule(params.id) };
      },
    ),
    route(
      {
        method: 'post',
        path: '/api/v1/schedules/:id/texts',
        access: 'agency',
        tag: 'schedules',
        summary: 'Supply the text of the occurrence on a client-local date',
        params: idParams,
        body: scheduleTextSchema.omit({ scheduleId: true }),
        responses: answers(
          200,
          'The task that waited for this text and is now queued, when one did',
          z.object({ released: taskAnswer.optional() }),
        ),
      },
      async ({ params, body, who }) => ({
        json: await tasks.supplyScheduleText({ ...body, scheduleId: params.id }, actorOf(who)),
      }),
    ),
  ];
}
