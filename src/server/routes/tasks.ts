import { z } from 'zod';
import { idSchema, instantSchema, taskKinds } from '../../tasks/schemas/common.js';
import { createTaskSchema, updateTaskSchema } from '../../tasks/schemas/tasks.js';
import { taskStatuses } from '../../tasks/task-list/transitions.js';
import { actorOf, route, type ApiRoute } from '../api/define.js';
import type { RouteDeps } from '../api/deps.js';
import { idParams, listParam, queryInt } from '../api/params.js';
import { historyEntryAnswer, taskAnswer, taskWithHistoryAnswer } from '../answers/tasks.js';
import { answers, listOf, pageOf } from '../answers/page.js';

/** Query of `GET /api/v1/tasks`: the task service's filters as query strings. */
export const taskListQuery = z.strictObject({
  clientId: idSchema.optional(),
  kind: listParam(taskKinds).optional(),
  status: listParam(taskStatuses).optional(),
  assignee: z.string().min(1).max(200).optional(),
  dueFrom: instantSchema.optional(),
  dueTo: instantSchema.optional(),
  order: z.enum(['created', 'due']).optional(),
  limit: queryInt(1, 500).optional(),
  cursor: z.string().min(1).max(500).optional(),
  offset: queryInt(0, 1_000_000).optional(),
});

/** The list-cache key of a parsed task-list query; its keys are in schema order, so equal questions make equal keys. */
export function taskListKey(query: z.output<typeof taskListQuery>): string {
  return JSON.stringify(query);
}

const statusBody = z.strictObject({
  to: z.enum(taskStatuses),
  note: z.string().trim().max(5000).optional(),
  expectedVersion: z.number().int().min(1).optional(),
});

/** Tasks of every kind: list with filters and paging, create, change, move, history. */
export function taskRoutes(deps: RouteDeps): ApiRoute[] {
  const { tasks } = deps;
  return [
    route(
      {
        method: 'get',
        path: '/api/v1/tasks',
        access: 'agency',
        tag: 'tasks',
        summary:
          'List tasks by client, kind, status, assignee, due range; paged by `cursor` (keyset) or `offset`',
        query: taskListQuery,
        responses: answers(200, 'One page of tasks', pageOf(taskAnswer)),
      },
      async ({ query, res }) => {
        if (!deps.listCache) return { json: await tasks.listTasks(query) };
        // The task-list fast lane (src/server/fast-lane) answers hits of the same key before
        // express; this is the way for misses and everything the lane leaves to express.
        const body = await deps.listCache.get(taskListKey(query), () => tasks.listTasks(query));
        // The same Content-Type res.json() sends; the bytes are sent as kept, not re-encoded.
        res.type('json').send(body);
        return undefined;
      },
    ),
    route(
      {
        method: 'post',
        path: '/api/v1/tasks',
        access: 'agency',
        tag: 'tasks',
        summary: 'Add a task (call, mail, site-edit, publish)',
        body: createTaskSchema,
        success: 201,
        responses: answers(201, 'The new task', taskAnswer),
      },
      async ({ body, who }) => ({ json: await tasks.createTask(body, actorOf(who)) }),
    ),
    route(
      {
        method: 'get',
        path: '/api/v1/tasks/:id',
        access: 'agency',
        tag: 'tasks',
        summary: 'One task with its history and publications',
        params: idParams,
        responses: answers(200, 'The task, its history and publications', taskWithHistoryAnswer),
      },
      async ({ params }) => ({ json: await tasks.getTask(params.id) }),
    ),
    route(
      {
        method: 'patch',
        path: '/api/v1/tasks/:id',
        access: 'agency',
        tag: 'tasks',
        summary: 'Change fields of a task',
        params: idParams,
        body: updateTaskSchema,
        responses: answers(200, 'The changed task', taskAnswer),
      },
      async ({ params, body, who }) => ({
        json: await tasks.updateTask(params.id, body, actorOf(who)),
      }),
    ),
    route(
      {
        method: 'post',
        path: '/api/v1/tasks/:id/status',
        access: 'agency',
        tag: 'tasks',
        summary: 'Move a task to another status (only allowed transitions)',
        params: idParams,
        body: statusBody,
        responses: answers(200, 'The moved task', taskAnswer),
      },
      async ({ params, body, who }) => ({
        json: await tasks.transitionTask(params.id, body.to, {
          ...actorOf(who),
          note: body.note,
          expectedVersion: body.expectedVersion,
        }),
      }),
    ),
    route(
      {
        method: 'get',
        path: '/api/v1/tasks/:id/history',
        access: 'agency',
        tag: 'tasks',
        summary: 'The history of a task, oldest first',
        params: idParams,
        responses: answers(200, 'The history, oldest first', listOf(historyEntryAnswer)),
      },
      async ({ params }) => ({ json: { items: (await tasks.getTask(params.id)).history } }),
    ),
  ];
}
