/**
 * The files of a reply (issue 24): uploaded from the reply box before the reply is sent, any
 * type, answered file by file like the Write screen's images (the good ones kept, each refused
 * one named with its reason), then named by id in `POST /api/v1/tasks/:id/reply`.
 */
import { z } from 'zod';
import { recordReplyFiles, replyFileLimits } from '../../tasks/mail/reply-files.js';
import { actorOf, route, type ApiRoute } from '../api/define.js';
import type { RouteDeps } from '../api/deps.js';
import { idParams } from '../api/params.js';
import { HttpError } from '../http-errors.js';
import { answerUpload, uploadAnswerSchemas } from './upload-answer.js';
import { ANY_FILE, readMultipart, type RefusedReason } from '../multipart.js';

const reasons = [
  'wrong_field',
  'too_big',
  'empty',
  'cut_off',
  'not_saved',
] as const satisfies readonly RefusedReason[];

const { refused: refusedSchema, answer: answerSchema } = uploadAnswerSchemas(reasons, 'files');

const noFiles = (message: string) =>
  new HttpError(400, 'validation_failed', 'The upload is not valid.', {
    details: [{ path: 'body.files', message }],
  });

/** `POST /api/v1/tasks/:id/reply-files`. */
export function replyFileRoutes(deps: RouteDeps): ApiRoute[] {
  const { maxFiles, maxFileBytes } = replyFileLimits;
  return [
    route(
      {
        method: 'post',
        path: '/api/v1/tasks/:id/reply-files',
        access: 'agency',
        tag: 'mail',
        summary: `Upload 1–${maxFiles} files to send with a reply to a mail task (multipart/form-data, field \`files\`, any type, ${maxFileBytes / 1024 / 1024} MiB each); name them by \`id\` in the reply's \`attachments\`. Answered per file: the good files are stored (\`items\`), each refused one is listed with its \`reason\` (\`refused\`); when none could be stored, 400 with the same list`,
        params: idParams,
        body: z.strictObject({}),
        bodyType: 'multipart',
        success: 201,
        responses: {
          201: { description: 'The stored files and the refused ones', schema: answerSchema },
          400: {
            description:
              'Nothing stored: `error.details` names each wrong part (`body.files.N`), `refused` says why per file',
            schema: z.object({
              error: z.object({ code: z.string(), message: z.string() }),
              refused: refusedSchema,
            }),
          },
        },
      },
      async ({ req, params, body, who }) => {
        if (body !== undefined)
          throw noFiles('send the files as multipart/form-data in the field "files"');
        const { task } = await deps.tasks.getTask(params.id);
        if (task.kind !== 'mail')
          throw new HttpError(400, 'validation_failed', 'Only a mail task has replies.', {
            details: [{ path: 'id', message: 'is not a mail task' }],
          });
        const read = await readMultipart(
          req,
          deps.uploadDir,
          { maxFiles, maxFileBytes },
          { perFile: true, kind: ANY_FILE },
        );
        return answerUpload(
          read,
          'files',
          () => noFiles(`send 1–${maxFiles} files`),
          (files) => recordReplyFiles(deps.tasks.deps, files, actorOf(who)),
        );
      },
    ),
  ];
}
