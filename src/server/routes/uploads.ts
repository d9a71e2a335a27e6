import { z } from 'zod';
import { actorOf, route, type ApiRoute } from '../api/define.js';
import type { RouteDeps } from '../api/deps.js';
import { idParams } from '../api/params.js';
import { HttpError } from '../http-errors.js';
import { answerUpload, uploadAnswerSchemas } from './upload-answer.js';
import { sendStoredFile } from '../send-file.js';
import { readMultipart, type RefusedReason } from '../multipart.js';

// Upload ids name fixed bytes (an upload is never changed), so browsers may keep them.
const IMMUTABLE = 'private, max-age=31536000, immutable';

const noImages = (message: string) =>
  new HttpError(400, 'validation_failed', 'The upload is not valid.', {
    details: [{ path: 'body.images', message }],
  });

const reasons = [
  'not_an_image',
  'wrong_field',
  'too_big',
  'empty',
  'cut_off',
  'not_saved',
] as const satisfies readonly RefusedReason[];

const { refused: refusedSchema, answer: uploadAnswerSchema } = uploadAnswerSchemas(
  reasons,
  'images',
);

/** Agency image uploads for content items: upload, then fetch by id. */
export function uploadRoutes(deps: RouteDeps): ApiRoute[] {
  const { tasks } = deps;
  const max = deps.uploadLimits.maxFiles ?? 5;
  return [
    route(
      {
        method: 'post',
        path: '/api/v1/uploads',
        access: 'agency',
        tag: 'content',
        summary: `Upload 1–${max} images for content items (multipart/form-data, field \`images\`; JPEG, PNG, GIF, WebP by their bytes, 8 MiB each); refer to them by \`id\` in a content item's \`images\` and by \`filename\` in its Markdown. Answered per file: the good files are stored (\`items\`) and each refused one is listed with its \`reason\` (\`refused\`); when none could be stored, 400 with the same \`refused\` list`,
        // No text fields: the JSON form exists only to be refused with a clear message.
        body: z.strictObject({}),
        bodyType: 'multipart',
        success: 201,
        responses: {
          201: {
            description: 'The stored images and the refused files',
            schema: uploadAnswerSchema,
          },
          400: {
            description:
              'Nothing stored: `error.details` names each wrong part (`body.images.N`), `refused` says why per file',
            schema: z.object({
              error: z.object({ code: z.string(), message: z.string() }),
              refused: refusedSchema,
            }),
          },
        },
      },
      async ({ req, body, who }) => {
        if (body !== undefined)
          throw noImages('send the images as multipart/form-data in the field "images"');
        const read = await readMultipart(req, deps.uploadDir, deps.uploadLimits, {
          perFile: true,
        });
        return answerUpload(
          read,
          'images',
          () => noImages(`send 1–${max} images`),
          (files) => tasks.recordUploads(files, actorOf(who)),
        );
      },
    ),
    route(
      {
        method: 'get',
        path: '/api/v1/uploads/:id',
        access: 'agency',
        tag: 'content',
        summary: 'The bytes of an uploaded image (inline, no-sniff, sandboxed)',
        params: idParams,
        produces: '*/*',
      },
      async ({ params, res }) => {
        await sendStoredFile(res, await tasks.getUploadFile(params.id), IMMUTABLE);
        return undefined;
      },
    ),
  ];
}
