/**
 * Letters beyond writing and sending (issue 20): the client's approval through her private link
 * (the agency sends it, she reads the PDF and decides; her decision goes through the client
 * space's decision route) and the dictation — a voice message uploaded onto the letter.
 */
import { audioTypeOf, AUDIO_HEAD_BYTES } from '../../content/audio-types.js';
import {
  askForApproval,
  clientLetterPdf,
  letterApprovalRequestSchema,
} from '../../tasks/letters/approval.js';
import { attachDictation, MAX_DICTATION_BYTES } from '../../tasks/letters/dictation.js';
import type { Response } from 'express';
import { z } from 'zod';
import { actorOf, clientOf, route, type ApiRoute } from '../api/define.js';
import type { RouteDeps } from '../api/deps.js';
import { idParams } from '../api/params.js';
import { HttpError } from '../http-errors.js';
import { discardFiles, readMultipart, type FileKind } from '../multipart.js';
import { letterAnswer } from '../answers/letters.js';
import { answers } from '../answers/page.js';

/** Voice messages: Ogg (Opus, Vorbis), MP3, M4A and WAV, told by their first bytes. */
const AUDIO: FileKind = {
  field: 'audio',
  typeOf: audioTypeOf,
  headBytes: AUDIO_HEAD_BYTES,
  expected: 'must be a voice message (Ogg/Opus, MP3, M4A or WAV) sent as field "audio"',
};

const sendPdf = (res: Response, pdf: Buffer, name: string): void => {
  res
    .type('application/pdf')
    .setHeader('Content-Disposition', `inline; filename="${name}.pdf"`)
    .setHeader('Cache-Control', 'no-store');
  res.send(pdf);
};

/** Approval and dictation routes of letters. */
export function letterExtraRoutes(deps: RouteDeps): ApiRoute[] {
  const inner = deps.tasks.deps;
  return [
    route(
      {
        method: 'post',
        path: '/api/v1/letters/:id/approval',
        access: 'agency',
        tag: 'letters',
        summary:
          'Send the letter to its client for approval (a new round): she sees the PDF on her private page',
        params: idParams,
        body: letterApprovalRequestSchema,
        responses: answers(200, 'The letter, waiting for its client', letterAnswer),
      },
      async ({ params, body, who }) => ({
        json: await askForApproval(inner, params.id, body, actorOf(who)),
      }),
    ),
    route(
      {
        method: 'post',
        path: '/api/v1/letters/:id/dictation',
        access: 'agency',
        tag: 'letters',
        summary: `Attach the client’s voice message to the letter (multipart/form-data, field \`audio\`; Ogg/Opus, MP3, M4A or WAV by their bytes, at most ${MAX_DICTATION_BYTES / 1024 / 1024} MiB); played from /api/v1/uploads/:id`,
        params: idParams,
        body: z.strictObject({}),
        bodyType: 'multipart',
        success: 201,
        responses: answers(201, 'The letter with the voice message in its dictation', letterAnswer),
      },
      async ({ params, req, body, who }) => {
        if (body !== undefined)
          throw new HttpError(400, 'validation_failed', 'The upload is not valid.', {
            details: [
              { path: 'body.audio', message: 'send the voice message as multipart/form-data' },
            ],
          });
        const { fields, files } = await readMultipart(
          req,
          deps.uploadDir,
          { maxFiles: 1, maxFileBytes: MAX_DICTATION_BYTES },
          { kind: AUDIO },
        );
        try {
          const unknown = Object.keys(fields);
          if (unknown.length || files.length === 0)
            throw new HttpError(400, 'validation_failed', 'The upload is not valid.', {
              details: unknown.length
                ? unknown.map((name) => ({ path: `body.${name}`, message: 'is not a known field' }))
                : [{ path: 'body.audio', message: 'send one voice message' }],
            });
          return { json: await attachDictation(inner, params.id, files, actorOf(who)) };
        } catch (error) {
          // Nothing half-saved: a refused voice message leaves no file behind.
          await discardFiles(files);
          throw error;
        }
      },
    ),
    route(
      {
        method: 'get',
        path: '/api/v1/client/tasks/:id/pdf',
        access: 'client',
        tag: 'client space',
        summary: 'The PDF of a letter sent to me for approval',
        params: idParams,
        produces: '*/*',
      },
      async ({ params, who, res }) => {
        const clientId = clientOf(who);
        sendPdf(res, await clientLetterPdf(inner, clientId, params.id), 'letter');
        return undefined;
      },
    ),
  ];
}
