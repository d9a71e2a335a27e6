import { z } from 'zod';
import type { ErrorBody } from '../error-handler.js';
import { HttpError } from '../http-errors.js';
import {
  discardFiles,
  type RefusedFile,
  type RefusedReason,
  type SavedFile,
} from '../multipart.js';
import { uploadAnswer } from '../answers/content.js';

/**
 * The answer of a per-file upload (images for texts, files for replies), for the OpenAPI
 * document: the stored files in the order sent and each refused one with its reason.
 */
export function uploadAnswerSchemas(
  reasons: readonly [RefusedReason, ...RefusedReason[]],
  stored: string,
) {
  const refused = z.array(
    z.object({
      index: z.number().int().describe('place of the file among those sent, from 0'),
      filename: z.string().describe('the name it was sent with'),
      reason: z.enum(reasons),
      message: z.string(),
    }),
  );
  const answer = z.object({
    items: z
      .array(uploadAnswer)
      .describe(`the stored ${stored}, in the order sent (refused files left out)`),
    refused,
  });
  return { refused, answer };
}

/** What a per-file upload read from its body. */
interface ReadUpload {
  fields: Record<string, string>;
  files: SavedFile[];
  refused: RefusedFile[];
}

/**
 * The answer to a per-file upload: 400 for an unknown field, 400 naming each refused file
 * (`body.<field>.N`) when none could be stored, `none(…)` when nothing was sent, else the
 * stored items from `store` beside the refused files. Nothing half-saved: on any error the
 * files already written are removed.
 */
export async function answerUpload<Item>(
  read: ReadUpload,
  field: string,
  none: () => HttpError,
  store: (files: SavedFile[]) => Promise<Item[]>,
): Promise<
  | { status: 400; json: ErrorBody & { refused: RefusedFile[] } }
  | { json: { items: Item[]; refused: RefusedFile[] } }
> {
  const { fields, files, refused } = read;
  try {
    const unknown = Object.keys(fields);
    if (unknown.length)
      throw new HttpError(400, 'validation_failed', 'The upload is not valid.', {
        details: unknown.map((name) => ({ path: `body.${name}`, message: 'is not a known field' })),
      });
    if (files.length === 0 && refused.length > 0)
      return {
        status: 400,
        json: {
          error: {
            code: 'validation_failed',
            message: 'None of the files could be stored.',
            details: refused.map((r) => ({ path: `body.${field}.${r.index}`, message: r.message })),
          },
          refused,
        },
      };
    if (files.length === 0) throw none();
    return { json: { items: await store(files), refused } };
  } catch (error) {
    await discardFiles(files);
    throw error;
  }
}
