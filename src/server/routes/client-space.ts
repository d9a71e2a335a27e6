import { z } from 'zod';
import {
  clientActor,
  clientDecisionSchema,
  clientRequestSchema,
  clientView,
  decideOnTask,
  listClientTasks,
  submitClientRequest,
} from '../../tasks/accounts/client-space.js';
import { decideOnLetter } from '../../tasks/letters/approval.js';
import { idSchema } from '../../tasks/schemas/common.js';
import { NotFoundError } from '../../shared/errors.js';
import { clientOf, route, type ApiRoute } from '../api/define.js';
import type { RouteDeps } from '../api/deps.js';
import { idParams, queryInt } from '../api/params.js';
import { badRequest, parsePart } from '../api/validate.js';
import { discardFiles, readMultipart, type SavedFile } from '../multipart.js';
import type { FieldIssue } from '../../shared/errors.js';
import { clientMeAnswer, clientTaskAnswer } from '../answers/accounts.js';
import { answers, pageOf } from '../answers/page.js';

const requestFields = z.strictObject({
  request: clientRequestSchema.shape.request,
  siteId: idSchema.optional(),
});

/** The client's own space, opened by its private link only. */
export function clientSpaceRoutes(deps: RouteDeps): ApiRoute[] {
  const { tasks } = deps;
  return [
    route(
      {
        method: 'get',
        path: '/api/v1/client/me',
        access: 'client',
        tag: 'client space',
        summary: 'The client this link opens, and its sites (names and addresses only)',
        responses: answers(200, 'The client and its sites', clientMeAnswer),
      },
      async ({ who }) => {
        const client = await tasks.getClient(clientOf(who));
        const sites = await tasks.listSites({ clientId: client.id });
        return {
          json: {
            id: client.id,
            name: client.name,
            timezone: client.timezone,
            sites: sites.map((s) => ({ id: s.id, name: s.name, url: s.url })),
          },
        };
      },
    ),
    route(
      {
        method: 'get',
        path: '/api/v1/client/tasks',
        access: 'client',
        tag: 'client space',
        summary: 'My requests and what waits for my decision, newest first',
        query: z.strictObject({
          limit: queryInt(1, 100).optional(),
          cursor: z.string().min(1).max(500).optional(),
        }),
        responses: answers(200, 'One page of her tasks', pageOf(clientTaskAnswer)),
      },
      async ({ who, query }) => ({ json: await listClientTasks(tasks, clientOf(who), query) }),
    ),
    route(
      {
        method: 'post',
        path: '/api/v1/client/requests',
        access: 'client',
        tag: 'client space',
        summary:
          'Ask for a change on my site: text, optional site, up to 5 images (field `images`; JPEG, PNG, GIF, WebP, 8 MiB each) as multipart/form-data, or JSON without images',
        body: requestFields,
        bodyType: 'multipart',
        success: 201,
        responses: answers(201, 'My new request', clientTaskAnswer),
      },
      async ({ who, req, body }) => {
        const clientId = clientOf(who);
        if (body !== undefined) return { json: await submitClientRequest(tasks, clientId, body) };
        const { fields, files } = await readMultipart(req, deps.uploadDir, deps.uploadLimits);
        try {
          const issues: FieldIssue[] = [];
          const parsed = parsePart(requestFields, { ...fields }, 'body', issues);
          if (!parsed) throw badRequest(issues);
          const attachments = files.map((f: SavedFile) => ({
            filename: f.filename,
            contentType: f.contentType,
            path: f.path,
            bytes: f.bytes,
          }));
          return { json: await submitClientRequest(tasks, clientId, { ...parsed, attachments }) };
        } catch (error) {
          // Nothing half-saved: a refused request leaves no files behind.
          await discardFiles(files);
          throw error;
        }
      },
    ),
    route(
      {
        method: 'post',
        path: '/api/v1/client/tasks/:id/decision',
        access: 'client',
        tag: 'client space',
        summary: 'Approve or reject what I was shown (a preview, a letter’s PDF), with a comment',
        params: idParams,
        body: clientDecisionSchema,
        responses: answers(200, 'The task after my decision', clientTaskAnswer),
      },
      async ({ who, params, body }) => {
        const clientId = clientOf(who);
        const found = await tasks.getTask(params.id).catch((error: unknown) => {
          if (error instanceof NotFoundError) return undefined;
          throw error;
        });
        // A letter's round lives in the letter (src/tasks/letters/approval.ts).
        if (found?.task.kind === 'letter' && found.task.clientId === clientId) {
          const letter = await decideOnLetter(tasks.deps, clientId, params.id, body, {
            actor: clientActor(clientId),
          });
          return { json: clientView(letter) };
        }
        return { json: await decideOnTask(tasks, clientId, params.id, body) };
      },
    ),
  ];
}
