import { z } from 'zod';
import { idSchema } from '../../tasks/schemas/common.js';
import { requestTextSchema, sendForApprovalSchema } from '../../tasks/thread/thread.js';
import { actorOf, route, type ApiRoute } from '../api/define.js';
import type { RouteDeps } from '../api/deps.js';
import { idParams, queryInt } from '../api/params.js';
import { taskAnswer, threadAnswer } from '../answers/tasks.js';
import { answers } from '../answers/page.js';
import { contentItemAnswer, uploadAnswer } from '../answers/content.js';

/** The thread: a request's text, sending it for approval, the thread of a text, request images into texts. */
export function threadRoutes(deps: RouteDeps): ApiRoute[] {
  const { tasks } = deps;
  return [
    route(
      {
        method: 'post',
        path: '/api/v1/tasks/:id/text',
        access: 'agency',
        tag: 'thread',
        summary:
          'Start the text of a client request: a content item for the request’s client, linked to the request (409 when it has one)',
        params: idParams,
        body: requestTextSchema,
        success: 201,
        responses: answers(
          201,
          'The new text and the request it answers',
          z.object({ item: contentItemAnswer, request: taskAnswer }),
        ),
      },
      async ({ params, body, who }) => ({
        json: await tasks.startTextForRequest(params.id, body, actorOf(who)),
      }),
    ),
    route(
      {
        method: 'post',
        path: '/api/v1/content-items/:id/approval',
        access: 'agency',
        tag: 'thread',
        summary:
          'Send a text to its client for approval on the chosen sites, with a note; `publishWhenApproved` publishes on approval. Answers its publish task (one per text), waiting for the client',
        params: idParams,
        body: sendForApprovalSchema,
        success: 201,
        responses: answers(201, 'The publish task, waiting for the client', taskAnswer),
      },
      async ({ params, body, who }) => ({
        json: await tasks.sendForApproval(params.id, body, actorOf(who)),
      }),
    ),
    route(
      {
        method: 'get',
        path: '/api/v1/content-items/:id/thread',
        access: 'agency',
        tag: 'thread',
        summary: 'The request a text answers and its publish task, where they exist',
        params: idParams,
        responses: answers(200, 'The request and the publish task', threadAnswer),
      },
      async ({ params }) => {
        await tasks.getContentItem(params.id);
        return { json: await tasks.getThread(params.id) };
      },
    ),
    route(
      {
        method: 'post',
        path: '/api/v1/tasks/:id/attachments/:n/upload',
        access: 'agency',
        tag: 'thread',
        summary:
          'Copy a task’s image (a client’s, with a request) into a new upload, to put it into a text',
        params: z.strictObject({ id: idSchema, n: queryInt(0, 999) }),
        success: 201,
        responses: answers(201, 'The new upload', uploadAnswer),
      },
      async ({ params, who }) => ({
        json: await tasks.uploadFromAttachment(
          params.id,
          params.n,
          {
            uploadDir: deps.uploadDir,
            ...(deps.mail ? { mailDir: deps.mail.mailDir } : {}),
          },
          actorOf(who),
        ),
      }),
    ),
  ];
}
