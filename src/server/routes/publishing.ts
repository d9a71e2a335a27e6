import { z } from 'zod';
import { createPreviewSchema } from '../../tasks/accounts/links.js';
import { idSchema } from '../../tasks/schemas/common.js';
import {
  apiContentItemSchema,
  textStates,
  updateContentItemSchema,
} from '../../tasks/schemas/content.js';
import { requestPublishSchema } from '../../tasks/schemas/tasks.js';
import { decideConflictSchema, EditConflictError } from '../../tasks/index.js';
import { HttpError } from '../http-errors.js';
import { actorOf, route, userOf, type ApiRoute } from '../api/define.js';
import type { RouteDeps, PublicationControl } from '../api/deps.js';
import { idParams, listParam, queryInt } from '../api/params.js';
import { taskFileRoutes } from './task-files.js';
import { uploadRoutes } from './uploads.js';
import { publicationAnswer, publicationStates } from '../answers/tasks.js';
import { answers, pageOf } from '../answers/page.js';
import {
  contentItemAnswer,
  previewLinkAnswer,
  publicationConflictAnswer,
  publishRequestAnswer,
} from '../answers/content.js';

/** Content items and their image uploads, previews, publish requests, publications (retry, cancel), task files. */
export function publishingRoutes(deps: RouteDeps): ApiRoute[] {
  const { tasks } = deps;
  const control = (): PublicationControl => {
    if (!deps.publications)
      throw new HttpError(
        503,
        'runner_unavailable',
        'This server was started without the publishing runner.',
      );
    return deps.publications;
  };
  return [
    ...uploadRoutes(deps),
    ...taskFileRoutes(deps),
    route(
      {
        method: 'post',
        path: '/api/v1/content-items',
        access: 'agency',
        tag: 'content',
        summary:
          'Save a content item (draft); `images` name uploads (`uploadId`, optional `alt`), never a path',
        body: apiContentItemSchema,
        success: 201,
        responses: answers(201, 'The saved text', contentItemAnswer),
      },
      async ({ body, who }) => ({
        json: await tasks.createContentItemFromUploads(body, actorOf(who)),
      }),
    ),
    route(
      {
        method: 'get',
        path: '/api/v1/content-items',
        access: 'agency',
        tag: 'content',
        summary:
          'Content items, of one client or all, newest first; paged by `cursor`. `state`: `draft` (not published, not waiting), `scheduled` (waiting to go out, live nowhere yet), `published` (live on at least one site)',
        query: z.strictObject({
          clientId: idSchema.optional(),
          state: z.enum(textStates).optional(),
          limit: queryInt(1, 200).optional(),
          cursor: idSchema.optional(),
        }),
        responses: answers(200, 'One page of texts', pageOf(contentItemAnswer)),
      },
      async ({ query }) => ({ json: await tasks.listContentItems(query) }),
    ),
    route(
      {
        method: 'patch',
        path: '/api/v1/content-items/:id',
        access: 'agency',
        tag: 'content',
        summary:
          'Change a content item (title, slug, markdown, excerpt, tags, categories, images by `uploadId`, language, startsAt/endsAt, the chosen siteIds and publishAt; null clears); 409 `conflict` while one of its publications is being published. With `baseRevision` (the `revision` it was read at), 409 `edit_conflict` when it was saved since, with the current version in `current` and nothing changed; each change counts `revision` up. Waiting publications take the change; sites that have it keep their copy until it is published again',
        params: idParams,
        body: updateContentItemSchema,
        responses: {
          ...answers(200, 'The changed text', contentItemAnswer),
          409: {
            description:
              '`edit_conflict`: saved since `baseRevision`; `current` is the stored version (nothing changed). `conflict`: being published now',
            schema: z.object({
              error: z.object({ code: z.string(), message: z.string() }),
              current: contentItemAnswer.optional(),
            }),
          },
        },
      },
      async ({ params, body, who }) => {
        try {
          return { json: await tasks.updateContentItem(params.id, body, actorOf(who)) };
        } catch (error) {
          // The other version goes with the refusal, so the editor can show both.
          if (!(error instanceof EditConflictError)) throw error;
          return {
            status: 409,
            json: { error: { code: error.code, message: error.message }, current: error.current },
          };
        }
      },
    ),
    route(
      {
        method: 'get',
        path: '/api/v1/content-items/:id',
        access: 'agency',
        tag: 'content',
        summary: 'One content item',
        params: idParams,
        responses: answers(200, 'The text', contentItemAnswer),
      },
      async ({ params }) => ({ json: await tasks.getContentItem(params.id) }),
    ),
    route(
      {
        method: 'post',
        path: '/api/v1/content-items/:id/previews',
        access: 'agency',
        tag: 'content',
        summary: 'Make an unguessable preview URL (shown only in this answer)',
        params: idParams,
        body: createPreviewSchema,
        success: 201,
        responses: answers(201, 'The preview link, shown only now', previewLinkAnswer),
      },
      async ({ params, body, who }) => {
        const preview = await deps.accounts.createPreview(params.id, body, userOf(who).username);
        return { json: { ...preview, url: `/preview/${preview.token}` } };
      },
    ),
    route(
      {
        method: 'post',
        path: '/api/v1/publish',
        access: 'agency',
        tag: 'publishing',
        summary: 'Queue a content item for one or more sites (one pending publication per site)',
        body: requestPublishSchema,
        success: 201,
        responses: answers(201, 'The publish task and its publications', publishRequestAnswer),
      },
      async ({ body, who }) => ({ json: await tasks.requestPublish(body, actorOf(who)) }),
    ),
    route(
      {
        method: 'get',
        path: '/api/v1/publications',
        access: 'agency',
        tag: 'publishing',
        summary:
          'Publications of a task, or by state, oldest first; paged by `cursor` (`limit` default 100)',
        query: z.strictObject({
          taskId: idSchema.optional(),
          state: listParam(publicationStates).optional(),
          limit: queryInt(1, 500).optional(),
          cursor: idSchema.optional(),
        }),
        responses: answers(200, 'One page of publications', pageOf(publicationAnswer)),
      },
      async ({ query }) => ({ json: await tasks.listPublicationsPage(query) }),
    ),
    route(
      {
        method: 'post',
        path: '/api/v1/publications/:id/retry',
        access: 'agency',
        tag: 'publishing',
        summary: 'Make a failed or backing-off publication due now',
        params: idParams,
        responses: answers(200, 'The publication, due now', publicationAnswer),
      },
      async ({ params, who }) => ({ json: await control().retryNow(params.id, actorOf(who)) }),
    ),
    route(
      {
        method: 'get',
        path: '/api/v1/publications/:id/conflict',
        access: 'agency',
        tag: 'publishing',
        summary:
          'A git conflict: the file on the site (`theirs`) and what sitedesk would write (`ours`), side by side; 404 when there is none',
        params: idParams,
        responses: answers(200, 'The conflict', publicationConflictAnswer),
      },
      async ({ params }) => ({ json: await tasks.getPublicationConflict(params.id) }),
    ),
    route(
      {
        method: 'post',
        path: '/api/v1/publications/:id/conflict',
        access: 'agency',
        tag: 'publishing',
        summary:
          'Decide a git conflict: keep `theirs`, use `ours`, or `edit` (the whole file as `text`), for the `version` shown; the publication is then due again. 409 when the site changed since',
        params: idParams,
        body: decideConflictSchema,
        responses: answers(200, 'The publication, due again', publicationAnswer),
      },
      async ({ params, body, who }) => {
        await tasks.decidePublicationConflict(params.id, body, actorOf(who));
        return { json: await control().retryNow(params.id, actorOf(who)) };
      },
    ),
    route(
      {
        method: 'post',
        path: '/api/v1/publications/:id/cancel',
        access: 'agency',
        tag: 'publishing',
        summary: 'Cancel a publication that is not being published right now',
        params: idParams,
        responses: answers(200, 'The cancelled publication', publicationAnswer),
      },
      async ({ params, who }) => ({ json: await control().cancel(params.id, actorOf(who)) }),
    ),
  ];
}
